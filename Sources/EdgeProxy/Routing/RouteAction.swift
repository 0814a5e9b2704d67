import SimKernel

/// A route's `route` action: where the request goes and how it is timed, retried and hashed.
public struct RouteAction: Sendable {
    public enum ClusterSpecifier: Sendable {
        case cluster(String)
        case weightedClusters(WeightedClusters)
    }

    /// Envoy's default route `timeout`.
    public static let defaultTimeout = SimTime.seconds(15)

    public let clusterSpecifier: ClusterSpecifier
    /// From the end of the downstream request to the end of the upstream response, retries
    /// included; `.zero` disables it (see `effectiveTimeout`).
    public let timeout: SimTime
    public let retryPolicy: RetryPolicy?
    /// Evaluated in order for hashing load balancers (ring hash, Maglev).
    public let hashPolicies: [HashPolicy]

    public init(
        cluster: String,
        timeout: SimTime = RouteAction.defaultTimeout,
        retryPolicy: RetryPolicy? = nil,
        hashPolicies: [HashPolicy] = []
    ) throws(RouteConfigurationError) {
        guard !cluster.isEmpty else { throw .emptyClusterName }
        try self.init(.cluster(cluster), timeout: timeout, retryPolicy: retryPolicy, hashPolicies: hashPolicies)
    }

    public init(
        weightedClusters: WeightedClusters,
        timeout: SimTime = RouteAction.defaultTimeout,
        retryPolicy: RetryPolicy? = nil,
        hashPolicies: [HashPolicy] = []
    ) throws(RouteConfigurationError) {
        try self.init(.weightedClusters(weightedClusters), timeout: timeout, retryPolicy: retryPolicy, hashPolicies: hashPolicies)
    }

    private init(
        _ clusterSpecifier: ClusterSpecifier, timeout: SimTime, retryPolicy: RetryPolicy?, hashPolicies: [HashPolicy]
    ) throws(RouteConfigurationError) {
        guard timeout >= .zero else { throw .negativeDuration(field: "route timeout") }
        self.clusterSpecifier = clusterSpecifier
        self.timeout = timeout
        self.retryPolicy = retryPolicy
        self.hashPolicies = hashPolicies
    }

    /// The route timeout, or `nil` when it is disabled (configured as 0).
    public var effectiveTimeout: SimTime? { timeout == .zero ? nil : timeout }

    /// Whether choosing the cluster needs a per-request random value.
    public var needsRandomValue: Bool {
        if case .weightedClusters = clusterSpecifier { return true }
        return false
    }

    /// Every cluster this action can send to, in configuration order; `clusterIndex` indexes it.
    public var clusterNames: [String] {
        switch clusterSpecifier {
        case let .cluster(name): return [name]
        case let .weightedClusters(weighted): return weighted.clusters.map(\.name)
        }
    }

    /// The index in `clusterNames` for a request whose per-stream random value is `randomValue`
    /// (ignored for a single cluster).
    public func clusterIndex(randomValue: UInt64) -> Int {
        switch clusterSpecifier {
        case .cluster: return 0
        case let .weightedClusters(weighted): return weighted.pickIndex(randomValue: randomValue)
        }
    }

    public func clusterName(randomValue: UInt64) -> String {
        switch clusterSpecifier {
        case let .cluster(name): return name
        case let .weightedClusters(weighted): return weighted.clusters[weighted.pickIndex(randomValue: randomValue)].name
        }
    }

    /// The index in `clusterNames` for one request, drawing `random()` only when the choice
    /// is weighted.
    public func clusterIndex<R: EnvoyRandom>(random: inout R) -> Int {
        needsRandomValue ? clusterIndex(randomValue: random.random()) : 0
    }
}
