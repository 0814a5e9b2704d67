import Infra
import SimKernel

/// The synthetic tenant population of a scenario (`tenants:`): how many, how big, which tier,
/// where (regions and their time zones) and which products they use.
public struct TenantsConfiguration: Sendable {
    /// A region of tenants: its share of the tenants and its clock's offset from UTC.
    public struct Region: Sendable, Equatable {
        public var name: String
        public var share: Double
        /// Hours to add to UTC for local time (may be fractional, e.g. 5.5 or -3.5).
        public var utcOffsetHours: Double

        public init(name: String, share: Double, utcOffsetHours: Double) {
            precondition(share >= 0 && share <= 1 && abs(utcOffsetHours) <= 14)
            self.name = name
            self.share = share
            self.utcOffsetHours = utcOffsetHours
        }
    }

    /// A product tenants may use; `adoption` is the share of tenants that use it, drawn
    /// independently per product.
    public struct Product: Sendable, Equatable {
        public var name: String
        public var adoption: Double

        public init(name: String, adoption: Double) {
            precondition(adoption >= 0 && adoption <= 1)
            self.name = name
            self.adoption = adoption
        }
    }

    /// A tenant's products are a bit set in one byte.
    public static let maximumProducts = 8
    public static let maximumRegions = 255

    public var count: Int
    /// Active users per tenant: drawn per tenant, rounded to the nearest whole number, at least 1.
    public var activeUsers: Distribution
    /// Share of tenants in each tier, by `Tier` raw value.
    public var tierShares: [Double]
    public var regions: [Region]
    /// Empty means one implicit product that every tenant uses.
    public var products: [Product]

    public init(count: Int, activeUsers: Distribution, tierShares: [Double], regions: [Region], products: [Product] = []) {
        precondition(count >= 0 && tierShares.count == Tier.allCases.count && tierShares.contains { $0 > 0 })
        precondition(!regions.isEmpty && regions.count <= Self.maximumRegions && regions.contains { $0.share > 0 })
        precondition(products.count <= Self.maximumProducts)
        self.count = count
        self.activeUsers = activeUsers
        self.tierShares = tierShares
        self.regions = regions
        self.products = products
    }
}
