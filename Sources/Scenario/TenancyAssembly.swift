import EdgeProxy
import Infra
import Provisioning
import Sidecar
import SimKernel
import Tenancy

/// Builds the edge fed by the tenants' workload: the population, the edge (and its
/// sidecars), the per-tenant outcomes listening to the edge, and the workload.
///
/// The population is drawn from the scenario's seed, not the replication's: every
/// replication and every variant of a scenario has the same tenants (so tenant ids in
/// `tenants.csv` name the same tenants throughout), while arrivals differ per replication.
///
/// With `provisioning:`, sign-ups become tenants (`SignupTenants`): the per-tenant tables of
/// the edge, the sidecars and the outcomes are sized for the ids the expected sign-ups take,
/// and the returned listener, given to the provisioning ledger, takes each sign-up in when it
/// is ACTIVE. The edge is returned too, for the applications that call through it.
enum TenancyAssembly {
    static func build(
        tenants: TenantsConfiguration, workload: WorkloadConfiguration, edge configuration: EdgeConfiguration, platform: Platform,
        services: [String: [ServiceInstance]], requests: RequestContexts, scenario: Scenario, in simulation: Simulation
    ) -> (edge: Edge, signups: (any TenantReadinessListener)?) {
        let populationStreams = RandomStreams(seed: scenario.seed, generator: scenario.generator)
        let population = TenantPopulation(tenants, streams: populationStreams)
        let expectedSignups = scenario.provisioning.map { $0.signups.expectedCount(over: scenario.duration) }
        let capacity = expectedSignups.map { SignupTenants.capacity(configured: population.count, expectedSignups: $0) } ?? population.count
        let peakRate = population.activeUsers.reduce(0.0) { $0 + Double($1) } * workload.perUserRate
        let traffic = workload.edgeTraffic(tenantCapacity: capacity, peakRate: peakRate)
        // Validated when the scenario was read.
        let edge = try! Edge(configuration, traffic: traffic, services: services, requests: requests, in: simulation)
        if let sidecar = platform.sidecar {
            // Validated when the scenario was read.
            try! SidecarDeployment.install(
                sidecar, services: services, proxies: edge.proxyHosts, requests: requests, tenants: capacity,
                network: platform.network, in: simulation)
        }
        let clients = TenantWorkload(population: population, configuration: workload, edge: edge, requests: requests, streams: simulation.streams)
        let outcomes = TenantOutcomes(
            population: population, configuration: workload,
            workloadBytes: population.memoryBytes + clients.arrivals.memoryBytes)
        outcomes.cover(capacity)
        simulation.register(outcomes)
        edge.responseListener = outcomes
        simulation.register(clients)
        clients.start(in: simulation)
        guard expectedSignups != nil else { return (edge, nil) }
        let signups = SignupTenants(population: population, workload: clients, capacity: capacity, streams: populationStreams)
        simulation.register(signups)
        return (edge, SignupReadiness(tenants: signups, simulation: simulation))
    }
}

/// Hands the provisioning ledger's ACTIVE sign-ups to the tenants (Provisioning does not
/// know Tenancy). Unowned references: the ledger holds this, and the simulation holds both.
private final class SignupReadiness: TenantReadinessListener {
    unowned let tenants: SignupTenants
    unowned let simulation: Simulation

    init(tenants: SignupTenants, simulation: Simulation) {
        self.tenants = tenants
        self.simulation = simulation
    }

    func tenantReady(_ tenant: UInt32, at now: SimTime) {
        precondition(now == simulation.now, "a sign-up is ACTIVE at the simulation's present")
        tenants.tenantReady(tenant, in: simulation)
    }
}
