import EdgeProxy
import Infra
import Sidecar
import SimKernel
import Testing

/// The HTTP local rate limit filter: envoy-vectors.md 8.3 and the filter's defaults.
@Suite("Local rate limit filter")
struct LocalRateLimitFilterTests {
    /// 8.3's configuration: `max_tokens` N, 1 per fill, every 1000 s; enabled and enforced.
    func filter(maxTokens: UInt32, enforced: FractionalPercent? = .always, enabled: FractionalPercent? = .always, status: UInt16 = 429) throws -> LocalRateLimitFilter {
        try LocalRateLimitFilter(LocalRateLimitFilterConfiguration(
            limiter: LocalRateLimiterConfiguration(tokenBucket: Local.bucket(.seconds(1000), maxTokens, 1)),
            filterEnabled: enabled, filterEnforced: enforced, status: status), at: .zero)
    }

    @Test func requestOk() throws {
        var random = ScriptedRandom([0])
        var filter = try filter(maxTokens: 1)
        let outcome = filter.decide([], at: .zero, random: &random)
        #expect(outcome.action == .allowed)
        #expect(outcome.continues)
        #expect(filter.statistics.enabled == 1)
        #expect(filter.statistics.enforced == 0)
        #expect(filter.statistics.ok == 1)
    }

    @Test func requestRateLimited() throws {
        var random = ScriptedRandom([0])
        var filter = try filter(maxTokens: 0)
        let outcome = filter.decide([], at: .zero, random: &random)
        #expect(outcome.action == .limitedEnforced)
        #expect(!outcome.continues)
        #expect(outcome.status == 429)
        #expect(outcome.responseFlags == .rateLimited)
        #expect(LocalRateLimitOutcome.localReplyBody == "local_rate_limited")
        #expect(filter.statistics.enabled == 1)
        #expect(filter.statistics.enforced == 1)
        #expect(filter.statistics.rateLimited == 1)
    }

    @Test func requestRateLimitedButNotEnforced() throws {
        var random = ScriptedRandom([0])
        var filter = try filter(maxTokens: 0, enforced: .never)
        let outcome = filter.decide([], at: .zero, random: &random)
        #expect(outcome.action == .limitedNotEnforced)
        #expect(outcome.continues)
        #expect(outcome.responseFlags.isEmpty)
        #expect(filter.statistics.enabled == 1)
        #expect(filter.statistics.enforced == 0)
        #expect(filter.statistics.rateLimited == 1)
    }

    @Test func disabled() throws {
        var random = ScriptedRandom([0])
        var filter = try filter(maxTokens: 0, enabled: .never)
        #expect(filter.decide([], at: .zero, random: &random).action == .notEnabled)
        #expect(filter.statistics.enabled == 0)
    }

    @Test func unsetFractionsDoNothing() throws {
        var random = ScriptedRandom([0])
        var filter = try filter(maxTokens: 0, enforced: nil, enabled: nil)
        #expect(filter.decide([], at: .zero, random: &random).action == .notEnabled)
        var counting = try self.filter(maxTokens: 0, enforced: nil)
        #expect(counting.decide([], at: .zero, random: &random).action == .limitedNotEnforced)
    }

    @Test func toErrorCode() throws {
        #expect(try filter(maxTokens: 1, status: 400).configuration.effectiveStatus == 400)
        #expect(try filter(maxTokens: 1, status: 399).configuration.effectiveStatus == 429)
        #expect(try filter(maxTokens: 1, status: 0).configuration.effectiveStatus == 429)
    }

    @Test func fractionsDrawAsEnvoy() throws {
        var filter = try filter(maxTokens: 100, enabled: .percent(30))
        var draws = ScriptedRandom([29, 30, 129, 130])
        let actions = (0..<4).map { _ in filter.decide([], at: .zero, random: &draws).action }
        #expect(actions == [.allowed, .notEnabled, .allowed, .notEnabled])
        #expect(draws.draws == 4)
    }

