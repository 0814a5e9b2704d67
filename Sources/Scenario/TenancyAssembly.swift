import EdgeProxy
import Infra
import Sidecar
import SimKernel
import Tenancy

/// Builds the edge fed by the tenants' workload: the population, the edge (and its
/// sidecars), the per-tenant outcomes listening to the edge, and the workload.
///
/// The population is drawn from the scenario's seed, not the replication's: every
/// replication and every variant of a scenario has the same tenants (so tenant ids in
/// `tenants.csv` name the same tenants throughout), while arrivals differ per replication.
enum TenancyAssembly {
    static func build(
        tenants: TenantsConfiguration, workload: WorkloadConfiguration, edge configuration: EdgeConfiguration, platform: Platform,
        services: [String: [ServiceInstance]], requests: RequestContexts, scenario: Scenario, in simulation: Simulation
    ) {
        let population = TenantPopulation(tenants, streams: RandomStreams(seed: scenario.seed, generator: scenario.generator))
        let peakRate = population.activeUsers.reduce(0.0) { $0 + Double($1) } * workload.perUserRate
        let traffic = workload.edgeTraffic(tenantCapacity: population.count, peakRate: peakRate)
        // Validated when the scenario was read.
        let edge = try! Edge(configuration, traffic: traffic, services: services, requests: requests, in: simulation)
        if let sidecar = platform.sidecar {
            // Validated when the scenario was read.
            try! SidecarDeployment.install(
                sidecar, services: services, proxies: edge.proxyHosts, requests: requests, tenants: population.count,
                network: platform.network, in: simulation)
        }
        let clients = TenantWorkload(population: population, configuration: workload, edge: edge, requests: requests, streams: simulation.streams)
        let outcomes = TenantOutcomes(
            population: population, configuration: workload,
            workloadBytes: population.memoryBytes + clients.arrivals.memoryBytes)
        simulation.register(outcomes)
        edge.responseListener = outcomes
        simulation.register(clients)
        clients.start(in: simulation)
    }
}
