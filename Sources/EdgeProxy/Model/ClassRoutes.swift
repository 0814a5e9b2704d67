import SimKernel

/// Each request class's route, resolved once with Envoy's matching, and the request hash of
/// each (class, tenant), computed with the route's hash policies the first time it is needed.
/// The per-request cost of routing is then an array lookup and, for weighted clusters, one
/// random draw.
final class ClassRoutes {
    /// What the router needs per request, as plain values: copying it costs no reference
    /// counting on the hot path. -1 stands for "none".
    struct Facts {
        let hasRoute: Bool
        /// The model's cluster index when the route has a single cluster.
        let cluster: Int32
        let needsClusterDraw: Bool
        /// The list of common timeouts for the route timeout.
        let routeTimeoutList: Int32
        /// The list of common timeouts for the per-try timeout.
        let perTryTimeoutList: Int32
        let hasRetryPolicy: Bool
        let retries: UInt8
        let avoidPreviousHosts: Bool
        let hostSelectionRetries: Int32
        let perTenantHash: Bool
    }

    /// The rest of a class's resolution, used off the common path.
    struct Resolved {
        /// Nil when no route matches: Envoy answers 404 with flag NR.
        let selection: RouteSelection?
        /// The model's cluster index for each of the route's clusters.
        let clusters: [Int]
        let retry: RetryPolicy?
        let hashPolicies: [HashPolicy]
    }

    /// A list of timeouts that share a duration, and what they time.
    struct TimeoutList: Equatable {
        let duration: SimTime
        let perTry: Bool
    }

    let classes: [RequestClass]
    private(set) var facts: [Facts] = []
    private(set) var resolved: [Resolved] = []
    private(set) var timeoutLists: [TimeoutList] = []
    /// The back-off each class's requests start with (its retry policy's base and maximum).
    private(set) var backOffs: [RetryBackOff] = []
    private var constantHashes: [UInt64?] = []
    /// Per class, per tenant: the hash, once known; `hashKnown` says which are.
    private var tenantHashes: [[UInt64]] = []
    private var hashKnown: [[UInt8]] = []

    private static let unknown: UInt8 = 0
    private static let noHash: UInt8 = 1
    private static let hashed: UInt8 = 2

    init(classes: [RequestClass], routes: RouteConfiguration, clusterIndex: [String: Int], tenants: Int) throws(EdgeConfigurationError) {
        self.classes = classes
        // Matching is resolved once per class; it must not depend on a per-tenant value.
        let templated = Set(classes.flatMap { $0.headers.filter { $0.value.contains(RequestClass.tenantPlaceholder) }.map { $0.name.lowercased() } })
        let matched = routes.virtualHosts.flatMap(\.routes).flatMap { $0.match.headers.map { $0.name.lowercased() } }
        if let header = matched.first(where: templated.contains) {
            throw EdgeConfigurationError("route matching on the per-tenant header '\(header)' is not supported: it is resolved once per request class")
        }
        for requestClass in classes {
            let selection = routes.route(for: requestClass.attributes(tenant: 0)).selection
            var clusters: [Int] = []
            for name in selection?.clusterNames ?? [] {
                guard let cluster = clusterIndex[name] else {
                    throw EdgeConfigurationError("request class '\(requestClass.name)' routes to unknown cluster '\(name)'")
                }
                clusters.append(cluster)
            }
            let policies = selection?.hashPolicies ?? []
            let retry = selection?.retryPolicy
            let perTenant = !policies.isEmpty && requestClass.isPerTenant
            resolved.append(Resolved(selection: selection, clusters: clusters, retry: retry, hashPolicies: policies))
            facts.append(Facts(
                hasRoute: selection != nil, cluster: Int32(clusters.first ?? -1),
                needsClusterDraw: selection?.action.needsRandomValue ?? false,
                routeTimeoutList: Int32(selection?.timeout.map { list(TimeoutList(duration: $0, perTry: false)) } ?? -1),
                perTryTimeoutList: Int32(retry?.perTryTimeout.map { list(TimeoutList(duration: $0, perTry: true)) } ?? -1),
                hasRetryPolicy: retry != nil, retries: UInt8(min(retry?.numRetries ?? 0, 255)),
                avoidPreviousHosts: retry?.avoidPreviousHosts ?? false,
                hostSelectionRetries: Int32(retry?.hostSelectionRetryMaxAttempts ?? 0),
                perTenantHash: perTenant))
            backOffs.append(retry?.makeBackOff() ?? RetryBackOff(baseMilliseconds: 25, maxMilliseconds: 250))
            let constant = policies.isEmpty || requestClass.isPerTenant
                ? nil : HashPolicy.generateHash(policies, for: requestClass.attributes(tenant: 0)).hash
            constantHashes.append(constant)
            tenantHashes.append(perTenant ? [UInt64](repeating: 0, count: tenants) : [])
            hashKnown.append(perTenant ? [UInt8](repeating: ClassRoutes.unknown, count: tenants) : [])
        }
    }

    private func list(_ timeouts: TimeoutList) -> Int {
        if let index = timeoutLists.firstIndex(of: timeouts) { return index }
        timeoutLists.append(timeouts)
        return timeoutLists.count - 1
    }

    /// The request hash for ring hash and Maglev; nil when no policy yields one (the balancer
    /// then draws a random value, as Envoy does).
    func hash(class index: Int, tenant: UInt32) -> UInt64? {
        guard facts[index].perTenantHash else { return constantHashes[index] }
        let t = Int(tenant)
        switch hashKnown[index][t] {
        case ClassRoutes.hashed:
            return tenantHashes[index][t]
        case ClassRoutes.noHash:
            return nil
        default:
            let hash = HashPolicy.generateHash(resolved[index].hashPolicies, for: classes[index].attributes(tenant: tenant)).hash
            hashKnown[index][t] = hash == nil ? ClassRoutes.noHash : ClassRoutes.hashed
            tenantHashes[index][t] = hash ?? 0
            return hash
        }
    }
}

/// An edge configuration rehearse cannot simulate as given.
public struct EdgeConfigurationError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
