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
/// the request the call was made for. A call whose job its chain has already dropped (it
/// timed out on the way) is answered OK uncounted: nobody waits for that answer.
final class RateLimitResponder: InstanceResponder {
    private var limits: CompiledTierLimits
    /// Unowned: the chains own what they share, and the service instance holding this
    /// responder is among the targets it holds.
    private unowned let shared: SidecarShared

    init(_ configuration: GlobalRateLimitConfiguration, tenants: Int, shared: SidecarShared) throws(RateLimitServiceConfigError) {
        limits = try CompiledTierLimits(configuration, tenants: tenants)
        self.shared = shared
    }

    func status(for call: UpstreamMessage.Call, at now: SimTime) -> UInt16 {
        let chain = shared.chain(call.caller)
        guard let sender = chain.sender(of: call) else { return 200 }
        switch limits.decide(tier: sender.tier, tenant: sender.tenant, at: now) {
        case .overLimit:
            return 429
        case .shadowOverLimit:
            chain.count(.globalShadowOverLimit)
            return 200
        case .ok:
            return 200
        }
    }
}
