import Sidecar
import SimKernel
import Testing

@Suite("Rate-limit service behaviour")
struct RateLimitServiceBehaviourTests {
    static let domain = RateLimitServiceDomain(domain: "api", descriptors: [
        RateLimitServiceDescriptor(key: "tenant", rateLimit: ServiceFixture.policy(2, .minute)),
        RateLimitServiceDescriptor(key: "tenant", value: "shadowed", rateLimit: ServiceFixture.policy(1, .minute), shadowMode: true),
        RateLimitServiceDescriptor(key: "tenant", value: "vip", rateLimit: .unlimited()),
        RateLimitServiceDescriptor(key: "tenant", value: "internal"),
        RateLimitServiceDescriptor(key: "plan", value: "free", descriptors: [
            RateLimitServiceDescriptor(key: "user", rateLimit: ServiceFixture.policy(1, .second)),
        ]),
        RateLimitServiceDescriptor(key: "daily", rateLimit: ServiceFixture.policy(1, .day)),
    ])

    static func service(_ options: RateLimitServiceOptions = RateLimitServiceOptions()) throws -> RateLimitService {
        RateLimitService(config: try RateLimitServiceConfig(domains: [domain]), options: options)
    }

    static func codes(_ service: inout RateLimitService, _ pairs: KeyValuePairs<String, String>, at times: [SimTime]) -> [RateLimitResponse.Code] {
        let descriptors = [RateLimitDescriptor(pairs)]
        return times.map { service.shouldRateLimit(domain: "api", descriptors: descriptors, at: $0).overallCode }
    }

    @Test func windowsResetExactlyAtUnitBoundaries() throws {
        var service = try Self.service()
        let times: [SimTime] = [.seconds(0), .seconds(30), .milliseconds(59_999), .seconds(60), .seconds(61), .seconds(119), .seconds(120)]
        #expect(Self.codes(&service, ["tenant": "acme"], at: times) == [.ok, .ok, .overLimit, .ok, .ok, .overLimit, .ok])
        let status = service.shouldRateLimit(domain: "api", descriptors: [RateLimitDescriptor(["tenant": "acme"])], at: .seconds(150)).statuses[0]
        #expect(status.durationUntilReset == 30)
        #expect(status.limitRemaining == 0)
    }

    @Test func windowsFollowUnixTime() throws {
        // Simulated time zero at 12:00:45 UTC: the first minute window ends 15 s in.
        var service = try Self.service(RateLimitServiceOptions(unixEpochOffset: 1_700_000_000 + 45 - 1_700_000_000 % 60))
        #expect(service.unixSeconds(at: .seconds(15)) % 60 == 0)
        let times: [SimTime] = [.zero, .seconds(1), .seconds(14), .seconds(15)]
        #expect(Self.codes(&service, ["tenant": "acme"], at: times) == [.ok, .ok, .overLimit, .ok])
    }

    @Test func eachValueOfADefaultKeyHasItsOwnCounter() throws {
        var service = try Self.service()
        #expect(Self.codes(&service, ["tenant": "a"], at: [.zero, .zero]) == [.ok, .ok])
        #expect(Self.codes(&service, ["tenant": "b"], at: [.zero, .zero, .zero]) == [.ok, .ok, .overLimit])
        #expect(Self.codes(&service, ["tenant": "a"], at: [.zero]) == [.overLimit])
    }

    @Test func shadowModeNeverDeniesButCounts() throws {
        var service = try Self.service()
        let codes = Self.codes(&service, ["tenant": "shadowed"], at: [.zero, .zero, .zero])
        #expect(codes == [.ok, .ok, .ok])
        let statistics = try #require(service.statistics(statsKey: "api.tenant_shadowed"))
        #expect(statistics.totalHits == 3)
        #expect(statistics.overLimit == 2)
        #expect(statistics.shadowMode == 2)
        #expect(service.counters.value(domain: "api", entries: [RateLimitEntry("tenant", "shadowed")], unit: .minute, unixSeconds: 0) == 3)
    }

    @Test func globalShadowModeAnswersOk() throws {
        var service = try Self.service(RateLimitServiceOptions(globalShadowMode: true))
        let responses = (0..<3).map { _ in service.shouldRateLimit(domain: "api", descriptors: [RateLimitDescriptor(["tenant": "x"])], at: .zero) }
        #expect(responses.map(\.overallCode) == [.ok, .ok, .ok])
        #expect(responses[2].statuses[0].code == .overLimit)
    }

