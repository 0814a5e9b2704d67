import Sidecar
import SimKernel
import Testing

/// The fixed-window counting of `test/redis/fixed_cache_impl_test.go` (envoy-vectors.md 10.2),
/// with counters brought to the tests' Redis values by earlier calls.
@Suite("Rate-limit service fixed windows")
struct RateLimitServiceCounterTests {
    static let domain = RateLimitServiceDomain(domain: "domain", descriptors: [
        RateLimitServiceDescriptor(key: "key", value: "value", rateLimit: ServiceFixture.policy(10, .second)),
        RateLimitServiceDescriptor(key: "key2", value: "value2", descriptors: [
            RateLimitServiceDescriptor(key: "subkey2", value: "subvalue2", rateLimit: ServiceFixture.policy(10, .minute)),
        ]),
        RateLimitServiceDescriptor(key: "key3", value: "value3", rateLimit: ServiceFixture.policy(10, .hour), descriptors: [
            RateLimitServiceDescriptor(key: "subkey3", value: "subvalue3", rateLimit: ServiceFixture.policy(10, .day)),
        ]),
        RateLimitServiceDescriptor(key: "key4", value: "value4", rateLimit: ServiceFixture.policy(15, .hour)),
        RateLimitServiceDescriptor(key: "key5", value: "value5", rateLimit: ServiceFixture.policy(20, .second)),
        RateLimitServiceDescriptor(key: "key6", value: "value6", rateLimit: ServiceFixture.policy(8, .second)),
        RateLimitServiceDescriptor(key: "key7", value: "value7", rateLimit: ServiceFixture.policy(20, .second)),
        RateLimitServiceDescriptor(key: "key8", value: "value8", rateLimit: ServiceFixture.policy(20, .second)),
        RateLimitServiceDescriptor(key: "key9", value: "value9", rateLimit: ServiceFixture.policy(20, .second)),
    ])

    static func service(localCache: Bool = false) throws -> RateLimitService {
        RateLimitService(config: try RateLimitServiceConfig(domains: [domain]), options: RateLimitServiceOptions(localCache: localCache))
    }

    /// Counts `hits` into `descriptor`'s `unit` counter, as another caller sharing the counters
    /// would: through an inline limit, whose statistics are kept apart.
    static func preload(_ service: inout RateLimitService, _ descriptor: RateLimitDescriptor, _ unit: RateLimitUnit, hits: UInt64, at now: SimTime) {
        let other = RateLimitDescriptor(descriptor.entries, hitsAddend: hits, limitOverride: RateLimitOverride(requestsPerUnit: .max, unit: unit))
        _ = service.shouldRateLimit(domain: "domain", descriptors: [other], at: now)
    }

    static func limit(_ rpu: UInt32, _ unit: RateLimitUnit) -> RateLimitCurrentLimit {
        RateLimitCurrentLimit(requestsPerUnit: rpu, unit: unit)
    }

    @Test func redisSecondLimit() throws {
        var service = try Self.service()
        let now = SimTime.seconds(1234)
        let descriptor = RateLimitDescriptor(["key": "value"])
        Self.preload(&service, descriptor, .second, hits: 4, at: now)
        let response = service.shouldRateLimit(domain: "domain", descriptors: [descriptor], at: now)
        #expect(response.overallCode == .ok)
        #expect(response.statuses == [RateLimitDescriptorStatus(code: .ok, currentLimit: Self.limit(10, .second), limitRemaining: 5, durationUntilReset: 1)])
        #expect(service.counters.value(domain: "domain", entries: descriptor.entries, unit: .second, unixSeconds: 1234) == 5)
    }

