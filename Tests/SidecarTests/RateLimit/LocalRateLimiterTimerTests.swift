import Sidecar
import SimKernel
import Testing

/// The timer-based (Envoy ≤ 1.30) local rate limiter: envoy-vectors.md 8.2, "Timer-based".
/// Where Envoy's tests fire the timer by hand, time here moves to the tick.
@Suite("Local rate limiter, timer buckets")
struct LocalRateLimiterTimerTests {
    @Test func tokenBucket() throws {
        var limiter = try Local.limiter(.milliseconds(200), 1, 1, refill: .timer)
        #expect(Local.decide(&limiter, count: 3, at: .zero) == [true, false, false])
        #expect(Local.decide(&limiter, count: 2, at: .milliseconds(200)) == [true, false])
        #expect(Local.decide(&limiter, count: 2, at: .milliseconds(600)) == [true, false])
    }

    @Test func multipleTokensPerFill() throws {
        var limiter = try Local.limiter(.milliseconds(200), 2, 2, refill: .timer)
        #expect(Local.decide(&limiter, count: 3, at: .zero) == [true, true, false])
        #expect(Local.decide(&limiter, count: 1, at: .milliseconds(200)) == [true])
        #expect(Local.decide(&limiter, count: 3, at: .milliseconds(400)) == [true, true, false])
    }

    @Test func maxTokensGreaterThanTokensPerFill() throws {
        var limiter = try Local.limiter(.milliseconds(200), 2, 1, refill: .timer)
        #expect(Local.decide(&limiter, count: 3, at: .zero) == [true, true, false])
        #expect(Local.decide(&limiter, count: 2, at: .milliseconds(200)) == [true, false])
    }

    @Test func multipleTokensPerFillWithShareProvider() throws {
        var limiter = try Local.limiter(.milliseconds(200), 2, 2, refill: .timer)
        limiter.shareFactor = 0.5
        #expect(Local.decide(&limiter, count: 3, at: .zero) == [true, true, false])
        // Each fire adds ceil(2 × 0.5) = 1.
        #expect(Local.decide(&limiter, count: 2, at: .milliseconds(200)) == [true, false])
        #expect(Local.decide(&limiter, count: 2, at: .milliseconds(400)) == [true, false])
    }

    @Test func tokenBucketStatus() throws {
        var limiter = try Local.limiter(.milliseconds(3000), 2, 2, refill: .timer)
        let bucket = try #require(limiter.defaultBucket)
        #expect(Local.decide(&limiter, at: .zero) == [true])
        #expect(limiter.status(of: bucket, at: .zero) == LocalTokenBucketStatus(maxTokens: 2, remainingTokens: 1, resetSeconds: 3))
        #expect(Local.decide(&limiter, at: .seconds(1)) == [true])
        #expect(limiter.status(of: bucket, at: .seconds(1)) == LocalTokenBucketStatus(maxTokens: 2, remainingTokens: 0, resetSeconds: 2))
        #expect(Local.decide(&limiter, at: .seconds(2)) == [false])
        #expect(limiter.status(of: bucket, at: .seconds(2)) == LocalTokenBucketStatus(maxTokens: 2, remainingTokens: 0, resetSeconds: 1))
        #expect(limiter.status(of: bucket, at: .seconds(3)) == LocalTokenBucketStatus(maxTokens: 2, remainingTokens: 2, resetSeconds: 3))
    }

    @Test func tokenBucketDescriptor() throws {
        var limiter = try Local.limiter(.milliseconds(50), 1, 1, descriptors: [
            LocalRateLimitDescriptorConfiguration(Local.foo2, tokenBucket: Local.bucket(.milliseconds(100), 1, 1)),
        ], refill: .timer)
        #expect(Local.decide(&limiter, [Local.foo2], count: 2, at: .zero) == [true, false])
        #expect(Local.decide(&limiter, [Local.foo2], count: 2, at: .milliseconds(100)) == [true, false])
        // Two ticks, then two more (the bucket stays at 1).
        #expect(Local.decide(&limiter, [Local.foo2], count: 2, at: .milliseconds(300)) == [true, false])
    }

    @Test func differentDescriptorsDifferentRates() throws {
        var limiter = try Local.limiter(.milliseconds(1000), 3, 1, descriptors: [
            LocalRateLimitDescriptorConfiguration(Local.helloFoo, tokenBucket: Local.bucket(.seconds(1), 1, 1)),
            LocalRateLimitDescriptorConfiguration(Local.foo2, tokenBucket: Local.bucket(.seconds(2), 1, 1)),
        ], refill: .timer)
        #expect(Local.decide(&limiter, [Local.helloFoo], count: 2, at: .zero) == [true, false])
        #expect(Local.decide(&limiter, [Local.foo2], count: 2, at: .zero) == [true, false])
        #expect(Local.decide(&limiter, [Local.helloFoo], count: 2, at: .seconds(1)) == [true, false])
        #expect(Local.decide(&limiter, [Local.foo2], at: .seconds(1)) == [false])
    }

