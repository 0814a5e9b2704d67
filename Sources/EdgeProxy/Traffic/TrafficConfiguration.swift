/// Open-loop client traffic: Poisson arrivals at a fixed rate, each request of a class drawn
/// by weight, from a tenant drawn by popularity, in a zone drawn by share.
public struct TrafficConfiguration: Sendable {
    /// Requests per second.
    public var rate: Double
    public var classes: [RequestClass]
    public var tenants: Int
    /// Zipf exponent of tenant popularity (tenant k has weight 1 / (k + 1)^skew); 0 is uniform.
    public var tenantSkew: Double
    /// Share of clients in each zone, by zone index.
    public var zoneShares: [Double]
    /// Users per tenant; a request comes from one of its tenant's users, uniformly.
    public var usersPerTenant: Int
    /// Share of tenants in each tier, by `Tier` raw value.
    public var tierShares: [Double]

    public init(
        rate: Double, classes: [RequestClass], tenants: Int = 1, tenantSkew: Double = 0, zoneShares: [Double],
        usersPerTenant: Int = 1, tierShares: [Double] = [1, 0, 0, 0]
    ) {
        precondition(rate > 0 && !classes.isEmpty && tenants > 0 && tenantSkew >= 0 && !zoneShares.isEmpty)
        precondition(usersPerTenant > 0 && tierShares.count == 4)
        self.rate = rate
        self.classes = classes
        self.tenants = tenants
        self.tenantSkew = tenantSkew
        self.zoneShares = zoneShares
        self.usersPerTenant = usersPerTenant
        self.tierShares = tierShares
    }
}
