import SimKernel

/// One non-homogeneous Poisson stream of requests from a set of tenants that share a clock:
/// a region's tenants, or one region's share of a burst.
///
/// The stream's rate at time t is `rate * activity(t)`, where `rate` is the sum of its
/// tenants' rates at full activity. Arrivals come by thinning (Lewis and Shedler):
/// candidates at the constant bound `rate * calendar.maximum`, each kept with probability
/// `activity(t) / maximum`. Rejected candidates never become events: the stream loops to
/// its next kept arrival, so the calendar holds one event per stream. The sending tenant is
/// drawn by an alias table weighted by each tenant's rate; tenants of one stream share the
/// clock, so the weights do not change with time.
public struct ArrivalStream {
    public let region: Int
    public let utcOffsetHours: Double
    /// Tenant ids, in alias-table order.
    public private(set) var members: [UInt32]
    public private(set) var table: CompactAliasTable
    /// Requests per second at full activity.
    public private(set) var rate: Double
    public let start: SimTime
    public let end: SimTime
    private let arrivals: RandomStream
    /// The last candidate, in seconds: kept unrounded so rounding to nanoseconds never drifts.
    private var candidate: Double

    /// `weights` are the members' rates in requests per second at full activity.
    public init(
        region: Int, utcOffsetHours: Double, members: [UInt32], weights: [Double], start: SimTime = .zero,
        end: SimTime = .infinity, arrivals: RandomStream
    ) {
        precondition(members.count == weights.count && start < end)
        self.region = region
        self.utcOffsetHours = utcOffsetHours
        self.members = members
        table = CompactAliasTable(weights: weights)
        rate = weights.reduce(0, +)
        self.start = start
        self.end = end
        self.arrivals = arrivals
        candidate = start.seconds
    }

    /// The next arrival, or nil when the stream sends nothing more (no tenants, or its end
    /// has passed).
    public mutating func next(_ calendar: ActivityCalendar) -> SimTime? {
        let maximum = calendar.maximum
        let bound = rate * maximum
        guard bound > 0 else { return nil }
        let endSeconds = end == .infinity ? Double.infinity : end.seconds
        while true {
            candidate += arrivals.exponential(mean: 1 / bound)
            if candidate >= endSeconds { return nil }
            if arrivals.uniform() * maximum < calendar.activity(atSeconds: candidate, utcOffsetHours: utcOffsetHours) {
                return SimTime(seconds: candidate)
            }
        }
    }

    /// The tenant that sends an arrival.
    @inline(__always)
    public func tenant(_ choices: RandomStream) -> UInt32 {
        members[table.sample(choices.bits64())]
    }

    /// Tenants `ids` join the stream at `now`; `weights` are those of all members, the new
    /// ones last. The stream restarts from `now` at its new rate, forgetting the arrival it
    /// had drawn beyond `now`: a Poisson stream's future does not depend on its past, so this
    /// is exact, and without it the new members would wait for an arrival drawn at the old
    /// (possibly zero) rate. The caller ignores the event of the forgotten arrival.
    mutating func join(_ ids: [UInt32], weights: [Double], at now: SimTime) {
        precondition(members.count + ids.count == weights.count)
        members += ids
        table = CompactAliasTable(weights: weights)
        rate = weights.reduce(0, +)
        candidate = max(now, start).seconds
    }

    /// Bytes of the stream's per-tenant arrays (see `TenantPopulation.memoryBytes`).
    public var memoryBytes: Int { members.count * MemoryLayout<UInt32>.stride + table.memoryBytes }
}
