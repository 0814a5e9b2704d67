import Infra
import SimKernel

/// The tenants, as one flat array indexed by tenant id: no object per tenant, 8 bytes each
/// (active users, tier, region, products side by side, so that a request reads its tenant
/// with one cache miss, not one per attribute).
///
/// A tenant's id is its index: stable for the life of the run and the same for the same
/// configuration and seed, so hash policies, rate-limit descriptors and reports that name a
/// tenant by id agree. Ids are never reused; sign-ups take the ids after the configured
/// tenants, held from when they sign up until they are ACTIVE (`hold`, `admit`).
public final class TenantPopulation {
    public struct Profile: Sendable, Equatable {
        public var activeUsers: UInt32
        public var tier: Tier
        /// Index into `configuration.regions`.
        public var region: UInt8
        /// Bit `p` set: the tenant uses product `p` of `configuration.products`.
        public var products: UInt8

        /// A held id's: no users, so it sends nothing and no per-tier figure counts it.
        static let held = Profile(activeUsers: 0, tier: .free, region: 0, products: 0)
    }

    public let configuration: TenantsConfiguration
    public private(set) var profiles: [Profile] = []

    /// The tenant `id`.
    @inline(__always)
    public subscript(id: Int) -> Profile { profiles[id] }

    /// Each attribute by tenant id, for reading the population as a whole.
    public var activeUsers: LazyMapCollection<[Profile], UInt32> { profiles.lazy.map { $0.activeUsers } }
    public var tiers: LazyMapCollection<[Profile], Tier> { profiles.lazy.map { $0.tier } }
    public var regions: LazyMapCollection<[Profile], UInt8> { profiles.lazy.map { $0.region } }
    public var products: LazyMapCollection<[Profile], UInt8> { profiles.lazy.map { $0.products } }

    /// Draws `configuration.count` tenants with a `TenantDraw` of prefix `tenants` on `streams`.
    public init(_ configuration: TenantsConfiguration, streams: RandomStreams) {
        self.configuration = configuration
        reserve(configuration.count)
        let draw = TenantDraw(configuration, streams: streams, prefix: "tenants")
        for _ in 0..<configuration.count { append(draw.next()) }
    }

    /// Ids in the arrays, held ones included (see `hold(through:)`).
    public var count: Int { profiles.count }

    /// Adds a tenant and returns its id. The workload and the outcomes learn of it through
    /// `TenantWorkload.tenantsAdded(_:in:)` and `TenantOutcomes.cover(_:)`; the edge and the
    /// sidecars size their per-tenant tables once, so they must be built with room for the
    /// tenants a run will add.
    @discardableResult
    public func append(_ tenant: TenantDraw.Tenant) -> UInt32 {
        precondition(tenant.activeUsers > 0 && tenant.region < configuration.regions.count && count < Int(UInt32.max))
        profiles.append(Profile(tenant))
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
        profiles.append(contentsOf: repeatElement(.held, count: added))
    }

    /// Makes held id `id` the tenant `tenant`.
    public func admit(_ id: Int, as tenant: TenantDraw.Tenant) {
        precondition(profiles[id].activeUsers == 0, "an id is admitted once, and only a held one")
        precondition(tenant.activeUsers > 0 && tenant.region < configuration.regions.count)
        profiles[id] = Profile(tenant)
    }

    /// Whether `id` is a tenant (not a held id).
    @inline(__always)
    public func isTenant(_ id: Int) -> Bool { profiles[id].activeUsers > 0 }

    /// Makes room for `capacity` tenants without reallocating.
    public func reserve(_ capacity: Int) {
        profiles.reserveCapacity(capacity)
    }

    /// Bytes of the arrays' contents. Counted from the elements, not from the allocations'
    /// capacity, which depends on the allocator and would make reports differ between runs.
    public var memoryBytes: Int {
        count * MemoryLayout<Profile>.stride
    }
}

extension TenantPopulation.Profile {
    init(_ tenant: TenantDraw.Tenant) {
        self.init(activeUsers: tenant.activeUsers, tier: tenant.tier, region: UInt8(tenant.region), products: tenant.products)
    }
}
