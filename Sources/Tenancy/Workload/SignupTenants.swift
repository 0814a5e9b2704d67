import SimKernel

/// Sign-ups that become tenants. Sign-up number `n` has the id `firstId + n` (its DynamoDB
/// key too), held in the population from when it is needed; when the sign-up reaches ACTIVE,
/// the tenant is drawn from the population's distributions (a `TenantDraw` with prefix
/// `tenants.signups` on the population's streams, so the k-th tenant to become ACTIVE is the
/// same in every replication and variant), admitted under its id, and joins its region's
/// sign-up stream (see `TenantArrivals`). A sign-up that fails, or is still in progress at
/// the end, keeps its id held and sends nothing.
///
/// Batches: joining rebuilds a region's sign-up alias table, so ACTIVE tenants join at most
/// once per `batchInterval` of simulated time: the first after a quiet interval at once,
/// the others when the interval since the last batch ends. A tenant therefore sends from at
/// most `batchInterval` after it is ACTIVE (`tenants,join_delay_max`).
///
/// Room: the edge's and the sidecars' per-tenant tables are sized when they are built, for
/// ids below `capacity` (see `capacity(configured:expectedSignups:)`). A sign-up whose id is
/// beyond them never sends; it is counted in `tenants,not_added`, never dropped silently.
///
/// Reports `tenants,added` (sign-ups admitted as tenants over the whole run, warm-up
/// included: they are part of the population, not a measurement), `tenants,not_added`, `tenants,active_end`
/// (tenants at the end, configured and added), `tenants,requests_from_new_tenants` (since the
/// warm-up) and `tenants,join_delay_max`.
public final class SignupTenants: Component {
    public static let batchInterval = SimTime.seconds(1)

    public let firstId: Int
    public let capacity: Int
    public let population: TenantPopulation
    private let workload: TenantWorkload
    private let draw: TenantDraw
    /// Admitted tenants waiting for the next batch, in the order they became ACTIVE.
    private var waiting: [UInt32] = []
    /// When the oldest of `waiting` became ACTIVE.
    private var oldestWaiting = SimTime.zero
    private var batchScheduled = false
    private var lastBatch: SimTime?
    public private(set) var added = 0
    public private(set) var notAdded = 0
    public private(set) var longestJoinDelay = SimTime.zero

    /// `streams` are the ones the population was drawn from.
    public init(population: TenantPopulation, workload: TenantWorkload, capacity: Int, streams: RandomStreams) {
        precondition(capacity >= population.count && capacity <= Int(UInt32.max))
        self.population = population
        self.workload = workload
        self.capacity = capacity
        firstId = population.configuration.count
        draw = TenantDraw(population.configuration, streams: streams, prefix: "tenants.signups")
    }

    /// Ids for the configured tenants and for the sign-ups a run is expected to see: their
    /// mean (`SignupLoad.expectedCount`) plus six standard deviations of a Poisson count of
    /// that mean, plus 64. Bursts have exact counts and the steady stream is Poisson, so a
    /// run goes past it only when its sign-ups outnumber the configured load, not by chance.
    public static func capacity(configured: Int, expectedSignups: Int) -> Int {
        let margin = Int((6 * Double(expectedSignups).squareRoot()).rounded(.up)) + 64
        return min(configured + expectedSignups + margin, Int(UInt32.max))
    }

    /// Sign-up `signup` reached ACTIVE now.
    public func tenantReady(_ signup: UInt32, in simulation: Simulation) {
        let tenant = firstId + Int(signup)
        guard tenant < capacity else {
            notAdded += 1
            return
        }
        population.hold(through: tenant)
        population.admit(tenant, as: draw.next())
        added += 1
        if waiting.isEmpty { oldestWaiting = simulation.now }
        waiting.append(UInt32(tenant))
        guard !batchScheduled else { return }
        batchScheduled = true
        let at = lastBatch.map { max($0 + Self.batchInterval, simulation.now) } ?? simulation.now
        simulation.schedule(at: at, target: id, kind: 0)
    }

    public override func handle(_ event: Event, in simulation: Simulation) {
        batchScheduled = false
        lastBatch = simulation.now
        longestJoinDelay = max(longestJoinDelay, simulation.now - oldestWaiting)
        workload.tenantsAdded(waiting, in: simulation)
        waiting.removeAll(keepingCapacity: true)
    }

    public override func report(at time: SimTime, into table: inout MetricTable) {
        table.append("tenants", "added", "count", Double(added))
        table.append("tenants", "not_added", "count", Double(notAdded))
        table.append("tenants", "active_end", "count", Double(firstId + added))
        table.append("tenants", "requests_from_new_tenants", "count", Double(workload.requestsFromSignups))
        table.append("tenants", "join_delay_max", "s", longestJoinDelay.seconds)
    }
}
