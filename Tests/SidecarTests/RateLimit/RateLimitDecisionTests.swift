import Sidecar
import SimKernel
import Testing

/// `test/limiter/base_limiter_test.go` (envoy-vectors.md 10.1).
@Suite("Rate-limit service decisions and cache keys")
struct RateLimitDecisionTests {
    func evaluate(_ rpu: UInt32, before: UInt64, after: UInt64, hits: UInt64, shadow: Bool = false, cached: Bool = false) -> (RateLimitDecision, RateLimitStatistics) {
        var statistics = RateLimitStatistics()
        let decision = RateLimitDecision.evaluate(
            requestsPerUnit: rpu, before: before, after: after, hits: hits, nearLimitRatio: 0.8,
            shadowMode: shadow, cachedOverLimit: cached, statistics: &statistics)
        return (decision, statistics)
    }

    @Test func belowLimit() {
        let (decision, statistics) = evaluate(10, before: 2, after: 6, hits: 1)
        #expect(decision == RateLimitDecision(code: .ok, limitRemaining: 4))
        #expect(statistics.withinLimit == 1)
        #expect(statistics.nearLimit == 0)
    }

    @Test func overLimit() {
        let (decision, statistics) = evaluate(5, before: 2, after: 7, hits: 1)
        #expect(decision == RateLimitDecision(code: .overLimit, limitRemaining: 0))
        #expect(statistics.overLimit == 2)
        #expect(statistics.nearLimit == 1)
    }

    @Test func overLimitShadowMode() {
        let (decision, statistics) = evaluate(5, before: 2, after: 7, hits: 1, shadow: true)
        #expect(decision == RateLimitDecision(code: .ok, limitRemaining: 0))
        #expect(statistics.overLimit == 2)
        #expect(statistics.nearLimit == 1)
    }

    @Test func overLimitWithLocalCache() {
        let (decision, statistics) = evaluate(5, before: 0, after: 0, hits: 2, cached: true)
        #expect(decision.code == .overLimit)
        #expect(statistics.overLimit == 2)
        #expect(statistics.overLimitWithLocalCache == 2)
        let (shadowDecision, shadowStatistics) = evaluate(5, before: 0, after: 0, hits: 2, shadow: true, cached: true)
        #expect(shadowDecision.code == .ok)
        #expect(shadowStatistics.shadowMode == 2)
    }

    @Test func nearLimitThreshold() {
        #expect(RateLimitDecision.nearLimitThreshold(requestsPerUnit: 5, ratio: 0.8) == 4)
        #expect(RateLimitDecision.nearLimitThreshold(requestsPerUnit: 8, ratio: 0.8) == 6)
        #expect(RateLimitDecision.nearLimitThreshold(requestsPerUnit: 20, ratio: 0.8) == 16)
        #expect(RateLimitDecision.nearLimitThreshold(requestsPerUnit: 15, ratio: 0.8) == 12)
    }

    /// `TestGenerateCacheKeys`, `…Prefix` and `…WithShareThreshold`, at Unix second 1234.
    @Test func cacheKeys() throws {
        let domain = RateLimitServiceDomain(domain: "domain", descriptors: [
            RateLimitServiceDescriptor(key: "key", value: "value", rateLimit: ServiceFixture.policy(10, .second)),
            RateLimitServiceDescriptor(key: "files", value: "files/*", rateLimit: ServiceFixture.policy(10, .second), shareThreshold: true),
        ])
        let config = try RateLimitServiceConfig(domains: [domain])
        let at1234 = SimTime.seconds(1234)
        let plain = RateLimitService(config: config)
        #expect(plain.cacheKey(domain: "domain", descriptor: RateLimitDescriptor(["key": "value"]), at: at1234) == "domain_key_value_1234")
        let prefixed = RateLimitService(config: config, options: RateLimitServiceOptions(cacheKeyPrefix: "prefix:"))
        #expect(prefixed.cacheKey(domain: "domain", descriptor: RateLimitDescriptor(["key": "value"]), at: at1234) == "prefix:domain_key_value_1234")
        for file in ["files/a.pdf", "files/b.csv"] {
            #expect(plain.cacheKey(domain: "domain", descriptor: RateLimitDescriptor(["files": file]), at: at1234) == "domain_files_files/*_1234")
        }
        #expect(plain.cacheKey(domain: "domain", descriptor: RateLimitDescriptor(["other": "x"]), at: at1234) == nil)
    }

    @Test func shareThresholdCountsAllValuesTogether() throws {
        let config = try RateLimitServiceConfig(domains: [RateLimitServiceDomain(domain: "domain", descriptors: [
            RateLimitServiceDescriptor(key: "files", value: "files/*", rateLimit: ServiceFixture.policy(2, .minute), shareThreshold: true),
            RateLimitServiceDescriptor(key: "own", value: "x*", rateLimit: ServiceFixture.policy(2, .minute)),
        ])])
        var service = RateLimitService(config: config)
        let codes = ["files/a.pdf", "files/b.csv", "files/c.txt"].map {
            service.shouldRateLimit(domain: "domain", descriptors: [RateLimitDescriptor(["files": $0])], at: .zero).overallCode
        }
        #expect(codes == [.ok, .ok, .overLimit])
        // Without share_threshold each value has its own counter.
        let own = ["x1", "x2", "x3"].map {
            service.shouldRateLimit(domain: "domain", descriptors: [RateLimitDescriptor(["own": $0])], at: .zero).overallCode
        }
        #expect(own == [.ok, .ok, .ok])
    }
}
