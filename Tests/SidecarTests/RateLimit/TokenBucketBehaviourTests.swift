import Sidecar
import SimKernel
import Testing

@Suite("Token bucket: continuous refill and next token")
struct TokenBucketBehaviourTests {
    /// envoy-vectors.md 8.2 [derived]: an empty (200 ms, 1, 1) bucket holds half a token after
    /// 100 ms, so a request then is refused and does not restart the refill.
    @Test func halfATokenIsNotEnough() {
        var bucket = TokenBucket(maxTokens: 1, tokensPerFill: 1, fillInterval: .milliseconds(200), at: .zero)
        #expect(bucket.consume(cost: 1, at: .zero) == true)
        #expect(bucket.remaining(at: .milliseconds(100)) == 0.5)
        #expect(bucket.consume(cost: 1, at: .milliseconds(100)) == false)
        #expect(bucket.consume(cost: 1, at: .milliseconds(200)) == true)
    }

    @Test func shareFactorCost() {
        // Half the local cluster's share: a request costs two tokens.
        var bucket = TokenBucket(maxTokens: 2, tokensPerFill: 2, fillInterval: .milliseconds(200), at: .zero)
        #expect(bucket.consume(cost: 2, at: .zero) == true)
        #expect(bucket.consume(cost: 2, at: .milliseconds(100)) == false)
        #expect(bucket.consume(cost: 2, at: .milliseconds(200)) == true)
    }

    @Test func nextTokenAvailable() {
        var bucket = TokenBucket(maxTokens: 1, tokensPerFill: 1, fillInterval: .seconds(5), at: .zero)
        #expect(bucket.nextTokenAvailable(at: .zero) == .zero)
        #expect(bucket.consume(1, at: .zero) == 1)
        #expect(bucket.nextTokenAvailable(at: .zero) == .seconds(5))
        #expect(bucket.nextTokenAvailableMilliseconds(at: .milliseconds(2500)) == 2500)
        #expect(bucket.nextTokenAvailable(at: .seconds(5)) == .zero)
    }

    @Test func startsEmptyWhenAsked() {
        let bucket = TokenBucket(maxTokens: 4, fillRate: 2, at: .seconds(1), full: false)
        #expect(bucket.remaining(at: .seconds(1)) == 0)
        #expect(bucket.remaining(at: .seconds(2)) == 2)
        #expect(bucket.remaining(at: .seconds(10)) == 4)
    }

    @Test func timerBucketFillsInSteps() {
        var bucket = TimerTokenBucket(maxTokens: 3, tokensPerFill: 2, fillInterval: .seconds(1), at: .zero)
        for _ in 0..<3 { _ = bucket.consume() }
        #expect(bucket.consume() == false)
        bucket.fill(at: .seconds(1))
        #expect(bucket.tokens == 2)
        bucket.fill(times: 5, at: .seconds(6))
        #expect(bucket.tokens == 3)
        #expect(bucket.remainingFillInterval(at: .milliseconds(6500)) == 1)
        #expect(bucket.remainingFillInterval(at: .seconds(7)) == nil)
    }
}
