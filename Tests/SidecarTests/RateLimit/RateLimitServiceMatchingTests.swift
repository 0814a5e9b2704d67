import Sidecar
import SimKernel
import Testing

/// `GetLimit` (envoy-vectors.md 10.3, `test/config/config_test.go`).
@Suite("Rate-limit service descriptor matching")
struct RateLimitServiceMatchingTests {
    let config: RateLimitServiceConfig
    let wildcards: RateLimitServiceConfig

    init() throws {
        config = try RateLimitServiceConfig(domains: [ServiceFixture.basic])
        wildcards = try RateLimitServiceConfig(domains: [ServiceFixture.wildcard])
    }

    func limit(_ pairs: KeyValuePairs<String, String>, domain: String = "test-domain", in config: RateLimitServiceConfig? = nil) -> RateLimitPolicy? {
        (config ?? self.config).limit(domain: domain, descriptor: RateLimitDescriptor(pairs))?.policy
    }

    func statsKey(_ pairs: KeyValuePairs<String, String>, in config: RateLimitServiceConfig) -> String? {
        let descriptor = RateLimitDescriptor(pairs)
        return config.limit(domain: "test-domain", descriptor: descriptor).map { config.statsKey(of: $0, descriptor: descriptor) }
    }

    @Test func basicConfig() {
        #expect(limit(["key1": "value1"], domain: "foo_domain") == nil)
        #expect(limit([:]) == nil)
        #expect(limit(["key1": "something"]) == nil)
        #expect(limit(["key1": "value1"]) == nil)
        #expect(limit(["key2": "value2", "subkey": "subvalue"]) == nil)
        #expect(limit(["key5": "value5", "subkey5": "subvalue"]) == nil)
        #expect(limit(["key1": "value1", "subkey1": "something"]) == ServiceFixture.policy(5, .second))
        #expect(limit(["key1": "value1", "subkey1": "subvalue1"]) == ServiceFixture.policy(10, .second))
        #expect(limit(["key2": "something"]) == ServiceFixture.policy(20, .minute))
        #expect(limit(["key2": "value2"]) == ServiceFixture.policy(30, .minute))
        #expect(limit(["key2": "value3"]) == nil)
        #expect(limit(["key3": "foo"]) == ServiceFixture.policy(1, .hour))
        #expect(limit(["key4": "foo"]) == ServiceFixture.policy(1, .day, name: "key4_rate_limit"))
        #expect(limit(["key6": "foo"]) == .unlimited())
        #expect(limit(["key7": "unspecified_value"]) == ServiceFixture.policy(70, .minute))
        #expect(statsKey(["key7": "unspecified_value"], in: config) == "test-domain.key7_unspecified_value")
        #expect(statsKey(["key1": "value1", "subkey1": "subvalue1"], in: config) == "test-domain.key1_value1.subkey1_subvalue1")
    }

    @Test func wildcardConfig() {
        let minute20 = ServiceFixture.policy(20, .minute)
        #expect(statsKey(["noVal": "foo1"], in: wildcards) == "test-domain.noVal")
        #expect(statsKey(["noVal": "foo2"], in: wildcards) == "test-domain.noVal")
        #expect(statsKey(["wild": "foo1"], in: wildcards) == "test-domain.wild_foo*")
        #expect(statsKey(["wild": "foo2"], in: wildcards) == "test-domain.wild_foo*")
        #expect(statsKey(["nestedWild": "val1", "wild": "goo2"], in: wildcards) == "test-domain.nestedWild_val1.wild_goo*")
        #expect(limit(["wild": "bar"], in: wildcards) == nil)
        #expect(limit(["noWild": "foo1"], in: wildcards) == nil)
        #expect(limit(["noWild": "foo"], in: wildcards) == minute20)
        for value in ["barab", "bar123b", "barb"] {
            #expect(limit(["midWild": value], in: wildcards) == minute20, "midWild=\(value)")
        }
        for value in ["bara", "xbarb"] {
            #expect(limit(["midWild": value], in: wildcards) == nil, "midWild=\(value)")
        }
        for value in ["foo123bar456baz", "foobarbaz"] {
            #expect(limit(["multiWild": value], in: wildcards) == ServiceFixture.policy(10, .minute), "multiWild=\(value)")
        }
        for value in ["foo123baz", "bar456baz"] {
            #expect(limit(["multiWild": value], in: wildcards) == nil, "multiWild=\(value)")
        }
    }