    @Test func differentDescriptorsSorted() throws {
        var limiter = try Local.limiter(.milliseconds(50), 3, 3, descriptors: [
            LocalRateLimitDescriptorConfiguration(Local.helloFoo, tokenBucket: Local.bucket(.seconds(1), 1, 1)),
            LocalRateLimitDescriptorConfiguration(Local.foo2, tokenBucket: Local.bucket(.seconds(1), 2, 2)),
        ], refill: .timer)
        #expect(Local.decide(&limiter, [Local.helloFoo, Local.foo2], count: 2, at: .zero) == [true, false])
        // The refusal by the stricter bucket did not take foo2's token.
        #expect(Local.decide(&limiter, [Local.foo2], at: .zero) == [true])
    }

    @Test func tokenBucketDescriptorStatus() throws {
        var limiter = try Local.limiter(.milliseconds(1000), 2, 2, descriptors: [
            LocalRateLimitDescriptorConfiguration(Local.foo2, tokenBucket: Local.bucket(.seconds(3), 2, 2)),
        ], refill: .timer)
        let first = limiter.requestAllowed([RateLimitDescriptor(Local.foo2)], at: .zero)
        #expect(first.allowed)
        let bucket = try #require(first.bucket)
        #expect(bucket == limiter.bucket(matching: Local.foo2))
        #expect(limiter.status(of: bucket, at: .zero) == LocalTokenBucketStatus(maxTokens: 2, remainingTokens: 1, resetSeconds: 3))
        #expect(Local.decide(&limiter, [Local.foo2], at: .seconds(1)) == [true])
        #expect(limiter.status(of: bucket, at: .seconds(1)) == LocalTokenBucketStatus(maxTokens: 2, remainingTokens: 0, resetSeconds: 2))
        #expect(Local.decide(&limiter, [Local.foo2], at: .seconds(2)) == [false])
        #expect(limiter.status(of: bucket, at: .seconds(2)) == LocalTokenBucketStatus(maxTokens: 2, remainingTokens: 0, resetSeconds: 1))
        #expect(limiter.status(of: bucket, at: .seconds(3)) == LocalTokenBucketStatus(maxTokens: 2, remainingTokens: 2, resetSeconds: 3))
    }
}

@Suite("Local rate limiter configuration errors")
struct LocalRateLimiterConfigurationErrorTests {
    @Test func tooFastFillRate() {
        for refill in [LocalTokenBucketRefill.timer, .continuous] {
            #expect(throws: LocalRateLimiterConfigurationError.fillIntervalTooShort) {
                _ = try Local.limiter(.milliseconds(49), 1, 1, refill: refill)
            }
        }
        #expect(LocalRateLimiterConfigurationError.fillIntervalTooShort.description
            == "local rate limit token bucket fill timer must be >= 50ms")
    }

    @Test func descriptorIntervalNotAMultiple() {
        #expect(throws: LocalRateLimiterConfigurationError.descriptorIntervalNotMultiple) {
            _ = try Local.limiter(.milliseconds(59_000), 2, 1, descriptors: [
                LocalRateLimitDescriptorConfiguration(Local.foo2, tokenBucket: Local.bucket(.seconds(60), 10, 10)),
            ], refill: .timer)
        }
        #expect(LocalRateLimiterConfigurationError.descriptorIntervalNotMultiple.description
            == "local rate descriptor limit is not a multiple of token bucket fill timer")
    }

    @Test func duplicateDescriptor() {
        let descriptor = LocalRateLimitDescriptorConfiguration(Local.foo2, tokenBucket: Local.bucket(.milliseconds(100), 1, 1))
        #expect(throws: LocalRateLimiterConfigurationError.duplicateDescriptor("foo2=bar2")) {
            _ = try Local.limiter(.milliseconds(50), 1, 1, descriptors: [descriptor, descriptor], refill: .continuous)
        }
        #expect(LocalRateLimiterConfigurationError.duplicateDescriptor("foo2=bar2").description
            == "duplicate descriptor in the local rate descriptor: foo2=bar2")
    }

    @Test func descriptorIntervalTooShort() {
        #expect(throws: LocalRateLimiterConfigurationError.descriptorFillIntervalTooShort) {
            _ = try LocalRateLimiter(LocalRateLimiterConfiguration(tokenBucket: nil, descriptors: [
                LocalRateLimitDescriptorConfiguration(Local.foo2, tokenBucket: Local.bucket(.milliseconds(10), 1, 1)),
            ]), at: .zero)
        }
    }

    @Test func noDescriptorsIsFine() throws {
        _ = try Local.limiter(.milliseconds(59_000), 2, 1, refill: .timer)
    }
}
