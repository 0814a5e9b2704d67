import SimKernel

/// How a sign-up ended, or that it has not yet.
public enum TenantOutcome: UInt8, Sendable, CaseIterable {
    case inProgress
    /// The record reached ACTIVE.
    case ready
    /// The record reached FAILED.
    case failed
    /// The API never created the record: overloaded, or DynamoDB refused the write.
    case rejected
    /// The record exists, but nothing will move it on: the message was never queued (the
    /// dual write half done), or a synchronous request failed to record its end.
    case orphaned
}

/// Every tenant that signed up: when, and how it ended. Tenants are numbered densely in
/// sign-up order; their state lives in flat arrays.
///
/// Counts are kept for the cohort that signed up after the warm-up, so that at any time
/// sign-ups = ready + failed + rejected + orphaned + in progress for it, exactly.
public final class TenantLedger {
    public private(set) var signedUpAt: [SimTime] = []
    public private(set) var outcomes: [TenantOutcome] = []
    /// The first tenant of the measured cohort.
    public private(set) var cohortStart: UInt32 = 0
    private var cohortOutcomes = [UInt64](repeating: 0, count: TenantOutcome.allCases.count)
    /// Sign-up to ACTIVE, for the cohort.
    public private(set) var timeToReady = LatencyRecorder()
    /// Lifetime counts by outcome (in progress: sign-ups), for rates over intervals.
    public private(set) var lifetime = [Counter](repeating: Counter(), count: TenantOutcome.allCases.count)
    /// Told of every tenant that reaches ACTIVE, at that moment; held strongly, so it must not
    /// hold the components that hold the ledger.
    public var readinessListener: (any TenantReadinessListener)?

    public init(expectedTenants: Int) {
        signedUpAt.reserveCapacity(expectedTenants)
        outcomes.reserveCapacity(expectedTenants)
    }

    public var count: Int { signedUpAt.count }

    /// A sign-up arrives: its tenant number.
    public func signUp(at now: SimTime) -> UInt32 {
        precondition(signedUpAt.count < Int(UInt32.max), "too many tenants")
        signedUpAt.append(now)
        outcomes.append(.inProgress)
        lifetime[Int(TenantOutcome.inProgress.rawValue)].increment()
        return UInt32(signedUpAt.count - 1)
    }

    /// The tenant's sign-up ends with `outcome` at `now`; once only.
    public func settle(_ tenant: UInt32, _ outcome: TenantOutcome, at now: SimTime) {
        precondition(outcome != .inProgress && outcomes[Int(tenant)] == .inProgress, "a tenant's sign-up ends once")
        outcomes[Int(tenant)] = outcome
        lifetime[Int(outcome.rawValue)].increment()
        if outcome == .ready { readinessListener?.tenantReady(tenant, at: now) }
        guard isMeasured(tenant) else { return }
        cohortOutcomes[Int(outcome.rawValue)] += 1
        if outcome == .ready { timeToReady.record(now - signedUpAt[Int(tenant)]) }
    }

    public func isMeasured(_ tenant: UInt32) -> Bool { tenant >= cohortStart }

    /// Tenants of the cohort that ended with `outcome`; `.inProgress` counts those still going.
    public func cohortCount(_ outcome: TenantOutcome) -> UInt64 {
        guard outcome == .inProgress else { return cohortOutcomes[Int(outcome.rawValue)] }
        return cohortSignups - cohortOutcomes.reduce(0, +)
    }

    public var cohortSignups: UInt64 { UInt64(count) - UInt64(cohortStart) }

    /// Tenants of any cohort still in progress.
    public var inProgress: Int {
        count - lifetime.dropFirst().reduce(0) { $0 + Int($1.total) }
    }

    /// The cohort restarts with the next sign-up.
    public func resetStatistics() {
        cohortStart = UInt32(count)
        for index in cohortOutcomes.indices { cohortOutcomes[index] = 0 }
        timeToReady.reset()
    }
}