    /// 8.3's descriptor configuration: default max a / 1 / 60 s, {hello=world, foo=bar}
    /// 10 / 10 / 60 s, {foo2=bar2} max b / 1 / 60 s.
    func descriptorFilter(a: UInt32, b: UInt32) throws -> LocalRateLimitFilter {
        try LocalRateLimitFilter(LocalRateLimitFilterConfiguration(
            limiter: LocalRateLimiterConfiguration(tokenBucket: Local.bucket(.seconds(60), a, 1), descriptors: [
                LocalRateLimitDescriptorConfiguration(Local.helloFoo, tokenBucket: Local.bucket(.seconds(60), 10, 10)),
                LocalRateLimitDescriptorConfiguration(Local.foo2, tokenBucket: Local.bucket(.seconds(60), b, 1)),
            ]),
            filterEnabled: .always, filterEnforced: .always), at: .zero)
    }

    @Test func routeDescriptorRequestOk() throws {
        var random = ScriptedRandom([0])
        var filter = try descriptorFilter(a: 1, b: 1)
        #expect(filter.decide([RateLimitDescriptor(Local.foo2)], at: .zero, random: &random).action == .allowed)
    }

    @Test func routeDescriptorRequestRatelimited() throws {
        var random = ScriptedRandom([0])
        var filter = try descriptorFilter(a: 0, b: 0)
        let outcome = filter.decide([RateLimitDescriptor(Local.foo2)], at: .zero, random: &random)
        #expect(outcome.action == .limitedEnforced)
        #expect(outcome.status == 429)
    }

    @Test func routeDescriptorNotFound() throws {
        var random = ScriptedRandom([0])
        var filter = try descriptorFilter(a: 1, b: 1)
        let outcome = filter.decide([RateLimitDescriptor(["foo": "bar"])], at: .zero, random: &random)
        #expect(outcome.action == .allowed)
        #expect(filter.statistics.rateLimited == 0)
    }

    /// The older Envoy let the first matching descriptor alone decide (not limited); current
    /// Envoy consumes every matched bucket, slowest first: {foo2=bar2} (max 0) refuses.
    @Test func routeDescriptorBothMatchCurrentSemantics() throws {
        var random = ScriptedRandom([0])
        var filter = try descriptorFilter(a: 0, b: 0)
        let outcome = filter.decide([RateLimitDescriptor(Local.helloFoo), RateLimitDescriptor(Local.foo2)], at: .zero, random: &random)
        #expect(outcome.action == .limitedEnforced)
        #expect(outcome.bucket == filter.limiter.bucket(matching: Local.foo2))
    }

    @Test func xRateLimitHeaders() throws {
        var random = ScriptedRandom([0])
        var filter = try LocalRateLimitFilter(LocalRateLimitFilterConfiguration(
            limiter: LocalRateLimiterConfiguration(tokenBucket: Local.bucket(.seconds(5), 2, 1)),
            filterEnabled: .always, filterEnforced: .always, enableXRateLimitHeaders: true), at: .zero)
        let first = filter.decide([], at: .zero, random: &random)
        #expect(filter.responseHeaders(for: first, at: .zero) == LocalTokenBucketStatus(maxTokens: 2, remainingTokens: 1, resetSeconds: 0))
        let second = filter.decide([], at: .zero, random: &random)
        // Measured when the response leaves, 2.5 s later: half a token, 2.5 s to the next.
        #expect(filter.responseHeaders(for: second, at: .milliseconds(2500)) == LocalTokenBucketStatus(maxTokens: 2, remainingTokens: 0, resetSeconds: 2))
        let refused = filter.decide([], at: .milliseconds(2500), random: &random)
        #expect(refused.action == .limitedEnforced)
        #expect(filter.responseHeaders(for: refused, at: .milliseconds(2500)) == LocalTokenBucketStatus(maxTokens: 2, remainingTokens: 0, resetSeconds: 2))
        let off = try self.filter(maxTokens: 1)
        var quiet = off
        let outcome = quiet.decide([], at: .zero, random: &random)
        #expect(quiet.responseHeaders(for: outcome, at: .zero) == nil)
    }
}
