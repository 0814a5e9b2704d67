import Sidecar
import SimKernel
import Testing

/// `TokenBucketImplTest.*` (envoy-vectors.md 8.1): Envoy's non-atomic bucket.
@Suite("Classic token bucket (TokenBucketImpl) vectors")
struct ClassicTokenBucketTests {
    let zero = SimTime.zero

    @Test func initialization() {
        var bucket = ClassicTokenBucket(maxTokens: 1, fillRate: -1.0, at: zero)
        #expect(bucket.fillRate == 1)
        #expect(bucket.consume(1, at: zero) == 1)
        #expect(bucket.consume(1, at: zero) == 0)
    }

    @Test func maxBucketSize() {
        var bucket = ClassicTokenBucket(maxTokens: 3, fillRate: 1, at: zero)
        #expect(bucket.consume(3, at: zero) == 3)
        #expect(bucket.consume(4, at: .seconds(10)) == 0)
        #expect(bucket.consume(3, at: .seconds(10)) == 3)
    }

    @Test func consume() {
        var bucket = ClassicTokenBucket(maxTokens: 10, fillRate: 1, at: zero)
        #expect(bucket.consume(20, at: zero) == 0)
        #expect(bucket.consume(9, at: zero) == 9)
        #expect(bucket.consume(1, at: zero) == 1)
        #expect(bucket.consume(1, at: .milliseconds(999)) == 0)
        #expect(bucket.consume(6, at: .milliseconds(5999)) == 0)
        #expect(bucket.consume(6, at: .milliseconds(6000)) == 6)
        #expect(bucket.consume(1, at: .milliseconds(6000)) == 0)
    }

    @Test func refill() {
        var bucket = ClassicTokenBucket(maxTokens: 1, fillRate: 0.5, at: zero)
        #expect(bucket.consume(1, at: zero) == 1)
        #expect(bucket.consume(1, at: .milliseconds(500)) == 0)
        #expect(bucket.consume(1, at: .milliseconds(1500)) == 0)
        #expect(bucket.consume(1, at: .milliseconds(2000)) == 1)
    }

    @Test func nextTokenAvailable() {
        var bucket = ClassicTokenBucket(maxTokens: 10, fillRate: 5, at: zero)
        #expect(bucket.consume(9, at: zero) == 9)
        #expect(bucket.nextTokenAvailableMilliseconds == 0)
        #expect(bucket.consume(1, at: zero) == 1)
        #expect(bucket.consume(1, at: zero) == 0)
        #expect(bucket.nextTokenAvailableMilliseconds == 200)
    }

    @Test func partialConsumption() {
        var bucket = ClassicTokenBucket(maxTokens: 16, fillRate: 16, at: zero)
        #expect(bucket.consume(18, allowPartial: true, at: zero) == 16)
        #expect(bucket.nextTokenAvailableMilliseconds == 63)
        #expect(bucket.consume(1, allowPartial: true, at: .milliseconds(62)) == 0)
        #expect(bucket.consume(2, allowPartial: true, at: .milliseconds(63)) == 1)
        #expect(bucket.nextTokenAvailableMilliseconds == 63)
    }

    @Test func reset() {
        var bucket = ClassicTokenBucket(maxTokens: 16, fillRate: 16, at: zero)
        bucket.reset(to: 1, at: zero)
        #expect(bucket.consume(2, allowPartial: true, at: zero) == 1)
        #expect(bucket.nextTokenAvailableMilliseconds == 63)
    }

    @Test func consumeAndNextToken() {
        var bucket = ClassicTokenBucket(maxTokens: 10, fillRate: 5, at: zero)
        #expect(bucket.consume(20, allowPartial: true, at: zero) == 10)
        #expect(bucket.nextTokenAvailableMilliseconds == 200)
        #expect(bucket.consume(1, at: .milliseconds(400)) == 1)
        #expect(bucket.nextTokenAvailableMilliseconds == 0)
    }

    @Test func yearlyMinimumRefillRate() {
        let secondsPerYear: Int64 = 365 * 24 * 60 * 60
        var bucket = ClassicTokenBucket(maxTokens: 1, fillRate: 1.0 / Double(secondsPerYear * 2), at: zero)
        #expect(bucket.consume(1, at: zero) == 1)
        #expect(bucket.consume(1, at: .seconds(secondsPerYear - 1)) == 0)
        #expect(bucket.consume(1, at: .seconds(secondsPerYear)) == 1)
    }
}
