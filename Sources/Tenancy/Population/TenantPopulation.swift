import Infra
import SimKernel

/// The tenants, as parallel flat arrays indexed by tenant id: no object per tenant, 7 bytes
/// each (active users, tier, region, products).
///
/// A tenant's id is its index: stable for the life of the run and the same for the same
/// configuration and seed, so hash policies, rate-limit descriptors and reports that name a
/// tenant by id agree. Ids are never reused; tenants added at run time (sign-ups) take the
/// next ones, through `append`.
public final class TenantPopulation {
    public let configuration: TenantsConfiguration
    public private(set) var activeUsers: [UInt32] = []
    public private(set) var tiers: [Tier] = []
    /// Index into `configuration.regions`.
    public private(set) var regions: [UInt8] = []
    /// Bit `p` set: the tenant uses product `p` of `configuration.products`.
    public private(set) var products: [UInt8] = []

    /// Draws `configuration.count` tenants from the named streams `tenants/active-users`,
    /// `tenants/tiers`, `tenants/regions` and `tenants/products` of `streams`: one stream per
    /// attribute, so changing, say, the tier shares leaves every tenant's size where it was.
    public init(_ configuration: TenantsConfiguration, streams: RandomStreams) {
        self.configuration = configuration
        let count = configuration.count
        reserve(count)
        let users = streams.stream("tenants/active-users")
        for _ in 0..<count { activeUsers.append(Self.users(configuration.activeUsers.sample(users))) }
        let tierDraw = DiscreteDistribution(weights: configuration.tierShares)
        let tierStream = streams.stream("tenants/tiers")
        for _ in 0..<count { tiers.append(Tier(rawValue: UInt8(tierDraw.sample(tierStream)))!) }
        let regionDraw = DiscreteDistribution(weights: configuration.regions.map(\.share))
        let regionStream = streams.stream("tenants/regions")
        for _ in 0..<count { regions.append(UInt8(regionDraw.sample(regionStream))) }
        let productStream = streams.stream("tenants/products")
        let adoption = configuration.products.map(\.adoption)
        let fallback = adoption.contains { $0 > 0 } ? DiscreteDistribution(weights: adoption) : nil
        for _ in 0..<count { products.append(Self.productMix(adoption, fallback: fallback, productStream)) }
    }

    public var count: Int { activeUsers.count }

    /// Adds a tenant and returns its id. The workload and the outcomes learn of it through
    /// `TenantWorkload.tenantsAdded(in:)` and `TenantOutcomes.cover(_:)`; the edge and the
    /// sidecars size their per-tenant tables once, so they must be built with room for the
    /// tenants a run will add.
    @discardableResult
    public func append(activeUsers users: UInt32, tier: Tier, region: Int, products mix: UInt8) -> UInt32 {
        precondition(users > 0 && region < configuration.regions.count && count < Int(UInt32.max))
        activeUsers.append(users)
        tiers.append(tier)
        regions.append(UInt8(region))
        products.append(mix)
        return UInt32(count - 1)
    }

    /// Makes room for `capacity` tenants without reallocating.
    public func reserve(_ capacity: Int) {
        activeUsers.reserveCapacity(capacity)
        tiers.reserveCapacity(capacity)
        regions.reserveCapacity(capacity)
        products.reserveCapacity(capacity)
    }

    /// Bytes of the arrays' contents. Counted from the elements, not from the allocations'
    /// capacity, which depends on the allocator and would make reports differ between runs.
    public var memoryBytes: Int {
        count * (MemoryLayout<UInt32>.stride + MemoryLayout<Tier>.stride + 2 * MemoryLayout<UInt8>.stride)
    }

    /// A drawn size as a whole number of users: rounded, at least one.
    static func users(_ draw: Double) -> UInt32 {
        guard draw.isFinite else { return draw > 0 ? UInt32.max : 1 }
        return UInt32(min(max(draw.rounded(), 1), Double(UInt32.max)))
    }

    /// Each product independently by its adoption; a tenant that drew none uses one product,
    /// drawn by adoption, so every tenant sends something.
    static func productMix(_ adoption: [Double], fallback: DiscreteDistribution?, _ stream: RandomStream) -> UInt8 {
        guard !adoption.isEmpty else { return 0 }
        var mix: UInt8 = 0
        for (index, share) in adoption.enumerated() where stream.bernoulli(share) { mix |= 1 << UInt8(index) }
        if mix == 0 { mix = 1 << UInt8(fallback?.sample(stream) ?? 0) }
        return mix
    }
}
