/// One descriptor node of a rate-limit service domain: a `key`, an optional `value` (absent:
/// any value; containing `*`: a wildcard), an optional limit, and deeper descriptors.
public struct RateLimitServiceDescriptor: Hashable, Sendable {
    public var key: String
    /// nil or empty: the node matches any value of `key` (a default).
    public var value: String?
    /// nil: a request ending here is not limited (the node whitelists).
    public var rateLimit: RateLimitPolicy?
    /// Count and report, but always answer OK.
    public var shadowMode: Bool
    /// Stats per value (`detailed_metric`): the value is appended to the stats key.
    public var detailedMetric: Bool
    /// Count every value a wildcard matches in one counter (`share_threshold`).
    public var shareThreshold: Bool
    public var descriptors: [RateLimitServiceDescriptor]

    public init(
        key: String,
        value: String? = nil,
        rateLimit: RateLimitPolicy? = nil,
        shadowMode: Bool = false,
        detailedMetric: Bool = false,
        shareThreshold: Bool = false,
        descriptors: [RateLimitServiceDescriptor] = []
    ) {
        self.key = key
        self.value = value
        self.rateLimit = rateLimit
        self.shadowMode = shadowMode
        self.detailedMetric = detailedMetric
        self.shareThreshold = shareThreshold
        self.descriptors = descriptors
    }

    /// The map key of the node in its level (`key` or `key_value`), as the service builds it.
    var compositeKey: String {
        guard let value, !value.isEmpty else { return key }
        return key + "_" + value
    }
}

/// One configuration file of the service: a domain and its descriptor tree.
public struct RateLimitServiceDomain: Hashable, Sendable {
    public var domain: String
    public var descriptors: [RateLimitServiceDescriptor]

    public init(domain: String, descriptors: [RateLimitServiceDescriptor]) {
        self.domain = domain
        self.descriptors = descriptors
    }
}

/// The rate-limit service's configuration (envoyproxy/ratelimit), checked and compiled into
/// the tree `RateLimitService` walks for each request descriptor.
public struct RateLimitServiceConfig: Sendable {
    public let domains: [RateLimitServiceDomain]
    let tree: DescriptorTree

    public init(domains: [RateLimitServiceDomain]) throws(RateLimitServiceConfigError) {
        self.domains = domains
        self.tree = try DescriptorTree(domains)
    }

    /// The limit that applies to `descriptor` in `domain` (the service's `GetLimit`): nil when
    /// the domain is unknown, the walk stops before the last entry, the request is deeper than
    /// the configuration, or the node reached at the last entry has no `rate_limit`.
    public func limit(domain: String, descriptor: RateLimitDescriptor) -> RateLimitMatch? {
        guard let root = tree.root(of: domain) else { return nil }
        return tree.limit(root: root, domain: domain, descriptor: descriptor)
    }

    /// The stats key of a match (`<domain>.<key>[_<value>].…`; with `detailed_metric`, the
    /// request's last value appended).
    public func statsKey(of match: RateLimitMatch, descriptor: RateLimitDescriptor) -> String {
        guard let node = match.node else {
            return match.domain + "." + descriptor.entries
                .map { $0.value.isEmpty ? $0.key : $0.key + "_" + $0.value }
                .joined(separator: ".")
        }
        let key = tree.nodes[node].statsKey
        if tree.nodes[node].detailedMetric, let last = descriptor.entries.last {
            return key + "_" + last.value
        }
        return key
    }
}

/// The limit `RateLimitServiceConfig.limit` found for a descriptor.
public struct RateLimitMatch: Hashable, Sendable {
    public var domain: String
    public var policy: RateLimitPolicy
    public var shadowMode: Bool
    /// The configuration node; nil for a descriptor's inline limit.
    let node: Int?
    /// Entries counted under their wildcard pattern (`share_threshold`), one bit per depth.
    let sharedEntries: UInt64
}