    @Test func exactBeatsWildcardBeatsDefault() throws {
        let config = try RateLimitServiceConfig(domains: [RateLimitServiceDomain(domain: "d", descriptors: [
            RateLimitServiceDescriptor(key: "user", rateLimit: ServiceFixture.policy(1, .minute)),
            RateLimitServiceDescriptor(key: "user", value: "admin-*", rateLimit: ServiceFixture.policy(2, .minute)),
            RateLimitServiceDescriptor(key: "user", value: "admin-*-eu", rateLimit: ServiceFixture.policy(3, .minute)),
            RateLimitServiceDescriptor(key: "user", value: "admin-root", rateLimit: ServiceFixture.policy(4, .minute)),
        ])])
        func requests(_ user: String) -> UInt32? {
            config.limit(domain: "d", descriptor: RateLimitDescriptor(["user": user]))?.policy.requestsPerUnit
        }
        #expect(requests("alice") == 1)
        #expect(requests("admin-bob") == 2)
        // The first wildcard in configuration order wins, even when a later one is more specific.
        #expect(requests("admin-bob-eu") == 2)
        #expect(requests("admin-root") == 4)
    }

    @Test func inlineLimitOverridesConfiguration() {
        let descriptor = RateLimitDescriptor(["key2": "value3"], limitOverride: RateLimitOverride(requestsPerUnit: 7, unit: .hour))
        let match = config.limit(domain: "test-domain", descriptor: descriptor)
        #expect(match?.policy == ServiceFixture.policy(7, .hour))
        #expect(match?.shadowMode == false)
        #expect(match.map { config.statsKey(of: $0, descriptor: descriptor) } == "test-domain.key2_value3")
    }

    @Test func configurationErrors() throws {
        #expect(throws: RateLimitServiceConfigError.emptyDomain) {
            _ = try RateLimitServiceConfig(domains: [RateLimitServiceDomain(domain: "", descriptors: [])])
        }
        #expect(throws: RateLimitServiceConfigError.duplicateDomain("d")) {
            _ = try RateLimitServiceConfig(domains: [RateLimitServiceDomain(domain: "d", descriptors: []), RateLimitServiceDomain(domain: "d", descriptors: [])])
        }
        #expect(throws: RateLimitServiceConfigError.emptyKey) {
            _ = try RateLimitServiceConfig(domains: [RateLimitServiceDomain(domain: "d", descriptors: [RateLimitServiceDescriptor(key: "")])])
        }
        #expect(throws: RateLimitServiceConfigError.duplicateCompositeKey("d.a_b.c")) {
            _ = try RateLimitServiceConfig(domains: [RateLimitServiceDomain(domain: "d", descriptors: [
                RateLimitServiceDescriptor(key: "a", value: "b", descriptors: [RateLimitServiceDescriptor(key: "c"), RateLimitServiceDescriptor(key: "c")]),
            ])])
        }
        #expect(throws: RateLimitServiceConfigError.invalidUnit("fortnight")) {
            _ = try RateLimitPolicy(requestsPerUnit: 1, unitName: "fortnight")
        }
        #expect(throws: RateLimitServiceConfigError.unitWithUnlimited) {
            _ = try RateLimitPolicy(requestsPerUnit: 1, unitName: "second", unlimited: true)
        }
        #expect(try RateLimitPolicy(requestsPerUnit: 3, unitName: "MINUTE") == ServiceFixture.policy(3, .minute))
        #expect(try RateLimitPolicy(requestsPerUnit: 0, unitName: "", unlimited: true) == .unlimited())
        #expect(RateLimitServiceConfigError.duplicateCompositeKey("d.a_b.c").description == "duplicate descriptor composite key 'd.a_b.c'")
        #expect(RateLimitServiceConfigError.invalidUnit("x").description == "invalid rate limit unit 'x'")
    }
}