    @Test func unlimitedWhitelistedAndDeeperRequests() throws {
        var service = try Self.service()
        let vip = service.shouldRateLimit(domain: "api", descriptors: [RateLimitDescriptor(["tenant": "vip"])], at: .zero)
        #expect(vip.statuses == [RateLimitDescriptorStatus(code: .ok, limitRemaining: UInt32.max)])
        // A node without rate_limit whitelists its value, however many requests come.
        #expect(Self.codes(&service, ["tenant": "internal"], at: [.zero, .zero, .zero, .zero]) == [.ok, .ok, .ok, .ok])
        // A request deeper than the configuration gets no limit.
        #expect(Self.codes(&service, ["tenant": "acme", "user": "u1"], at: [.zero, .zero, .zero, .zero]) == [.ok, .ok, .ok, .ok])
        // A request that stops above the limited level gets none either.
        #expect(Self.codes(&service, ["plan": "free"], at: [.zero, .zero]) == [.ok, .ok])
        #expect(Self.codes(&service, ["plan": "free", "user": "u1"], at: [.zero, .zero]) == [.ok, .overLimit])
        #expect(service.counters.activeCounters == 1)
    }

    @Test func overallCodeIsOverLimitIfAnyDescriptorIs() throws {
        var service = try Self.service()
        let descriptors = [RateLimitDescriptor(["tenant": "vip"]), RateLimitDescriptor(["daily": "d"]), RateLimitDescriptor(["tenant": "shadowed"])]
        let first = service.shouldRateLimit(domain: "api", descriptors: descriptors, at: .zero)
        #expect(first.overallCode == .ok)
        let second = service.shouldRateLimit(domain: "api", descriptors: descriptors, at: .zero)
        #expect(second.overallCode == .overLimit)
        #expect(second.statuses.map(\.code) == [.ok, .overLimit, .ok])
    }

    @Test func countersOfEndedWindowsAreDropped() throws {
        var service = try Self.service()
        for tenant in ["a", "b", "c"] {
            _ = service.shouldRateLimit(domain: "api", descriptors: [RateLimitDescriptor(["tenant": tenant])], at: .seconds(10))
        }
        _ = service.shouldRateLimit(domain: "api", descriptors: [RateLimitDescriptor(["daily": "x"])], at: .seconds(10))
        #expect(service.counters.activeCounters == 4)
        // A call at 60 s (any descriptor) drops the minute window that ended; the day's stays.
        _ = service.shouldRateLimit(domain: "api", descriptors: [RateLimitDescriptor(["tenant": "vip"])], at: .seconds(60))
        #expect(service.counters.activeCounters == 1)
        #expect(service.counters.value(domain: "api", entries: [RateLimitEntry("tenant", "a")], unit: .minute, unixSeconds: 60) == 0)
        _ = service.shouldRateLimit(domain: "api", descriptors: [RateLimitDescriptor(["tenant": "vip"])], at: .seconds(86_400))
        #expect(service.counters.activeCounters == 0)
    }

    @Test func hitsAddend() throws {
        var service = try Self.service()
        let acme = [RateLimitDescriptor(["tenant": "acme"])]
        #expect(service.shouldRateLimit(domain: "api", descriptors: acme, hits: 2, at: .zero).statuses[0].limitRemaining == 0)
        // A descriptor's own hits_addend of 0 looks without counting.
        let peek = service.shouldRateLimit(domain: "api", descriptors: [RateLimitDescriptor(["tenant": "acme"], hitsAddend: 0)], at: .zero)
        #expect(peek.overallCode == .ok)
        #expect(service.shouldRateLimit(domain: "api", descriptors: acme, hits: 0, at: .zero).overallCode == .overLimit)
    }

    @Test func unknownDomainAndEmptyRequests() throws {
        var service = try Self.service()
        let unknown = service.shouldRateLimit(domain: "other", descriptors: [RateLimitDescriptor(["tenant": "a"])], at: .zero)
        #expect(unknown == RateLimitResponse(overallCode: .ok, statuses: [RateLimitDescriptorStatus(code: .ok)]))
        #expect(service.shouldRateLimit(domain: "api", descriptors: [], at: .zero).overallCode == .unknown)
        #expect(service.shouldRateLimit(domain: "", descriptors: [RateLimitDescriptor(["tenant": "a"])], at: .zero).overallCode == .unknown)
    }

    @Test func reusesTheResponse() throws {
        var service = try Self.service()
        var response = RateLimitResponse()
        let descriptors = [RateLimitDescriptor(["tenant": "acme"]), RateLimitDescriptor(["daily": "d"])]
        for expected in [RateLimitResponse.Code.ok, .overLimit] {
            service.shouldRateLimit(domain: "api", descriptors: descriptors, at: .zero, into: &response)
            #expect(response.overallCode == expected)
            #expect(response.statuses.count == 2)
        }
    }
}
