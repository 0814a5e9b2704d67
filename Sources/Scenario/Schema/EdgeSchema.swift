import EdgeProxy
import Infra
import SimKernel

/// Reads `edge:`: the Envoy proxies, their routes and their upstream clusters.
///
/// ```yaml
/// edge:
///   proxies: { count: 6, workers: 4, request_cpu: 60us, response_cpu: 30us }
///   virtual_hosts:
///     - name: jira
///       domains: ["*.atlassian.net"]
///       routes:
///         - match: { prefix: /rest/api }
///           route: { cluster: jira-web, timeout: 15s, retry: { retry_on: [5xx], num_retries: 2 } }
///   clusters:
///     jira-web: { service: jira-web, lb: least_request }
/// ```
enum EdgeSchema {
    static func read(
        _ node: YAMLNode, zones: [String], network: NetworkLatency, client: Distribution, services: [Platform.Service]
    ) throws(Diagnostic) -> EdgeConfiguration {
        var reader = try MappingReader(node, context: "'edge'")
        let proxies = try readProxies(try reader.required("proxies"), zones: zones)
        let clustersNode = try reader.required("clusters")
        let clusters = try ClusterSchema.read(clustersNode, services: services)
        let clusterNames = clusters.map(\.name)
        let routesNode = try reader.required("virtual_hosts")
        let routes = try RouteSchema.read(routesNode, clusters: clusterNames)
        let crossZone = try reader.optional("cross_zone_load_balancing").map { (node) throws(Diagnostic) in try node.boolean("'edge.cross_zone_load_balancing'") } ?? false
        try reader.finish()
        return EdgeConfiguration(
            proxies: proxies, routes: routes, clusters: clusters, network: network, clientLatency: client,
            crossZoneLoadBalancing: crossZone)
    }

    private static func readProxies(_ node: YAMLNode, zones: [String]) throws(Diagnostic) -> EdgeConfiguration.Proxies {
        var reader = try MappingReader(node, context: "'edge.proxies'")
        let count = try reader.required("count").integer("'edge.proxies.count'", in: 1...100_000)
        let workers = try reader.optional("workers")?.integer("'edge.proxies.workers'", in: 1...1024) ?? 8
        var zoneIndices = Array(zones.indices)
        if let zonesNode = reader.optional("zones") {
            guard case .sequence(let items) = zonesNode.content, !items.isEmpty else {
                throw Diagnostic.error(at: zonesNode.location, "'edge.proxies.zones' must be a list of zone names")
            }
            zoneIndices = []
            for item in items { zoneIndices.append(try PlatformSchema.zoneIndex(item, zones: zones, "proxy zone")) }
        }
        // Envoy's per-request CPU is tens of microseconds; these defaults are assumptions.
        let requestCPU = try reader.optional("request_cpu").map { (n) throws(Diagnostic) in try DistributionSchema.read(n, "'edge.proxies.request_cpu'", values: .durations) }
            ?? .constant(0.000_06)
        let responseCPU = try reader.optional("response_cpu").map { (n) throws(Diagnostic) in try DistributionSchema.read(n, "'edge.proxies.response_cpu'", values: .durations) }
            ?? .constant(0.000_03)
        try reader.finish()
        return EdgeConfiguration.Proxies(
            count: count, zones: zoneIndices.map { Zone($0) }, workers: workers, requestCPU: requestCPU, responseCPU: responseCPU)
    }
}

extension YAMLNode {
    public func boolean(_ what: String) throws(Diagnostic) -> Bool {
        let raw = try text(what)
        switch raw {
        case "true", "True", "TRUE", "yes", "on": return true
        case "false", "False", "FALSE", "no", "off": return false
        default: throw Diagnostic.error(at: location, "\(what) must be true or false, found \(kindDescription)")
        }
    }

    /// A list, or a single value read as a one-item list.
    func list() -> [YAMLNode] {
        if case .sequence(let items) = content { return items }
        return [self]
    }
}
