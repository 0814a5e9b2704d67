import AWSModels
import SimKernel
import Testing

@Suite struct RetryQuotaTests {
    static func client(_ policy: SDKRetryPolicy, seed: UInt64 = 5) -> SDKClient {
        SDKClient(policy: policy, random: Simulation(seed: seed).streams.stream("test/sdk"))
    }

    /// Sends one request whose attempts all end with `outcome`; returns the final decision.
    static func failing(_ client: SDKClient, _ outcome: SDKAttemptOutcome) -> (SDKRetryDecision, Int) {
        var request = SDKRequest()
        while true {
            _ = client.prepareAttempt(&request, at: .zero)
            let decision = client.complete(&request, outcome: outcome, at: .zero)
            if case .retry = decision { continue }
            return (decision, request.attempts)
        }
    }

    /// A throttling storm: each request makes 3 attempts (2 retries at 5 tokens) until the
    /// 500 tokens are gone; then requests fail after one attempt, the circuit open.
    @Test func aThrottlingStormExhaustsTheQuotaAndRetriesStop() {
        let client = Self.client(.standard2025())
        for _ in 0..<50 {
            let (decision, attempts) = Self.failing(client, .throttled)
            #expect(decision == .failed(.attemptsExhausted, after: .zero))
            #expect(attempts == 3)
        }
        #expect(client.quotaAvailable == 0)
        for _ in 0..<20 {
            let (decision, attempts) = Self.failing(client, .throttled)
            #expect(decision == .failed(.retryQuotaExhausted, after: .zero))
            #expect(attempts == 1)
        }
        #expect(client.statistics.retries.total == 100)
        #expect(client.statistics.failedQuotaExhausted.total == 20)
        #expect(client.statistics.throttles.total == 170)
        var metrics = MetricTable()
        client.report(component: "sdk.tenants", into: &metrics)
        #expect(metrics.value("sdk.tenants", "retry_quota_exhausted", "count") == 20)
        #expect(metrics.value("sdk.tenants", "retries", "count") == 100)
        #expect(metrics.value("sdk.tenants", "retry_quota_available", "tokens") == 0)
    }

    /// Successes at the first attempt return 1 token each; a success after a retry returns
    /// that retry's cost; the quota never exceeds 500.
    @Test func successesRefillTheQuota() {
        let client = Self.client(.standard2025())
        for _ in 0..<50 { _ = Self.failing(client, .throttled) }
        #expect(client.quotaAvailable == 0)
        for _ in 0..<10 {
            var request = SDKRequest()
            _ = client.prepareAttempt(&request, at: .zero)
            #expect(client.complete(&request, outcome: .success, at: .zero) == .succeeded)
        }
        #expect(client.quotaAvailable == 10)
        var request = SDKRequest()
        _ = client.prepareAttempt(&request, at: .zero)
        guard case .retry = client.complete(&request, outcome: .timeout, at: .zero) else { Issue.record("expected a retry"); return }
        #expect(client.quotaAvailable == 0, "a retry after a timeout costs 10")
        _ = client.prepareAttempt(&request, at: .zero)
        #expect(client.complete(&request, outcome: .success, at: .zero) == .succeeded)
        #expect(client.quotaAvailable == 10, "the retry's cost comes back")
        for _ in 0..<1_000 {
            var fresh = SDKRequest()
            _ = client.prepareAttempt(&fresh, at: .zero)
            _ = client.complete(&fresh, outcome: .success, at: .zero)
        }
        #expect(client.quotaAvailable == 500)
    }

    /// 2026: transient retries cost 14, throttling retries 5; DynamoDB clients make 4 attempts.
    @Test func the2026CostsFavourThrottles() {
        let transient = Self.client(.standard2026(dynamoDB: true))
        var retries = 0
        while true {
            let (decision, attempts) = Self.failing(transient, .transientError)
            retries += attempts - 1
            if decision == .failed(.retryQuotaExhausted, after: .zero) { break }
            #expect(attempts == 4)
        }
        #expect(retries == 500 / 14)
        let throttled = Self.client(.standard2026(dynamoDB: true))
        retries = 0
        while true {
            let (decision, attempts) = Self.failing(throttled, .throttled)
            retries += attempts - 1
            if decision == .failed(.retryQuotaExhausted, after: .zero) { break }
        }
        #expect(retries == 100)
    }

    /// Non-retryable errors (a failed condition) neither retry nor touch the quota; legacy
    /// mode has no quota; 2026 long polls back off when the quota is empty.
    @Test func nonRetryableLegacyAndLongPoll() {
        let client = Self.client(.standard2025())
        #expect(Self.failing(client, .nonRetryableError) == (.failed(.nonRetryable, after: .zero), 1))
        #expect(client.quotaAvailable == 500)
        let legacy = Self.client(.legacy(maxAttempts: 5))
        for _ in 0..<300 { #expect(Self.failing(legacy, .throttled).1 == 5) }
        #expect(legacy.quotaAvailable == nil)
        let poller = Self.client(.standard2026())
        for _ in 0..<40 { _ = Self.failing(poller, .transientError) }
        var poll = SDKRequest(isLongPoll: true)
        _ = poller.prepareAttempt(&poll, at: .zero)
        guard case .failed(.retryQuotaExhausted, let after) = poller.complete(&poll, outcome: .transientError, at: .zero) else {
            Issue.record("expected the quota to be empty")
            return
        }
        #expect(after > .zero && after <= .milliseconds(50))
    }
}
