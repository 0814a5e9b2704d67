import EdgeProxy
import Infra
import SimKernel

/// The tenants' requests, handed to the edge: each arrival of each stream (see
/// `TenantArrivals`) becomes a request of the stream's drawn tenant, from one of its active
/// users, on a route of one of its products, entering through a zone drawn by share. The
/// event calendar holds one pending arrival per stream, whatever the number of tenants.
///
/// Draws from `workload/choice` (tenant, route, user, zone) besides the streams' own.
///
/// An arrival event carries its stream's generation: a stream that takes new tenants in
/// restarts, and the event it had on the calendar is then ignored.
public final class TenantWorkload: Component {
    public let population: TenantPopulation
    public let arrivals: TenantArrivals
    private let edge: Edge
    private let requests: RequestContexts
    private let routes: RouteChoice
    private let zones: DiscreteDistribution
    private let choices: RandomStream
    /// Per stream, how often it restarted: an event of an earlier generation is stale.
    private var generations: [UInt64]
    /// Ids from here on are tenants that signed up during the run.
    private let firstSignup: UInt32
    /// Requests sent by tenants that signed up during the run, since the warm-up.
    public private(set) var requestsFromSignups: UInt64 = 0

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
        generations = Array(repeating: 0, count: arrivals.streams.count)
        firstSignup = UInt32(population.configuration.count)
    }

    public func start(in simulation: Simulation) {
        for index in generations.indices { scheduleNext(index, in: simulation) }
    }

    public override func handle(_ event: Event, in simulation: Simulation) {
        let index = Int(event.subject)
        guard event.argument == generations[index] else { return }
        let tenant = arrivals.tenant(of: index, choices)
        if tenant >= firstSignup { requestsFromSignups &+= 1 }
        let profile = population[Int(tenant)]
        let route = routes.route(mix: profile.products, choices)
        let users = Int(profile.activeUsers)
        let user = users > 1 ? choices.index(below: users) : 0
        let zone = Zone(zones.sample(choices))
        let request = requests.allocate(RequestContexts.Context(
            created: simulation.now, tenant: tenant, user: UInt32(user), tier: profile.tier,
            requestClass: UInt16(route), clientZone: zone))
        edge.admit(request, in: simulation)
        scheduleNext(index, in: simulation)
    }

    /// Tenants admitted to the population (`ids`) start sending now: their regions' sign-up
    /// streams take them in and restart.
    public func tenantsAdded(_ ids: [UInt32], in simulation: Simulation) {
        for index in arrivals.tenantsAdded(ids, at: simulation.now) {
            generations[index] &+= 1
            scheduleNext(index, in: simulation)
        }
    }

    public override func resetStatistics(at time: SimTime) {
        requestsFromSignups = 0
    }

    private func scheduleNext(_ index: Int, in simulation: Simulation) {
        guard let time = arrivals.next(index) else { return }
        simulation.schedule(at: max(time, simulation.now), target: id, kind: 0, subject: UInt32(index), argument: generations[index])
    }
}
