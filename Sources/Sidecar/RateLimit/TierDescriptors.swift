import Infra

/// The rate-limit descriptors a tenant's requests carry, chosen by its tier from
/// configuration: per tier, a list of descriptor templates whose values may hold `{tier}`
/// (the tier's name) and `{tenant}` (the tenant's id).
///
/// Descriptors are built once per tier, or once per tenant when a template names the tenant,
/// and the same arrays are returned afterwards: a request costs a lookup, not an allocation.
public struct TierDescriptors: Sendable {
    public static let tierPlaceholder = "{tier}"
    public static let tenantPlaceholder = "{tenant}"

    private let templates: [[[RateLimitEntry]]]
    private let perTier: [[RateLimitDescriptor]]
    private let namesTenant: [Bool]
    private var perTenant: [[RateLimitDescriptor]] = []
    private var perTenantTier: [UInt8] = []

    /// `templates[tier]` lists the descriptors (each a list of entries) of that tier's
    /// requests; a tier without templates sends no descriptors.
    public init(_ templates: [Tier: [[RateLimitEntry]]]) {
        let byTier = Tier.allCases.map { tier in
            (templates[tier] ?? []).map { entries in
                entries.map { RateLimitEntry($0.key, $0.value.replacingOccurrences(of: Self.tierPlaceholder, with: tier.name)) }
            }
        }
        self.templates = byTier
        self.namesTenant = byTier.map { $0.contains { $0.contains { $0.value.contains(Self.tenantPlaceholder) } } }
        self.perTier = byTier.map { $0.map { RateLimitDescriptor($0) } }
    }

    /// One descriptor per request, `[tierKey=<tier>]` followed by `tenantKey=<tenant id>`
    /// when `tenantKey` is given: the shape `TierRateLimits` configures.
    public static func tierAndTenant(tierKey: String = "tier", tenantKey: String? = "tenant") -> TierDescriptors {
        var entries = [RateLimitEntry(tierKey, tierPlaceholder)]
        if let tenantKey {
            entries.append(RateLimitEntry(tenantKey, tenantPlaceholder))
        }
        return TierDescriptors(Dictionary(uniqueKeysWithValues: Tier.allCases.map { ($0, [entries]) }))
    }

    /// The descriptors of a request of `tenant`, whose tier is `tier`.
    public mutating func descriptors(tier: Tier, tenant: UInt32) -> [RateLimitDescriptor] {
        let tierIndex = Int(tier.rawValue)
        guard namesTenant[tierIndex] else { return perTier[tierIndex] }
        let slot = Int(tenant)
        if slot >= perTenant.count {
            perTenant.append(contentsOf: repeatElement([], count: slot + 1 - perTenant.count))
            perTenantTier.append(contentsOf: repeatElement(UInt8.max, count: slot + 1 - perTenantTier.count))
        }
        if perTenantTier[slot] != tier.rawValue {
            let id = String(tenant)
            perTenant[slot] = templates[tierIndex].map { entries in
                RateLimitDescriptor(entries.map { RateLimitEntry($0.key, $0.value.replacingOccurrences(of: Self.tenantPlaceholder, with: id)) })
            }
            perTenantTier[slot] = tier.rawValue
        }
        return perTenant[slot]
    }
}
