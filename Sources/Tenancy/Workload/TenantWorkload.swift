import EdgeProxy
import Infra
import SimKernel

/// The tenants' requests, handed to the edge: each arrival of each stream (see
/// `TenantArrivals`) becomes a request of the stream's drawn tenant, from one of its active
/// users, on a route of one of its products, entering through a zone drawn by share. The
/// event calendar holds one pending arrival per stream, whatever the number of tenants.
///
/// Draws from `workload/choice` (tenant, route, user, zone) besides the streams' own.
public final class TenantWorkload: Component {
    public let population: TenantPopulation
    public let arrivals: TenantArrivals
    private let edge: Edge
    private let requests: RequestContexts
    private let routes: RouteChoice
    private let zones: DiscreteDistribution
    private let choices: RandomStream
    /// Whether each stream has an arrival on the calendar.
    private var pending: [Bool]

    public init(
        population: TenantPopulation, configuration: WorkloadConfiguration, edge: Edge, requests: RequestContexts,
        streams: RandomStreams
    ) {
        self.population = population
        self.edge = edge
        self.requests = requests
        arrivals = TenantArrivals(population: population, workload: configuration, streams: streams)
        routes = RouteChoice(configuration.routes)
        zones = DiscreteDistribution(weights: configuration.zoneShares)
        choices = streams.stream("workload/choice")
        pending = Array(repeating: false, count: arrivals.streams.count)
    }

    public func start(in simulation: Simulation) {
        for index in pending.indices { scheduleNext(index, in: simulation) }
    }

    public override func handle(_ event: Event, in simulation: Simulation) {
        let index = Int(event.subject)
        pending[index] = false
        let tenant = arrivals.tenant(of: index, choices)
        let t = Int(tenant)
        let route = routes.route(mix: population.products[t], choices)
        let users = Int(population.activeUsers[t])
        let user = users > 1 ? choices.index(below: users) : 0
        let zone = Zone(zones.sample(choices))
        let request = requests.allocate(RequestContexts.Context(
            created: simulation.now, tenant: tenant, user: UInt32(user), tier: population.tiers[t],
            requestClass: UInt16(route), clientZone: zone))
        edge.admit(request, in: simulation)
        scheduleNext(index, in: simulation)
    }

    /// Tenants appended to the population (ids `ids`) start sending: their regions' tables
    /// are rebuilt, and a region that had no tenants starts its stream.
    public func tenantsAdded(_ ids: Range<Int>, in simulation: Simulation) {
        for region in arrivals.tenantsAdded(ids) where !pending[region] {
            scheduleNext(region, in: simulation)
        }
    }

    private func scheduleNext(_ index: Int, in simulation: Simulation) {
        guard let time = arrivals.next(index) else { return }
        pending[index] = true
        simulation.schedule(at: max(time, simulation.now), target: id, kind: 0, subject: UInt32(index))
    }
}
