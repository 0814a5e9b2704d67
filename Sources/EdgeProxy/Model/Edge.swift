import Infra
import SimKernel

/// What every proxy of the edge shares: configuration, resolved routes, upstream hosts and
/// the statistics they all add to.
final class EdgeShared {
    let configuration: EdgeConfiguration
    let routes: ClassRoutes
    let hosts: [ClusterHosts]
    /// Ring hash and Maglev key of each host, per cluster: its address,
    /// `10.<zone>.<priority * 16 + i / 256>.<i % 256>:8080`.
    let hashKeys: [[String]]
    let edge: EdgeStatistics
    let clusterStatistics: [ClusterStatistics]
    let requests: RequestContexts
    let exchanges = ExchangeTable()
    var responseListener: (any EdgeResponseListener)?

    init(
        configuration: EdgeConfiguration, routes: ClassRoutes, hosts: [ClusterHosts], edge: EdgeStatistics,
        clusterStatistics: [ClusterStatistics], requests: RequestContexts
    ) {
        self.configuration = configuration
        self.requests = requests
        self.routes = routes
        self.hosts = hosts
        hashKeys = hosts.map { cluster in
            zip(cluster.instances, cluster.priorities).map { instance, priority in
                "10.\(instance.zone.index).\(priority * 16 + instance.index / 256).\(instance.index % 256):8080"
            }
        }
        self.edge = edge
        self.clusterStatistics = clusterStatistics
    }
}

/// The edge: a network load balancer in front of a fleet of Envoy proxy hosts, routing to
/// the clusters of upstream service instances.
public final class Edge: ServiceDiscoveryListener {
    let shared: EdgeShared
    private var proxies: [Unmanaged<ProxyHost>] = []
    /// Proxies of each zone, by zone index; the network load balancer picks among them.
    private var proxiesByZone: [[Int]]
    private let choice: RandomStream
    public let statistics: EdgeStatistics
    /// Where each upstream instance sits: (cluster, host index) pairs, for membership changes.
    private var placements: [ObjectIdentifier: [(cluster: Int, host: Int)]] = [:]

    /// Builds the edge's components. `services` gives each service's instances by name;
    /// `requests` is the table of the requests clients send.
    public init(
        _ configuration: EdgeConfiguration, traffic: TrafficConfiguration, services: [String: [ServiceInstance]],
        requests: RequestContexts, in simulation: Simulation
    ) throws(EdgeConfigurationError) {
        var clusterIndex: [String: Int] = [:]
        var hosts: [ClusterHosts] = []
        for (index, cluster) in configuration.clusters.enumerated() {
            clusterIndex[cluster.name] = index
            var instances: [ServiceInstance] = []
            var priorities: [Int] = []
            for (priority, service) in ([cluster.service] + cluster.failover).enumerated() {
                guard let members = services[service], !members.isEmpty else {
                    throw EdgeConfigurationError("cluster '\(cluster.name)' names service '\(service)', which has no instances")
                }
                instances += members
                priorities += Array(repeating: priority, count: members.count)
            }
            hosts.append(ClusterHosts(targets: instances.map(\.id), zones: instances.map(\.zone), instances: instances, priorities: priorities))
        }
        let routes = try ClassRoutes(classes: traffic.classes, routes: configuration.routes, clusterIndex: clusterIndex, tenants: traffic.tenants)
        statistics = EdgeStatistics()
        simulation.register(statistics)
        let clusterStatistics = configuration.clusters.enumerated().map { index, cluster in
            ClusterStatistics(name: cluster.name, hosts: hosts[index].targets.count, perHost: cluster.perHostStatistics)
        }
        for cluster in clusterStatistics { simulation.register(cluster) }
        shared = EdgeShared(
            configuration: configuration, routes: routes, hosts: hosts, edge: statistics, clusterStatistics: clusterStatistics,
            requests: requests)
        proxiesByZone = []
        choice = simulation.streams.stream("edge.nlb/choice")
        for index in 0..<configuration.proxies.count {
            let zone = configuration.proxies.zones[index % configuration.proxies.zones.count]
            let proxy: ProxyHost
            do {
                proxy = try ProxyHost(index: index, zone: zone, model: shared, streams: simulation.streams)
            } catch {
                throw EdgeConfigurationError("cluster load balancer: \(error)")
            }
            simulation.register(proxy)
            proxy.start(in: simulation)
            proxies.append(.passUnretained(proxy))
            while proxiesByZone.count <= Int(zone.index) { proxiesByZone.append([]) }
            proxiesByZone[Int(zone.index)].append(index)
        }
        let summary = EdgeProxySummary(proxies: proxies.map { $0.takeUnretainedValue() })
        simulation.register(summary)
        for (cluster, clusterHosts) in hosts.enumerated() {
            for (host, instance) in clusterHosts.instances.enumerated() {
                let key = ObjectIdentifier(instance)
                if placements[key] == nil { instance.addDiscoveryListener(self) }
                placements[key, default: []].append((cluster, host))
            }
        }
    }

