import Infra
import SimKernel

/// The auth service's answer to an introspection call: 401 for an invalid token, else 200.
final class AuthResponder: InstanceResponder {
    private let invalidTokenProbability: Double
    private let stream: RandomStream

    init(invalidTokenProbability: Double, stream: RandomStream) {
        self.invalidTokenProbability = invalidTokenProbability
        self.stream = stream
    }

    func status(for call: UpstreamMessage.Call, at now: SimTime) -> UInt16 {
        invalidTokenProbability > 0 && stream.bernoulli(invalidTokenProbability) ? 401 : 200
    }
}

/// The rate-limit service's answer to `ShouldRateLimit`: its counters (shared by all its
/// instances, as they share Redis) decide OK (200) or OVER_LIMIT (429) for the descriptors of
/// the request the call was made for.
final class RateLimitResponder: InstanceResponder {
    private var service: RateLimitService
    private var descriptors: TierDescriptors
    private var response = RateLimitResponse()
    private let domain: String
    private let shared: SidecarShared

    init(_ configuration: GlobalRateLimitConfiguration, shared: SidecarShared) throws(RateLimitServiceConfigError) {
        var options = RateLimitServiceOptions()
        options.globalShadowMode = configuration.shadowMode
        service = RateLimitService(config: try RateLimitServiceConfig(domains: [configuration.limits.serviceDomain(configuration.domain)]), options: options)
        descriptors = .tierAndTenant(
            tierKey: configuration.limits.tierKey, tenantKey: configuration.limits.perTenant ? configuration.limits.tenantKey : nil)
        domain = configuration.domain
        self.shared = shared
    }

    func status(for call: UpstreamMessage.Call, at now: SimTime) -> UInt16 {
        let context = shared.requests[shared.jobs[call.slot].request]
        let requestDescriptors = descriptors.descriptors(tier: context.tier, tenant: context.tenant)
        service.shouldRateLimit(domain: domain, descriptors: requestDescriptors, at: now, into: &response)
        switch response.overallCode {
        case .overLimit: return 429
        case .ok: return 200
        default: return 500
        }
    }
}
