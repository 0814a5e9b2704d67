import EdgeProxy
import Infra
import Sidecar
import SimKernel

/// A small platform built through the public API: `web` (the service behind the sidecar),
/// `auth` and `ratelimit` services, one proxy, Poisson clients.
struct SidecarHarness {
    let simulation: Simulation
    let services: [String: [ServiceInstance]]

    init(_ sidecar: SidecarConfiguration, rate: Double = 200, tenants: Int = 50, tierShares: [Double] = [1, 0, 0, 0], seed: UInt64 = 3, down: [String] = []) throws {
        simulation = Simulation(seed: seed)
        let network = NetworkLatency(sameZone: .constant(0.000_25), crossZone: .constant(0.001))
        var built: [String: [ServiceInstance]] = [:]
        let simulation = self.simulation
        for (name, count, time) in [("web", 2, 0.01), ("auth", 2, 0.002), ("ratelimit", 1, 0.001)] {
            let statistics = ServiceStatistics(name: name)
            simulation.register(statistics)
            built[name] = (0..<count).map { index in
                let instance = ServiceInstance(
                    service: statistics, index: index, zone: Zone(0),
                    configuration: ServiceInstanceConfiguration(concurrency: 64, serviceTime: .constant(time)), network: network,
                    streams: simulation.streams)
                simulation.register(instance)
                statistics.add(instance)
                instance.isUp = !down.contains(name)
                return instance
            }
        }
        services = built
        let route = Route(match: .prefix("/"), action: try RouteAction(cluster: "web"))
        let edge = EdgeConfiguration(
            proxies: .init(count: 1, zones: [Zone(0)], workers: 4, requestCPU: .constant(0.000_05), responseCPU: .constant(0.000_02)),
            routes: try RouteConfiguration(virtualHosts: [VirtualHost(name: "web", domains: ["*"], routes: [route])]),
            clusters: [EdgeConfiguration.Cluster(name: "web", service: "web")], network: network, clientLatency: .constant(0.001))
        let traffic = TrafficConfiguration(
            rate: rate, classes: [RequestClass(name: "api", authority: "web.example.com", path: "/api")], tenants: tenants,
            zoneShares: [1], usersPerTenant: 5, tierShares: tierShares)
        let requests = RequestContexts()
        let front = try Edge(edge, traffic: traffic, services: built, requests: requests, in: simulation)
        try SidecarDeployment.install(
            sidecar, services: built, proxies: front.proxyHosts, requests: requests, tenants: tenants, network: network, in: simulation)
        let clients = ClientTraffic(traffic, edge: front, requests: requests, streams: simulation.streams)
        simulation.register(clients)
        clients.start(in: simulation)
    }

    func run(for duration: SimTime) -> MetricTable {
        simulation.run(until: duration)
        return simulation.report()
    }

    static func auth(failOpen: Bool = false) -> AuthConfiguration {
        AuthConfiguration(service: "auth", cacheSize: 100, cacheTTL: .seconds(60), timeout: .milliseconds(100), failOpen: failOpen)
    }

    /// Free-tier tenants limited to `perSecond` requests a second each.
    static func global(perSecond: UInt32, failureModeDeny: Bool = false, shadow: Bool = false) -> GlobalRateLimitConfiguration {
        var filter = GlobalRateLimitFilterConfiguration()
        filter.failureModeDeny = failureModeDeny
        return GlobalRateLimitConfiguration(
            service: "ratelimit", limits: TierRateLimits(limits: [.free: RateLimitPolicy(requestsPerUnit: perSecond, unit: .second)]),
            filter: filter, shadowMode: shadow)
    }
}

extension MetricTable {
    func sidecar(_ metric: String, _ component: String = "sidecar") -> Double { value(component, metric, "count") ?? .nan }
    func edge(_ metric: String) -> Double { value("edge", metric, "count") ?? .nan }
}
