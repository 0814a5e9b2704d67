/// The `rate_limit` block of a rate-limit service descriptor: `requests_per_unit` per `unit`,
/// or `unlimited`, with an optional `name`.
public struct RateLimitPolicy: Hashable, Sendable {
    public var requestsPerUnit: UInt32
    /// The window; nil only for an unlimited policy.
    public var unit: RateLimitUnit?
    public var unlimited: Bool
    public var name: String?

    public init(requestsPerUnit: UInt32, unit: RateLimitUnit, name: String? = nil) {
        self.requestsPerUnit = requestsPerUnit
        self.unit = unit
        self.unlimited = false
        self.name = name
    }

    /// `unlimited: true`: always OK, never counted.
    public static func unlimited(name: String? = nil) -> RateLimitPolicy {
        var policy = RateLimitPolicy(requestsPerUnit: 0, unit: .second, name: name)
        policy.unit = nil
        policy.unlimited = true
        return policy
    }

    /// A policy as a configuration file spells it, checked as the service checks it: an
    /// unlimited policy must not name a valid unit; a limited one must.
    public init(requestsPerUnit: UInt32, unitName: String, unlimited: Bool = false, name: String? = nil) throws(RateLimitServiceConfigError) {
        let unit = RateLimitUnit(configName: unitName)
        if unlimited {
            if unit != nil {
                throw .unitWithUnlimited
            }
            self = .unlimited(name: name)
            return
        }
        guard let unit else {
            throw .invalidUnit(unitName)
        }
        self.init(requestsPerUnit: requestsPerUnit, unit: unit, name: name)
    }
}