    /// Every proxy adds the instance to (or takes it out of) the host sets of the clusters
    /// that list it, at once: discovery delay is the caller's to model.
    public func instance(_ instance: ServiceInstance, inService: Bool, in simulation: Simulation) {
        for placement in placements[ObjectIdentifier(instance)] ?? [] {
            for proxy in proxies {
                proxy._withUnsafeGuaranteedRef { $0.setMembership(cluster: placement.cluster, host: placement.host, inService) }
            }
        }
    }

    /// Hears each final response as the edge records it (see `EdgeResponseListener`); one
    /// listener at most, set before the run starts.
    public var responseListener: (any EdgeResponseListener)? {
        get { shared.responseListener }
        set { shared.responseListener = newValue }
    }

    /// The proxy hosts, in index order.
    public var proxyHosts: [ProxyHost] { proxies.map { $0.takeUnretainedValue() } }

    /// Checks what can only be checked against the traffic: every request class's route and
    /// clusters. Scenario validation calls it so that nothing fails once a run has started.
    public static func validate(_ configuration: EdgeConfiguration, traffic: TrafficConfiguration) throws(EdgeConfigurationError) {
        var clusterIndex: [String: Int] = [:]
        for (index, cluster) in configuration.clusters.enumerated() { clusterIndex[cluster.name] = index }
        _ = try ClassRoutes(classes: traffic.classes, routes: configuration.routes, clusterIndex: clusterIndex, tenants: 1)
    }

    /// The services each request class's route can reach, by class: the services of its
    /// clusters (all of a weighted route's) and their failover services; none when no route
    /// matches. Scenario validation refuses calls through the edge that lead back to their
    /// caller with it.
    public static func services(reachedBy configuration: EdgeConfiguration, traffic: TrafficConfiguration) throws(EdgeConfigurationError) -> [[String]] {
        var clusterIndex: [String: Int] = [:]
        for (index, cluster) in configuration.clusters.enumerated() { clusterIndex[cluster.name] = index }
        let routes = try ClassRoutes(classes: traffic.classes, routes: configuration.routes, clusterIndex: clusterIndex, tenants: 1)
        return routes.resolved.map { resolved in
            var services: [String] = []
            for cluster in resolved.clusters.map({ configuration.clusters[$0] }) {
                for service in [cluster.service] + cluster.failover where !services.contains(service) { services.append(service) }
            }
            return services
        }
    }

    /// A client request (created in the request table) reaches the network load balancer now,
    /// which passes it to a proxy of the client's zone (any zone with cross-zone load
    /// balancing, or when the zone has none). The edge releases the request when its response
    /// reaches the client.
    public func admit(_ request: UInt32, in simulation: Simulation) {
        statistics.requestReceived(at: simulation.now)
        enter(request, in: simulation)
    }

    private func enter(_ request: UInt32, in simulation: Simulation) {
        let zone = Int(shared.requests[request].clientZone.index)
        let proxy: Int
        if !shared.configuration.crossZoneLoadBalancing, zone < proxiesByZone.count, !proxiesByZone[zone].isEmpty {
            let local = proxiesByZone[zone]
            proxy = local[choice.index(below: local.count)]
        } else {
            proxy = choice.index(below: proxies.count)
        }
        proxies[proxy]._withUnsafeGuaranteedRef { $0.admit(request, in: simulation) }
    }
}

extension Edge: EdgeEntrance {
    /// An application's request through the edge: the network load balancer picks a proxy
    /// as for a client in the caller's zone. It is counted apart from the clients' requests.
    public func admitInternal(_ request: UInt32, in simulation: Simulation) {
        precondition(shared.requests[request].isInternal, "a client's request entering as an internal one")
        statistics.internalRequestReceived(at: simulation.now)
        enter(request, in: simulation)
    }
}

/// Reports the proxies' worker utilization as `edge.proxies`: the mean and the extremes.
final class EdgeProxySummary: Component {
    private let proxies: [ProxyHost]

    init(proxies: [ProxyHost]) {
        self.proxies = proxies
    }

    override func report(at time: SimTime, into table: inout MetricTable) {
        let utilization = proxies.map { $0.workerUtilization(at: time) }
        table.append("edge.proxies", "count", "count", Double(proxies.count))
        table.append("edge.proxies", "worker_utilization_mean", "ratio", utilization.reduce(0, +) / Double(utilization.count))
        table.append("edge.proxies", "worker_utilization_max", "ratio", utilization.max() ?? .nan)
        table.append("edge.proxies", "worker_utilization_min", "ratio", utilization.min() ?? .nan)
    }
}
