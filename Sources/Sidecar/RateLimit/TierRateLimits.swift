import Infra

/// Per-tier limits as configuration: the rate-limit service domain and the local rate limit
/// descriptors that give each tier its own limit, for requests carrying
/// `TierDescriptors.tierAndTenant` descriptors.
public struct TierRateLimits: Hashable, Sendable {
    /// The global limit of each tier; a tier without one is not limited (its node whitelists).
    public var limits: [Tier: RateLimitPolicy]
    /// Apply the limit to each tenant separately (a `tenant` default node below the tier), or
    /// to the tier as a whole.
    public var perTenant: Bool
    public var tierKey: String
    public var tenantKey: String

    public init(limits: [Tier: RateLimitPolicy], perTenant: Bool = true, tierKey: String = "tier", tenantKey: String = "tenant") {
        self.limits = limits
        self.perTenant = perTenant
        self.tierKey = tierKey
        self.tenantKey = tenantKey
    }

    /// The service's domain, one node per tier in tier order.
    public func serviceDomain(_ domain: String) -> RateLimitServiceDomain {
        RateLimitServiceDomain(domain: domain, descriptors: Tier.allCases.map { tier in
            let policy = limits[tier]
            if perTenant {
                let tenant = RateLimitServiceDescriptor(key: tenantKey, rateLimit: policy)
                return RateLimitServiceDescriptor(key: tierKey, value: tier.name, descriptors: [tenant])
            }
            return RateLimitServiceDescriptor(key: tierKey, value: tier.name, rateLimit: policy)
        })
    }

    /// Local rate limit descriptors giving each listed tier its own bucket (`[tierKey=<tier>]`;
    /// the local limit matches descriptors exactly, so its buckets are per tier, not per tenant).
    public static func localDescriptors(_ buckets: [Tier: LocalTokenBucketConfiguration], tierKey: String = "tier") -> [LocalRateLimitDescriptorConfiguration] {
        Tier.allCases.compactMap { tier in
            buckets[tier].map { LocalRateLimitDescriptorConfiguration([RateLimitEntry(tierKey, tier.name)], tokenBucket: $0) }
        }
    }
}
