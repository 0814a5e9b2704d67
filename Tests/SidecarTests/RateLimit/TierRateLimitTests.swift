import Infra
import Sidecar
import SimKernel
import Testing

@Suite("Per-tier rate limits")
struct TierRateLimitTests {
    @Test func descriptorsPerTierAndTenant() {
        var table = TierDescriptors.tierAndTenant()
        let free7 = table.descriptors(tier: .free, tenant: 7)
        #expect(free7 == [RateLimitDescriptor(["tier": "free", "tenant": "7"])])
        #expect(table.descriptors(tier: .free, tenant: 7) == free7)
        #expect(table.descriptors(tier: .enterprise, tenant: 7) == [RateLimitDescriptor(["tier": "enterprise", "tenant": "7"])])
        var tierOnly = TierDescriptors.tierAndTenant(tenantKey: nil)
        #expect(tierOnly.descriptors(tier: .premium, tenant: 123) == [RateLimitDescriptor(["tier": "premium"])])
    }

    @Test func templatesAreConfiguration() {
        var table = TierDescriptors([
            .free: [[RateLimitEntry("plan", "{tier}")], [RateLimitEntry("plan", "{tier}"), RateLimitEntry("tenant", "{tenant}")]],
            .enterprise: [],
        ])
        #expect(table.descriptors(tier: .free, tenant: 3) == [
            RateLimitDescriptor(["plan": "free"]), RateLimitDescriptor(["plan": "free", "tenant": "3"]),
        ])
        #expect(table.descriptors(tier: .enterprise, tenant: 3).isEmpty)
        #expect(table.descriptors(tier: .standard, tenant: 3).isEmpty)
    }

    @Test func perTierLimitsInTheService() throws {
        let limits = TierRateLimits(limits: [
            .free: RateLimitPolicy(requestsPerUnit: 2, unit: .minute),
            .standard: RateLimitPolicy(requestsPerUnit: 5, unit: .minute),
            .premium: .unlimited(),
        ])
        var service = RateLimitService(config: try RateLimitServiceConfig(domains: [limits.serviceDomain("edge")]))
        var table = TierDescriptors.tierAndTenant()
        func codes(_ tier: Tier, _ tenant: UInt32, _ count: Int) -> [RateLimitResponse.Code] {
            (0..<count).map { _ in service.shouldRateLimit(domain: "edge", descriptors: table.descriptors(tier: tier, tenant: tenant), at: .zero).overallCode }
        }
        #expect(codes(.free, 1, 3) == [.ok, .ok, .overLimit])
        #expect(codes(.free, 2, 2) == [.ok, .ok])
        #expect(codes(.standard, 3, 6) == [.ok, .ok, .ok, .ok, .ok, .overLimit])
        #expect(codes(.premium, 4, 10).allSatisfy { $0 == .ok })
        #expect(codes(.enterprise, 5, 10).allSatisfy { $0 == .ok })
    }

    @Test func perTierLocalBuckets() throws {
        let descriptors = TierRateLimits.localDescriptors([
            .free: LocalTokenBucketConfiguration(maxTokens: 1, fillInterval: .seconds(1)),
            .premium: LocalTokenBucketConfiguration(maxTokens: 3, fillInterval: .seconds(1)),
        ])
        #expect(descriptors.map(\.entries) == [[RateLimitEntry("tier", "free")], [RateLimitEntry("tier", "premium")]])
        var limiter = try LocalRateLimiter(LocalRateLimiterConfiguration(tokenBucket: nil, descriptors: descriptors), at: .zero)
        var table = TierDescriptors.tierAndTenant(tenantKey: nil)
        let free = table.descriptors(tier: .free, tenant: 0)
        let premium = table.descriptors(tier: .premium, tenant: 0)
        #expect((0..<2).map { _ in limiter.requestAllowed(free, at: .zero).allowed } == [true, false])
        #expect((0..<4).map { _ in limiter.requestAllowed(premium, at: .zero).allowed } == [true, true, true, false])
    }
}
