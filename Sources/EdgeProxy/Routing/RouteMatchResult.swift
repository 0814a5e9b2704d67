import SimKernel

/// The outcome of route matching. Envoy answers a request without a route with 404 and the
/// response flag `NR`, whichever of the two reasons applies.
public enum RouteMatchResult: Sendable {
    case matched(RouteSelection)
    case noRoute(NoRouteReason)

    public enum NoRouteReason: Sendable, Equatable {
        /// No virtual host serves the authority.
        case noVirtualHost
        /// The virtual host was found but none of its routes matches.
        case noMatchingRoute(virtualHostIndex: Int)
    }

    public var selection: RouteSelection? {
        if case let .matched(selection) = self { return selection }
        return nil
    }
}

/// A matched route: which virtual host and route, and everything the router needs from it.
/// A value that can be cached per request class.
public struct RouteSelection: Sendable {
    public let virtualHostIndex: Int
    /// Index in the virtual host's `routes`.
    public let routeIndex: Int
    public let virtualHostName: String
    public let route: Route
    /// The route's retry policy, else the virtual host's, else none (no retries).
    public let retryPolicy: RetryPolicy?

    public var action: RouteAction { route.action }
    public var hashPolicies: [HashPolicy] { route.action.hashPolicies }
    /// The route timeout, `nil` when disabled.
    public var timeout: SimTime? { route.action.effectiveTimeout }
    /// Every cluster the route can send to; `clusterIndex` indexes it.
    public var clusterNames: [String] { route.action.clusterNames }

    /// The per-request step: the cluster for a request with this per-stream random value.
    public func clusterIndex(randomValue: UInt64) -> Int { route.action.clusterIndex(randomValue: randomValue) }

    /// The per-request step, drawing `random()` only for weighted clusters.
    public func clusterIndex<R: EnvoyRandom>(random: inout R) -> Int { route.action.clusterIndex(random: &random) }

    public func clusterName(randomValue: UInt64) -> String { route.action.clusterName(randomValue: randomValue) }
}
