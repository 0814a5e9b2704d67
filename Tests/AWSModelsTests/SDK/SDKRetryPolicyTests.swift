import AWSModels
import SimKernel
import Testing

@Suite struct SDKRetryPolicyTests {
    @Test func the2025PresetIsStandardModeBeforeTheUpdate() {
        let policy = SDKRetryPolicy.standard2025()
        #expect(policy.mode == .standard)
        #expect(policy.maxAttempts == 3)
        #expect(policy.transientBaseDelay == .milliseconds(100))
        #expect(policy.throttlingBaseDelay == .milliseconds(100))
        #expect(policy.maxBackoff == .seconds(20))
        #expect(policy.quota == RetryQuotaParameters(initialTokens: 500, transientRetryCost: 5, throttlingRetryCost: 5, timeoutRetryCost: 10, noRetryIncrement: 1))
        #expect(policy.rateLimiter == nil)
        #expect(SDKRetryPolicy.standard2025(baseDelay: .seconds(1)).transientBaseDelay == .seconds(1), "Go v2, .NET, botocore")
        #expect(SDKRetryPolicy.standard2025(throttlingBaseDelay: .milliseconds(500)).throttlingBaseDelay == .milliseconds(500), "JS v3")
    }

    @Test func the2026PresetFollowsTheAnnouncement() {
        let policy = SDKRetryPolicy.standard2026()
        #expect(policy.mode == .standard)
        #expect(policy.maxAttempts == 3)
        #expect(policy.transientBaseDelay == .milliseconds(50))
        #expect(policy.throttlingBaseDelay == .seconds(1))
        #expect(policy.capBeforeJitter)
        #expect(policy.quota?.initialTokens == 500)
        #expect(policy.quota?.retryCost(after: .transientError) == 14)
        #expect(policy.quota?.retryCost(after: .timeout) == 14, "timeouts no longer cost extra")
        #expect(policy.quota?.retryCost(after: .throttled) == 5)
        let dynamoDB = SDKRetryPolicy.standard2026(dynamoDB: true)
        #expect(dynamoDB.maxAttempts == 4)
        #expect(dynamoDB.transientBaseDelay == .milliseconds(25))
        #expect(dynamoDB.throttlingBaseDelay == .seconds(1))
        #expect(SDKRetryPolicy.standard2025().quota?.retryCost(after: .timeout) == 10)
    }

    @Test func adaptiveAndLegacyModes() throws {
        let adaptive = SDKRetryPolicy.adaptive()
        #expect(adaptive.mode == .adaptive)
        #expect(adaptive.quota == .standard2025)
        let limiter = try #require(adaptive.rateLimiter)
        #expect(limiter.smooth == 0.8 && limiter.beta == 0.7 && limiter.scale == 0.4)
        #expect(limiter.minFillRate == 0.5 && limiter.minCapacity == 1)
        #expect(SDKRetryPolicy.adaptive(.standard2026(dynamoDB: true)).maxAttempts == 4)
        let legacy = SDKRetryPolicy.legacy(maxAttempts: 5)
        #expect(legacy.mode == .legacy && legacy.maxAttempts == 5 && legacy.quota == nil)
    }

    /// Full jitter: every delay lies in [0, min(base * 2^n, cap)], and spreads over it.
    @Test func fullJitterStaysWithinTheExponentialCeiling() {
        let simulation = Simulation(seed: 3)
        let stream = simulation.streams.stream("test/jitter")
        for capBeforeJitter in [true, false] {
            for retry in 0..<14 {
                let base = SimTime.milliseconds(100)
                let ceiling = SDKBackoff.ceiling(retry: retry, base: base, cap: .seconds(20))
                #expect(ceiling == SimTime(seconds: min(0.1 * Double(1 << retry), 20)))
                var sum = 0.0
                var largest = SimTime.zero
                for _ in 0..<2_000 {
                    let delay = SDKBackoff.delay(retry: retry, base: base, cap: .seconds(20), capBeforeJitter: capBeforeJitter, uniform: stream.uniform())
                    #expect(delay >= .zero && delay <= ceiling)
                    sum += delay.seconds
                    largest = max(largest, delay)
                }
                if capBeforeJitter {
                    #expect(abs(sum / 2_000 - ceiling.seconds / 2) < 0.05 * ceiling.seconds)
                }
                #expect(largest.seconds > 0.95 * ceiling.seconds)
            }
        }
        #expect(SDKBackoff.delay(retry: 0, base: .milliseconds(25), cap: .seconds(20), capBeforeJitter: true, uniform: 0.5) == .microseconds(12_500))
        #expect(SDKBackoff.delay(retry: 10, base: .seconds(1), cap: .seconds(20), capBeforeJitter: true, uniform: 0.5) == .seconds(10))
        #expect(SDKBackoff.delay(retry: 10, base: .seconds(1), cap: .seconds(20), capBeforeJitter: false, uniform: 0.5) == .seconds(20))
    }

    /// Retries use the throttling base after a throttle and the transient base otherwise.
    @Test func backoffUsesTheBaseOfTheErrorKind() {
        let simulation = Simulation(seed: 4)
        let client = SDKClient(policy: .standard2026(dynamoDB: true), random: simulation.streams.stream("test/client"))
        for _ in 0..<200 {
            var throttled = SDKRequest()
            _ = client.prepareAttempt(&throttled, at: .zero)
            guard case .retry(let after) = client.complete(&throttled, outcome: .throttled, at: .zero) else { Issue.record("no retry"); return }
            #expect(after <= .seconds(1))
            var transient = SDKRequest()
            _ = client.prepareAttempt(&transient, at: .zero)
            guard case .retry(let delay) = client.complete(&transient, outcome: .transientError, at: .zero) else { Issue.record("no retry"); return }
            #expect(delay <= .milliseconds(25))
            _ = client.prepareAttempt(&throttled, at: .zero)
            _ = client.complete(&throttled, outcome: .success, at: .zero)
            _ = client.prepareAttempt(&transient, at: .zero)
            _ = client.complete(&transient, outcome: .success, at: .zero)
        }
    }
}
