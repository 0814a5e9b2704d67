import Foundation
import Infra
import SimKernel

/// The clients: a Poisson stream of requests handed to the edge's network load balancer.
public final class ClientTraffic: Component {
    private let edge: Edge
    private let meanInterarrival: Double
    private let classes: DiscreteDistribution
    private let tenants: DiscreteDistribution?
    private let tenantCount: Int
    private let zones: DiscreteDistribution
    private let users: Int
    /// Each tenant's tier, drawn once when the clients are built.
    private let tiers: [Tier]
    private let requests: RequestContexts
    private let arrivals: RandomStream
    private let choices: RandomStream

    public init(_ configuration: TrafficConfiguration, edge: Edge, requests: RequestContexts, streams: RandomStreams) {
        self.edge = edge
        self.requests = requests
        users = configuration.usersPerTenant
        meanInterarrival = 1 / configuration.rate
        classes = DiscreteDistribution(weights: configuration.classes.map(\.weight))
        tenantCount = configuration.tenants
        tenants = configuration.tenantSkew > 0
            ? DiscreteDistribution(weights: (0..<configuration.tenants).map { 1 / pow(Double($0 + 1), configuration.tenantSkew) })
            : nil
        zones = DiscreteDistribution(weights: configuration.zoneShares)
        arrivals = streams.stream("clients/interarrival")
        choices = streams.stream("clients/choice")
        let tierDraw = DiscreteDistribution(weights: configuration.tierShares)
        let tierStream = streams.stream("clients/tiers")
        tiers = (0..<configuration.tenants).map { _ in Tier(rawValue: UInt8(tierDraw.sample(tierStream)))! }
    }

    public func start(in simulation: Simulation) {
        simulation.schedule(after: SimTime(seconds: arrivals.exponential(mean: meanInterarrival)), target: id, kind: 0)
    }

    public override func handle(_ event: Event, in simulation: Simulation) {
        let requestClass = classes.sample(choices)
        let tenant = tenants?.sample(choices) ?? choices.index(below: tenantCount)
        let zone = Zone(zones.sample(choices))
        let user = users > 1 ? choices.index(below: users) : 0
        let request = requests.allocate(RequestContexts.Context(
            created: simulation.now, tenant: UInt32(tenant), user: UInt32(user), tier: tiers[tenant],
            requestClass: UInt16(requestClass), clientZone: zone))
        edge.admit(request, in: simulation)
        simulation.schedule(after: SimTime(seconds: arrivals.exponential(mean: meanInterarrival)), target: id, kind: 0)
    }
}