    @Test func redisNestedMinuteLimit() throws {
        var service = try Self.service()
        let now = SimTime.seconds(1234)
        let nested = RateLimitDescriptor(["key2": "value2", "subkey2": "subvalue2"])
        Self.preload(&service, nested, .minute, hits: 10, at: now)
        #expect(service.cacheKey(domain: "domain", descriptor: nested, at: now) == "domain_key2_value2_subkey2_subvalue2_1200")
        let response = service.shouldRateLimit(domain: "domain", descriptors: [RateLimitDescriptor(["key2": "value2"], hitsAddend: 0), nested], at: now)
        #expect(response.overallCode == .overLimit)
        #expect(response.statuses == [
            RateLimitDescriptorStatus(code: .ok),
            RateLimitDescriptorStatus(code: .overLimit, currentLimit: Self.limit(10, .minute), limitRemaining: 0, durationUntilReset: 26),
        ])
    }

    @Test func redisHourAndDayLimits() throws {
        var service = try Self.service()
        let now = SimTime.seconds(1_000_000)
        let hour = RateLimitDescriptor(["key3": "value3"], hitsAddend: 0)
        let day = RateLimitDescriptor(["key3": "value3", "subkey3": "subvalue3"], hitsAddend: 1)
        Self.preload(&service, hour, .hour, hits: 11, at: now)
        Self.preload(&service, day, .day, hits: 12, at: now)
        #expect(service.cacheKey(domain: "domain", descriptor: hour, at: now) == "domain_key3_value3_997200")
        #expect(service.cacheKey(domain: "domain", descriptor: day, at: now) == "domain_key3_value3_subkey3_subvalue3_950400")
        let response = service.shouldRateLimit(domain: "domain", descriptors: [hour, day], at: now)
        #expect(response.overallCode == .overLimit)
        #expect(response.statuses == [
            RateLimitDescriptorStatus(code: .overLimit, currentLimit: Self.limit(10, .hour), limitRemaining: 0, durationUntilReset: 800),
            RateLimitDescriptorStatus(code: .overLimit, currentLimit: Self.limit(10, .day), limitRemaining: 0, durationUntilReset: 36800),
        ])
        let hourStatistics = try #require(service.statistics(statsKey: "domain.key3_value3"))
        #expect(hourStatistics.totalHits == 0)
        #expect(hourStatistics.overLimit == 0)
        #expect(service.statistics(statsKey: "domain.key3_value3.subkey3_subvalue3")?.overLimit == 1)
    }

    @Test func overLimitWithLocalCache() throws {
        var service = try Self.service(localCache: true)
        let now = SimTime.seconds(1_000_000)
        let descriptor = RateLimitDescriptor(["key4": "value4"])
        #expect(service.cacheKey(domain: "domain", descriptor: descriptor, at: now) == "domain_key4_value4_997200")
        var rows: [[UInt64]] = []
        var statuses: [RateLimitDescriptorStatus] = []
        // The test's Redis answers 11, 13, 16: other callers count in between.
        for preload: UInt64 in [10, 1, 2, 0] {
            Self.preload(&service, descriptor, .hour, hits: preload, at: now)
            statuses += service.shouldRateLimit(domain: "domain", descriptors: [descriptor], at: now).statuses
            let s = try #require(service.statistics(statsKey: "domain.key4_value4"))
            rows.append([s.totalHits, s.overLimit, s.overLimitWithLocalCache, s.nearLimit, s.withinLimit])
        }
        #expect(statuses.map(\.code) == [.ok, .ok, .overLimit, .overLimit])
        #expect(statuses.map(\.limitRemaining) == [4, 2, 0, 0])
        #expect(rows == [[1, 0, 0, 0, 1], [2, 0, 0, 1, 2], [3, 1, 0, 1, 2], [4, 2, 1, 1, 2]])
        // The answer from the local cache was not counted.
        #expect(service.counters.value(domain: "domain", entries: descriptor.entries, unit: .hour, unixSeconds: 1_000_000) == 16)
    }

    @Test func nearLimit() throws {
        let rows: [(key: String, hits: UInt64, after: UInt64, code: RateLimitResponse.Code, remaining: UInt32, over: UInt64, near: UInt64, within: UInt64)] = [
            ("5", 3, 5, .ok, 15, 0, 0, 3),
            ("6", 2, 7, .ok, 1, 0, 1, 2),
            ("7", 3, 19, .ok, 1, 0, 3, 3),
            ("8", 3, 22, .overLimit, 0, 2, 1, 0),
            ("9", 7, 22, .overLimit, 0, 2, 4, 0),
        ]
        let now = SimTime.seconds(1234)
        for row in rows {
            var service = try Self.service()
            let descriptor = RateLimitDescriptor([RateLimitEntry("key" + row.key, "value" + row.key)])
            Self.preload(&service, descriptor, .second, hits: row.after - row.hits, at: now)
            let response = service.shouldRateLimit(domain: "domain", descriptors: [descriptor], hits: UInt32(row.hits), at: now)
            #expect(response.statuses.map(\.code) == [row.code], "key\(row.key)")
            #expect(response.statuses.map(\.limitRemaining) == [row.remaining], "key\(row.key)")
            let s = try #require(service.statistics(statsKey: "domain.key\(row.key)_value\(row.key)"))
            #expect([s.overLimit, s.nearLimit, s.withinLimit] == [row.over, row.near, row.within], "key\(row.key)")
            #expect(s.totalHits == row.hits)
        }
    }
}
