import EdgeProxy
import Infra
import SimKernel

/// A small edge built through the public API: one service of `instances`, one cluster named
/// "web", one route to it, Poisson clients at `rate`.
struct EdgeHarness {
    let simulation: Simulation
    let instances: [ServiceInstance]

    init(
        instances configurations: [ServiceInstanceConfiguration], rate: Double, proxies: Int = 1,
        cluster: EdgeConfiguration.Cluster = EdgeConfiguration.Cluster(name: "web", service: "web", perHostStatistics: true),
        retry: RetryPolicy? = nil, timeout: SimTime = .seconds(15), seed: UInt64 = 7,
        paths: [String] = ["/"], down: Int = 0, outOfService: [Int] = []
    ) throws {
        simulation = Simulation(seed: seed)
        let statistics = ServiceStatistics(name: "web")
        simulation.register(statistics)
        let network = NetworkLatency(sameZone: .constant(0.000_25), crossZone: .constant(0.001))
        var instances: [ServiceInstance] = []
        for (index, configuration) in configurations.enumerated() {
            let instance = ServiceInstance(service: statistics, index: index, zone: Zone(0), configuration: configuration, network: network, streams: simulation.streams)
            simulation.register(instance)
            statistics.add(instance)
            instances.append(instance)
        }
        self.instances = instances
        for instance in instances.prefix(down) { instance.isUp = false }
        for index in outOfService { instances[index].startsInService(false) }
        let route = Route(match: .prefix("/api"), action: try RouteAction(cluster: "web", timeout: timeout, retryPolicy: retry))
        let routes = try RouteConfiguration(virtualHosts: [VirtualHost(name: "web", domains: ["*"], routes: [route])])
        let configuration = EdgeConfiguration(
            proxies: .init(count: proxies, zones: [Zone(0)], workers: 4, requestCPU: .constant(0.000_05), responseCPU: .constant(0.000_02)),
            routes: routes, clusters: [cluster], network: network, clientLatency: .constant(0.001))
        let classes = paths.map { RequestClass(name: $0, authority: "web.example.com", path: $0) }
        let traffic = TrafficConfiguration(rate: rate, classes: classes, tenants: 100, zoneShares: [1])
        let requests = RequestContexts()
        let edge = try Edge(configuration, traffic: traffic, services: ["web": instances], requests: requests, in: simulation)
        let clients = ClientTraffic(traffic, edge: edge, requests: requests, streams: simulation.streams)
        simulation.register(clients)
        clients.start(in: simulation)
    }

    func run(until time: SimTime) -> MetricTable {
        simulation.run(until: time)
        return simulation.report()
    }

    /// A cluster whose retry circuit breaker never gets in the way (Envoy's default allows
    /// three retries at once per proxy).
    static func cluster(maxRetries: Int = 1_000) -> EdgeConfiguration.Cluster {
        var thresholds = CircuitBreakerThresholds()
        thresholds.maxRetries = maxRetries
        return EdgeConfiguration.Cluster(name: "web", service: "web", circuitBreakers: thresholds, perHostStatistics: true)
    }

    static func fast(_ milliseconds: Double = 10, concurrency: Int = 16) -> ServiceInstanceConfiguration {
        ServiceInstanceConfiguration(concurrency: concurrency, serviceTime: .constant(milliseconds / 1000))
    }

    static func failing(status: UInt16) -> ServiceInstanceConfiguration {
        ServiceInstanceConfiguration(concurrency: 16, serviceTime: .constant(0.005), errorProbability: 1, errorStatus: status)
    }
}

extension MetricTable {
    func edge(_ metric: String) -> Double { value("edge", metric, "count") ?? .nan }
    func cluster(_ metric: String) -> Double { value("edge.cluster.web", metric, "count") ?? .nan }
    func host(_ index: Int) -> Double { value("edge.cluster.web.host.\(index)", "upstream_rq_total", "count") ?? .nan }
}
