import Infra
import SimKernel

/// The rate-limit service's decision for per-tier (and per-tenant) descriptors, compiled:
/// the limit each tier's descriptor matches is looked up once with the service's own matching,
/// and the fixed-window counters live in flat arrays, one per tier or per tenant. Only the
/// current window is kept, which is all a fixed window needs. Same decisions as
/// `RateLimitService` for these descriptors, with no string keys and no hashing per request.
/// Per-tenant counters are keyed by tenant alone: a tenant belongs to one tier.
public struct CompiledTierLimits: Sendable {
    private struct TierLimit {
        /// Nil: no limit applies (or unlimited).
        var requestsPerUnit: UInt64?
        var unitSeconds: Int64
        var shadow: Bool
    }

    private let limits: [TierLimit]
    private let perTenant: Bool
    private let globalShadow: Bool
    private let epochOffset: Int64
    private var windowStart: [Int64]
    private var counts: [UInt64]

    public init(_ configuration: GlobalRateLimitConfiguration, tenants: Int, epochOffset: Int64 = RateLimitServiceOptions().unixEpochOffset) throws(RateLimitServiceConfigError) {
        let service = try RateLimitServiceConfig(domains: [configuration.limits.serviceDomain(configuration.domain)])
        let descriptors = TierDescriptors.tierAndTenant(
            tierKey: configuration.limits.tierKey, tenantKey: configuration.limits.perTenant ? configuration.limits.tenantKey : nil)
        var table = descriptors
        limits = Tier.allCases.map { tier in
            let descriptor = table.descriptors(tier: tier, tenant: 0)[0]
            guard let match = service.limit(domain: configuration.domain, descriptor: descriptor), !match.policy.unlimited,
                  let unit = match.policy.unit
            else { return TierLimit(requestsPerUnit: nil, unitSeconds: 1, shadow: false) }
            return TierLimit(requestsPerUnit: UInt64(match.policy.requestsPerUnit), unitSeconds: unit.seconds, shadow: match.shadowMode)
        }
        perTenant = configuration.limits.perTenant
        globalShadow = configuration.shadowMode
        self.epochOffset = epochOffset
        let keys = perTenant ? tenants : Tier.allCases.count
        windowStart = [Int64](repeating: .min, count: keys)
        counts = [UInt64](repeating: 0, count: keys)
    }

    public enum Decision: Sendable {
        case ok
        case overLimit
        /// Over the limit, but the descriptor (or the service) is in shadow mode.
        case shadowOverLimit
    }

    /// One `ShouldRateLimit` call for a request of `tenant` in `tier` at `now` (one hit).
    public mutating func decide(tier: Tier, tenant: UInt32, at now: SimTime) -> Decision {
        let limit = limits[Int(tier.rawValue)]
        guard let requestsPerUnit = limit.requestsPerUnit else { return .ok }
        let key = perTenant ? Int(tenant) : Int(tier.rawValue)
        let seconds = epochOffset + now.nanoseconds / 1_000_000_000
        let window = seconds - seconds % limit.unitSeconds
        if windowStart[key] != window {
            windowStart[key] = window
            counts[key] = 0
        }
        counts[key] += 1
        guard counts[key] > requestsPerUnit else { return .ok }
        return limit.shadow || globalShadow ? .shadowOverLimit : .overLimit
    }
}
