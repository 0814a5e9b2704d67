import Infra
import Sidecar
import SimKernel
import Testing

/// The compiled per-tier limits decide exactly as the rate-limit service does for the same
/// descriptors, over random requests crossing many window boundaries.
@Suite struct CompiledTierLimitsTests {
    @Test(arguments: [true, false])
    func decidesAsTheServiceDoes(perTenant: Bool) throws {
        let limits = TierRateLimits(
            limits: [
                .free: RateLimitPolicy(requestsPerUnit: 3, unit: .second), .standard: RateLimitPolicy(requestsPerUnit: 20, unit: .minute),
                .premium: .unlimited(),
            ],
            perTenant: perTenant)
        let configuration = GlobalRateLimitConfiguration(service: "ratelimit", domain: "d", limits: limits)
        var compiled = try CompiledTierLimits(configuration, tenants: 8)
        var service = RateLimitService(config: try RateLimitServiceConfig(domains: [limits.serviceDomain("d")]))
        var descriptors = TierDescriptors.tierAndTenant(tenantKey: perTenant ? "tenant" : nil)
        let stream = RandomStream(name: "requests", seed: 1)
        var now = SimTime.zero
        var overLimit = 0
        for _ in 0..<20_000 {
            now += SimTime(seconds: stream.exponential(mean: 0.05))
            let tenant = UInt32(stream.index(below: 8))
            // A tenant has one tier, as in the simulated population.
            let tier = Tier(rawValue: UInt8(tenant % 4))!
            let expected = service.shouldRateLimit(domain: "d", descriptors: descriptors.descriptors(tier: tier, tenant: tenant), at: now)
            let decision = compiled.decide(tier: tier, tenant: tenant, at: now)
            let over: Bool
            switch decision {
            case .overLimit: over = true
            case .ok, .shadowOverLimit: over = false
            }
            #expect(over == (expected.overallCode == .overLimit))
            if over { overLimit += 1 }
        }
        #expect(overLimit > 1_000)
    }
}
