import Infra
import SimKernel

/// The tenants, as parallel flat arrays indexed by tenant id: no object per tenant, 7 bytes
/// each (active users, tier, region, products).
///
/// A tenant's id is its index: stable for the life of the run and the same for the same
/// configuration and seed, so hash policies, rate-limit descriptors and reports that name a
/// tenant by id agree. Ids are never reused; sign-ups take the ids after the configured
/// tenants, held from when they sign up until they are ACTIVE (`hold`, `admit`).
public final class TenantPopulation {
    public let configuration: TenantsConfiguration
    public private(set) var activeUsers: [UInt32] = []
    public private(set) var tiers: [Tier] = []
    /// Index into `configuration.regions`.
    public private(set) var regions: [UInt8] = []
    /// Bit `p` set: the tenant uses product `p` of `configuration.products`.
    public private(set) var products: [UInt8] = []

    /// Draws `configuration.count` tenants with a `TenantDraw` of prefix `tenants` on `streams`.
    public init(_ configuration: TenantsConfiguration, streams: RandomStreams) {
        self.configuration = configuration
        reserve(configuration.count)
        let draw = TenantDraw(configuration, streams: streams, prefix: "tenants")
        for _ in 0..<configuration.count { append(draw.next()) }
    }

    /// Ids in the arrays, held ones included (see `hold(through:)`).
    public var count: Int { activeUsers.count }

    /// Adds a tenant and returns its id. The workload and the outcomes learn of it through
    /// `TenantWorkload.tenantsAdded(_:in:)` and `TenantOutcomes.cover(_:)`; the edge and the
    /// sidecars size their per-tenant tables once, so they must be built with room for the
    /// tenants a run will add.
    @discardableResult
    public func append(_ tenant: TenantDraw.Tenant) -> UInt32 {
        precondition(tenant.activeUsers > 0 && tenant.region < configuration.regions.count && count < Int(UInt32.max))
        activeUsers.append(tenant.activeUsers)
        tiers.append(tenant.tier)
        regions.append(UInt8(tenant.region))
        products.append(tenant.products)
        return UInt32(count - 1)
    }

    /// Holds the ids up to `id` for tenants that are not tenants yet: a sign-up's id is fixed
    /// when it signs up (it is its DynamoDB key), but it becomes a tenant only when it is
    /// ACTIVE, and sign-ups get there out of order or never. A held id has no active users,
    /// so it sends nothing and no per-tier figure counts it, until `admit` fills it.
    public func hold(through id: Int) {
        precondition(id < Int(UInt32.max))
        guard id >= count else { return }
        let added = id + 1 - count
        activeUsers.append(contentsOf: repeatElement(0, count: added))
        tiers.append(contentsOf: repeatElement(.free, count: added))
        regions.append(contentsOf: repeatElement(0, count: added))
        products.append(contentsOf: repeatElement(0, count: added))
    }

    /// Makes held id `id` the tenant `tenant`.
    public func admit(_ id: Int, as tenant: TenantDraw.Tenant) {
        precondition(activeUsers[id] == 0, "an id is admitted once, and only a held one")
        precondition(tenant.activeUsers > 0 && tenant.region < configuration.regions.count)
        activeUsers[id] = tenant.activeUsers
        tiers[id] = tenant.tier
        regions[id] = UInt8(tenant.region)
        products[id] = tenant.products
    }

    /// Whether `id` is a tenant (not a held id).
    @inline(__always)
    public func isTenant(_ id: Int) -> Bool { activeUsers[id] > 0 }

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
}
