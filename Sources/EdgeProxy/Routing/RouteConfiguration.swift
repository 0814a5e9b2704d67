/// Envoy's `RouteConfiguration`: virtual hosts and their routes, validated and compiled once.
///
/// Matching (`route(for:)`) is deterministic: the simulator can resolve it once per distinct
/// request class when the model is built and keep the `RouteSelection`. The only per-request
/// step left is the weighted-cluster draw, `RouteSelection.clusterIndex(random:)`.
public struct RouteConfiguration: Sendable {
    public let name: String
    public let virtualHosts: [VirtualHost]
    /// `ignore_port_in_host_matching`: strip `:port` from the authority before matching domains.
    public let ignorePortInHostMatching: Bool
    private let table: VirtualHostTable

    public init(
        name: String = "", virtualHosts: [VirtualHost], ignorePortInHostMatching: Bool = false
    ) throws(RouteConfigurationError) {
        self.name = name
        self.virtualHosts = virtualHosts
        self.ignorePortInHostMatching = ignorePortInHostMatching
        self.table = try VirtualHostTable(virtualHosts, ignorePort: ignorePortInHostMatching)
    }

    /// The index of the virtual host serving `authority`, or `nil` when none does.
    public func virtualHostIndex(forAuthority authority: String?) -> Int? {
        table.find(authority: authority)
    }

    /// The virtual host, then its first route whose match holds.
    public func route(for request: RequestAttributes) -> RouteMatchResult {
        guard let hostIndex = table.find(authority: request.authority) else {
            return .noRoute(.noVirtualHost)
        }
        let virtualHost = virtualHosts[hostIndex]
        for (routeIndex, route) in virtualHost.routes.enumerated() where route.match.matches(request) {
            return .matched(RouteSelection(
                virtualHostIndex: hostIndex, routeIndex: routeIndex,
                virtualHostName: virtualHost.name, route: route,
                retryPolicy: route.action.retryPolicy ?? virtualHost.retryPolicy))
        }
        return .noRoute(.noMatchingRoute(virtualHostIndex: hostIndex))
    }
}
