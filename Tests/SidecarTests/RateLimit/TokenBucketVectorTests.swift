import Sidecar
import SimKernel
import Testing

/// `AtomicTokenBucketImplTest.*` (envoy-vectors.md 8.1): simulated time starts at 0.
@Suite("Token bucket (AtomicTokenBucketImpl) vectors")
struct TokenBucketVectorTests {
    let zero = SimTime.zero

    @Test func initialization() {
        var bucket = TokenBucket(maxTokens: 1, fillRate: -1.0, at: zero)
        #expect(bucket.fillRate == 1)
        #expect(bucket.maxTokens == 1)
        #expect(bucket.remaining(at: zero) == 1)
        #expect(bucket.consume(1, at: zero) == 1)
        #expect(bucket.consume(1, at: zero) == 0)
        #expect(bucket.consume(cost: 1, at: zero) == false)
    }

    @Test func maxBucketSize() {
        var bucket = TokenBucket(maxTokens: 3, fillRate: 1, at: zero)
        #expect(bucket.fillRate == 1)
        #expect(bucket.maxTokens == 3)
        #expect(bucket.remaining(at: zero) == 3)
        #expect(bucket.consume(3, at: zero) == 3)
        #expect(bucket.consume(4, at: .seconds(10)) == 0)
        #expect(bucket.consume(3, at: .seconds(10)) == 3)
    }

    @Test func consume() {
        var bucket = TokenBucket(maxTokens: 10, fillRate: 1, at: zero)
        #expect(bucket.consume(20, at: zero) == 0)
        #expect(bucket.consume(9, at: zero) == 9)
        #expect(bucket.consume(cost: 1, at: zero) == true)
        #expect(bucket.consume(1, at: .milliseconds(999)) == 0)
        #expect(bucket.consume(6, at: .milliseconds(5999)) == 0)
        #expect(bucket.consume(6, at: .milliseconds(6000)) == 6)
        #expect(bucket.consume(1, at: .milliseconds(6000)) == 0)
    }

    @Test func refill() {
        var bucket = TokenBucket(maxTokens: 1, fillRate: 0.5, at: zero)
        #expect(bucket.consume(1, at: zero) == 1)
        #expect(bucket.consume(1, at: .milliseconds(500)) == 0)
        #expect(bucket.consume(1, at: .milliseconds(1500)) == 0)
        #expect(bucket.consume(1, at: .milliseconds(2000)) == 1)
    }

    @Test func partialConsumption() {
        var bucket = TokenBucket(maxTokens: 16, fillRate: 16, at: zero)
        #expect(bucket.consume(18, allowPartial: true, at: zero) == 16)
        #expect(bucket.consume(1, allowPartial: true, at: .milliseconds(62)) == 0)
        #expect(bucket.consume(2, allowPartial: true, at: .milliseconds(63)) == 1)
    }

    @Test func yearlyMinimumRefillRate() {
        let secondsPerYear: Int64 = 365 * 24 * 60 * 60
        var bucket = TokenBucket(maxTokens: 1, fillRate: 1.0 / Double(secondsPerYear * 2), at: zero)
        #expect(bucket.fillRate == TokenBucket.minimumFillRate)
        #expect(bucket.consume(1, at: zero) == 1)
        #expect(bucket.consume(1, at: .seconds(secondsPerYear - 1)) == 0)
        #expect(bucket.consume(1, at: .seconds(secondsPerYear)) == 1)
    }

    @Test func consumeNegativeTokens() {
        var bucket = TokenBucket(maxTokens: 10, fillRate: 1, at: zero)
        #expect(bucket.consume(at: zero) { _ in 3 } == 3)
        #expect(bucket.remaining(at: zero) == 7)
        #expect(bucket.consume(at: zero) { _ in -3 } == -3)
        #expect(bucket.remaining(at: zero) == 10)
    }

    @Test func consumeSuperLargeTokens() {
        var bucket = TokenBucket(maxTokens: 10, fillRate: 1, at: zero)
        #expect(bucket.consume(at: zero) { _ in 100 } == 100)
        #expect(bucket.remaining(at: zero) == -90)
    }
}
