import SimKernel

/// The systems the steps act on (databases, DNS, mail), as far as repetition matters: how
/// often each step's work was done for each tenant, and, for steps that carry an idempotency
/// key, what the key's holder remembers (a run under way, or done).
///
/// Flat arrays indexed by `tenant * steps + step`.
public final class StepEffects {
    public let steps: [ProvisioningStep]
    /// Times each step's work took effect per tenant (saturating at 255).
    private var applied: [UInt8] = []
    private var keys: [KeyState] = []
    private var keyRunEnds: [SimTime] = []
    private var duplicatedTenant: [Bool] = []
    private let durations: [RandomStream]
    private let failures: [RandomStream]

    /// Runs that did the work, runs that only waited for or found the keyed work, failed
    /// runs that did the work, and works that took effect again for a tenant.
    public private(set) var executions = Counter()
    public private(set) var keyedNoOps = Counter()
    public private(set) var failedRuns = Counter()
    public private(set) var duplicateEffects = Counter()
    public private(set) var tenantsWithDuplicateEffects = Counter()

    private enum KeyState: UInt8 {
        case unused
        case runningToSucceed
        case runningToFail
        case done
    }

    public init(steps: [ProvisioningStep], expectedTenants: Int, streams: RandomStreams) {
        precondition(!steps.isEmpty)
        self.steps = steps
        durations = steps.map { streams.stream("provisioning.step.\($0.name)/duration") }
        failures = steps.map { streams.stream("provisioning.step.\($0.name)/failure") }
        let cells = expectedTenants * steps.count
        applied.reserveCapacity(cells)
        keys.reserveCapacity(cells)
        keyRunEnds.reserveCapacity(cells)
        duplicatedTenant.reserveCapacity(expectedTenants)
    }

    /// Makes room for the next tenant's cells.
    public func addTenant() {
        for _ in steps.indices {
            applied.append(0)
            keys.append(.unused)
            keyRunEnds.append(.zero)
        }
        duplicatedTenant.append(false)
    }

    /// Starts `step` for `tenant` at `now`.
    public func begin(tenant: UInt32, step: Int, at now: SimTime) -> StepRun {
        let cell = Int(tenant) * steps.count + step
        if steps[step].idempotencyKey {
            switch keys[cell] {
            case .done:
                keyedNoOps.increment()
                return StepRun(end: now, succeeds: true, doesWork: false)
            case .runningToSucceed, .runningToFail:
                keyedNoOps.increment()
                return StepRun(end: max(now, keyRunEnds[cell]), succeeds: keys[cell] == .runningToSucceed, doesWork: false)
            case .unused:
                break
            }
        }
        let run = StepRun(
            end: now + steps[step].duration.sampleTime(durations[step]),
            succeeds: !failures[step].bernoulli(steps[step].failureProbability), doesWork: true)
        executions.increment()
        if steps[step].idempotencyKey {
            keys[cell] = run.succeeds ? .runningToSucceed : .runningToFail
            keyRunEnds[cell] = run.end
        }
        return run
    }

    /// A run that did the work reached its end: its effect (on success) and its key settle.
    /// Call at `run.end`, before any later run of the same cell begins.
    public func finish(_ run: StepRun, tenant: UInt32, step: Int) {
        guard run.doesWork else { return }
        let cell = Int(tenant) * steps.count + step
        if steps[step].idempotencyKey { keys[cell] = run.succeeds ? .done : .unused }
        guard run.succeeds else {
            failedRuns.increment()
            return
        }
        if applied[cell] < .max { applied[cell] += 1 }
        guard applied[cell] > 1 else { return }
        duplicateEffects.increment()
        if !duplicatedTenant[Int(tenant)] {
            duplicatedTenant[Int(tenant)] = true
            tenantsWithDuplicateEffects.increment()
        }
    }

    /// Times `step` took effect for `tenant`.
    public func effects(tenant: UInt32, step: Int) -> Int {
        Int(applied[Int(tenant) * steps.count + step])
    }

    public func resetStatistics() {
        executions.reset()
        keyedNoOps.reset()
        failedRuns.reset()
        duplicateEffects.reset()
        tenantsWithDuplicateEffects.reset()
    }
}
