import Infra
import SimKernel

/// Draws tenants one at a time from a population's distributions: active users, tier,
/// region and product mix, each from its own named stream `<prefix>/active-users`,
/// `<prefix>/tiers`, `<prefix>/regions` and `<prefix>/products`.
///
/// One stream per attribute, so the k-th tenant drawn is the same whatever else changes: a
/// different tier split leaves every tenant's size where it was. The configured population
/// is drawn with prefix `tenants`, sign-ups with `tenants.signups`.
public final class TenantDraw {
    public struct Tenant: Sendable, Equatable {
        public var activeUsers: UInt32
        public var tier: Tier
        /// Index into the configuration's regions.
        public var region: Int
        /// Bit `p` set: the tenant uses product `p`.
        public var products: UInt8

        public init(activeUsers: UInt32, tier: Tier, region: Int, products: UInt8) {
            self.activeUsers = activeUsers
            self.tier = tier
            self.region = region
            self.products = products
        }
    }

    private let configuration: TenantsConfiguration
    private let users: RandomStream
    private let tierDraw: DiscreteDistribution
    private let tierStream: RandomStream
    private let regionDraw: DiscreteDistribution
    private let regionStream: RandomStream
    private let adoption: [Double]
    private let fallback: DiscreteDistribution?
    private let productStream: RandomStream

    public init(_ configuration: TenantsConfiguration, streams: RandomStreams, prefix: String) {
        self.configuration = configuration
        users = streams.stream("\(prefix)/active-users")
        tierDraw = DiscreteDistribution(weights: configuration.tierShares)
        tierStream = streams.stream("\(prefix)/tiers")
        regionDraw = DiscreteDistribution(weights: configuration.regions.map(\.share))
        regionStream = streams.stream("\(prefix)/regions")
        adoption = configuration.products.map(\.adoption)
        fallback = adoption.contains { $0 > 0 } ? DiscreteDistribution(weights: adoption) : nil
        productStream = streams.stream("\(prefix)/products")
    }

    public func next() -> Tenant {
        Tenant(
            activeUsers: Self.users(configuration.activeUsers.sample(users)), tier: Tier(rawValue: UInt8(tierDraw.sample(tierStream)))!,
            region: regionDraw.sample(regionStream), products: Self.productMix(adoption, fallback: fallback, productStream))
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
