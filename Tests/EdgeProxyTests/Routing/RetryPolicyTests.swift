import EdgeProxy
import SimKernel
import Testing

@Suite("Retry policy")
struct RetryPolicyTests {
    func policy(_ retryOn: String, codes: [UInt16] = []) throws -> RetryPolicy {
        try RetryPolicy(retryOn: try RetryOn(parsing: retryOn), retriableStatusCodes: codes)
    }

    @Test func defaults() throws {
        let policy = try RetryPolicy(retryOn: .fiveXX)
        #expect(policy.numRetries == 1)
        #expect(policy.perTryTimeout == nil)
        #expect(policy.baseInterval == .milliseconds(25))
        #expect(policy.maxInterval == .milliseconds(250))
        #expect(policy.hostSelectionRetryMaxAttempts == 1)
        #expect(policy.hostSelectionRetryCount(isRetry: false) == 1)
        #expect(!policy.avoidPreviousHosts)
        #expect(try RetryPolicy(retryOn: .fiveXX, perTryTimeout: .zero).perTryTimeout == nil)
        #expect(try RetryPolicy(retryOn: .fiveXX, perTryTimeout: .seconds(2)).perTryTimeout == .seconds(2))
    }

    @Test func parsesRetryOn() throws {
        #expect(try RetryOn(parsing: "5xx, gateway-error,reset") == [.fiveXX, .gatewayError, .reset])
        #expect(try RetryOn(parsing: "connect-failure,retriable-4xx,refused-stream") == [.connectFailure, .retriable4xx, .refusedStream])
        #expect(try RetryOn(parsing: "retriable-status-codes,envoy-ratelimited,reset-before-request,")
            == [.retriableStatusCodes, .envoyRateLimited, .resetBeforeRequest])
        #expect(try RetryOn(parsing: "") == [])
        #expect(RetryOn([.reset, .fiveXX]).description == "5xx,reset")
        #expect(throws: RouteConfigurationError.unknownRetryOn("5XX")) { try RetryOn(parsing: "reset,5XX") }
        #expect(throws: RouteConfigurationError.unsupportedRetryOn("unavailable")) { try RetryOn(parsing: "unavailable") }
    }

    @Test func backOffConfigurationErrors() {
        #expect(throws: RouteConfigurationError.maxIntervalBelowBaseInterval) {
            try RetryPolicy(retryOn: .fiveXX, baseInterval: .milliseconds(100), maxInterval: .milliseconds(50))
        }
        #expect(throws: RouteConfigurationError.nonPositiveMaxInterval) {
            try RetryPolicy(retryOn: .fiveXX, maxInterval: .zero)
        }
        #expect(throws: RouteConfigurationError.nonPositiveBaseInterval) {
            try RetryPolicy(retryOn: .fiveXX, baseInterval: .zero)
        }
        #expect(throws: RouteConfigurationError.negativeDuration(field: "per_try_timeout")) {
            try RetryPolicy(retryOn: .fiveXX, perTryTimeout: .milliseconds(-5))
        }
    }

    @Test func fiveXX() throws {
        let p = try policy("5xx")
        for status: UInt16 in [500, 502, 503, 504, 599] { #expect(p.isRetriable(.response(status: status))) }
        for status: UInt16 in [200, 404, 409, 429, 600] { #expect(!p.isRetriable(.response(status: status))) }
        #expect(p.isRetriable(.reset))
        #expect(p.isRetriable(.connectFailure))
        #expect(p.isRetriable(.perTryTimeout))
        #expect(p.isRetriable(.refusedStream))
        #expect(p.isRetriable(.resetBeforeRequest))
        #expect(!p.isRetriable(.overflow))
    }

    @Test func gatewayError() throws {
        let p = try policy("gateway-error")
        for status: UInt16 in [502, 503, 504] { #expect(p.isRetriable(.response(status: status))) }
        for status: UInt16 in [500, 501, 505, 409] { #expect(!p.isRetriable(.response(status: status))) }
        #expect(p.isRetriable(.reset))
        #expect(p.isRetriable(.connectFailure))
        #expect(p.isRetriable(.perTryTimeout))
        #expect(!p.isRetriable(.overflow))
    }

    @Test func reset() throws {
        let p = try policy("reset")
        #expect(p.isRetriable(.reset))
        #expect(p.isRetriable(.connectFailure))
        #expect(p.isRetriable(.perTryTimeout))
        #expect(!p.isRetriable(.response(status: 503)))
        #expect(!p.isRetriable(.overflow))
    }

    @Test func connectFailure() throws {
        let p = try policy("connect-failure")
        #expect(p.isRetriable(.connectFailure))
        #expect(!p.isRetriable(.reset))
        #expect(!p.isRetriable(.perTryTimeout))
        #expect(!p.isRetriable(.response(status: 503)))
        #expect(!p.isRetriable(.overflow))
    }

    @Test func retriable4xxIsOnly409() throws {
        let p = try policy("retriable-4xx")
        #expect(p.isRetriable(.response(status: 409)))
        for status: UInt16 in [400, 404, 408, 429, 500] { #expect(!p.isRetriable(.response(status: status))) }
        #expect(!p.isRetriable(.reset))
    }

    @Test func retriableStatusCodes() throws {
        let p = try policy("retriable-status-codes", codes: [429, 418])
        #expect(p.isRetriable(.response(status: 429)))
        #expect(p.isRetriable(.response(status: 418)))
        #expect(!p.isRetriable(.response(status: 503)))
        // The list alone does nothing without the condition.
        #expect(!(try policy("5xx", codes: [429])).isRetriable(.response(status: 429)))
    }

    @Test func envoyRateLimitedOnlyUnderItsOwnCondition() throws {
        let limited = UpstreamOutcome.response(status: 429, envoyRateLimited: true)
        #expect(try policy("envoy-ratelimited").isRetriable(limited))
        #expect(!(try policy("retriable-status-codes", codes: [429])).isRetriable(limited))
        #expect(!(try policy("5xx")).isRetriable(.response(status: 503, envoyRateLimited: true)))
        #expect(!(try policy("envoy-ratelimited")).isRetriable(.response(status: 429)))
    }

    @Test func refusedStreamAndResetBeforeRequest() throws {
        let refused = try policy("refused-stream")
        #expect(refused.isRetriable(.refusedStream))
        #expect(!refused.isRetriable(.reset))
        let early = try policy("reset-before-request")
        #expect(early.isRetriable(.resetBeforeRequest))
        #expect(early.isRetriable(.connectFailure))
        #expect(!early.isRetriable(.reset))
        #expect(!early.isRetriable(.perTryTimeout))
    }

    @Test func overflowIsNeverRetried() throws {
        let everything = try policy("5xx,gateway-error,reset,connect-failure,retriable-4xx,refused-stream,reset-before-request")
        #expect(!everything.isRetriable(.overflow))
    }

    @Test func retryStateCountsRetriesAndBacksOff() throws {
        var state = RetryState(policy: try RetryPolicy(retryOn: .fiveXX, numRetries: 2))
        var random = ScriptedRandom([30, 30, 30])
        #expect(state.decide(after: .response(status: 200), random: &random) == .no)
        #expect(state.decide(after: .response(status: 503), random: &random) == .retry(after: .milliseconds(5)))
        #expect(state.decide(after: .reset, random: &random) == .retry(after: .milliseconds(30)))
        #expect(state.decide(after: .response(status: 503), random: &random) == .limitExceeded)
        #expect(random.draws == 2)
        #expect(state.retriesRemaining == 0)
    }

    @Test func retryStateOverflowUsesUpARetry() throws {
        var state = RetryState(policy: try RetryPolicy(retryOn: .fiveXX))
        var random = ScriptedRandom([0])
        #expect(state.decide(after: .response(status: 500), retryAllowedByCircuitBreaker: false, random: &random) == .overflow)
        #expect(state.decide(after: .response(status: 500), random: &random) == .limitExceeded)
        #expect(random.draws == 0)
        var none = RetryState(policy: try RetryPolicy(retryOn: .fiveXX, numRetries: 0))
        #expect(none.decide(after: .response(status: 500), random: &random) == .limitExceeded)
    }
}
