import EdgeProxy
import Infra
import SimKernel

/// What the tenants send (`workload:`): a rate per active user shaped by the time of day and
/// week in each region, bursts of chosen tenants, the request kinds (routes) by weight, and
/// the latency objectives their responses are judged by.
public struct WorkloadConfiguration: Sendable {
    /// A kind of request and the product it belongs to: a tenant only sends the routes of
    /// products it uses.
    public struct Route: Sendable {
        public var request: RequestClass
        /// Index into `TenantsConfiguration.products`; nil for a route every tenant uses.
        public var product: Int?

        public init(request: RequestClass, product: Int? = nil) {
            self.request = request
            self.product = product
        }
    }

    /// The `largest` tenants by active users (of one tier, when given) multiply their rate by
    /// `multiplier` from `start` to `end`: a customer's batch job, or a flash crowd.
    public struct Burst: Sendable {
        public var name: String
        public var largest: Int
        public var tier: Tier?
        public var multiplier: Double
        public var start: SimTime
        public var end: SimTime

        public init(name: String, largest: Int, tier: Tier? = nil, multiplier: Double, start: SimTime, end: SimTime) {
            precondition(largest > 0 && multiplier >= 1 && start < end)
            self.name = name
            self.largest = largest
            self.tier = tier
            self.multiplier = multiplier
            self.start = start
            self.end = end
        }
    }

    public var requestsPerActiveUserPerMinute: Double
    public var calendar: ActivityCalendar
    public var routes: [Route]
    /// Share of requests entering through each zone's load balancer node, by zone index.
    public var zoneShares: [Double]
    public var bursts: [Burst]
    /// Latency objective per tier (by `Tier` raw value): a response within it attains the SLO.
    public var slo: [SimTime]
    /// How many tenants the noisy-neighbour lists name.
    public var noisyNeighbours: Int
    /// Tenants with fewer responses are not ranked by p99: their p99 is mostly noise.
    public var p99MinimumRequests: Int

    public init(
        requestsPerActiveUserPerMinute: Double, calendar: ActivityCalendar, routes: [Route], zoneShares: [Double],
        bursts: [Burst] = [], slo: [SimTime], noisyNeighbours: Int = 20, p99MinimumRequests: Int = 100
    ) {
        precondition(requestsPerActiveUserPerMinute > 0 && !routes.isEmpty && !zoneShares.isEmpty)
        precondition(slo.count == Tier.allCases.count && noisyNeighbours > 0 && p99MinimumRequests > 0)
        self.requestsPerActiveUserPerMinute = requestsPerActiveUserPerMinute
        self.calendar = calendar
        self.routes = routes
        self.zoneShares = zoneShares
        self.bursts = bursts
        self.slo = slo
        self.noisyNeighbours = noisyNeighbours
        self.p99MinimumRequests = p99MinimumRequests
    }

    /// Requests per second of one active user at full activity (factor 1).
    public var perUserRate: Double { requestsPerActiveUserPerMinute / 60 }

    /// What the edge resolves its routes and hash keys from: the request kinds and how many
    /// tenant ids there can be (`tenantCapacity`, which must cover tenants added at run time).
    /// The edge generates no traffic from it; `peakRate` (requests per second at full
    /// activity) only describes the load.
    public func edgeTraffic(tenantCapacity: Int, peakRate: Double) -> TrafficConfiguration {
        TrafficConfiguration(
            rate: max(peakRate, .leastNormalMagnitude), classes: routes.map(\.request), tenants: max(tenantCapacity, 1),
            zoneShares: zoneShares)
    }
}
