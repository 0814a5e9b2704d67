import Sidecar
import SimKernel
import Testing

/// The atomic (continuous) local rate limiter: envoy-vectors.md 8.2, "Atomic".
@Suite("Local rate limiter, continuous buckets")
struct LocalRateLimiterAtomicTests {
    @Test func atomicTokenBucket() throws {
        var limiter = try Local.limiter(.milliseconds(200), 1, 1, refill: .continuous)
        #expect(Local.decide(&limiter, count: 3, at: .zero) == [true, false, false])
        #expect(Local.decide(&limiter, count: 2, at: .milliseconds(200)) == [true, false])
        #expect(Local.decide(&limiter, count: 2, at: .milliseconds(600)) == [true, false])
    }

    @Test func atomicTokenBucketMultipleTokensPerFill() throws {
        var limiter = try Local.limiter(.milliseconds(200), 2, 2, refill: .continuous)
        #expect(Local.decide(&limiter, count: 3, at: .zero) == [true, true, false])
        #expect(Local.decide(&limiter, count: 1, at: .milliseconds(200)) == [true])
        #expect(Local.decide(&limiter, count: 3, at: .milliseconds(400)) == [true, true, false])
    }

    @Test func atomicTokenBucketMultipleTokensPerFillWithShareProvider() throws {
        var limiter = try Local.limiter(.milliseconds(200), 2, 2, refill: .continuous)
        limiter.shareFactor = 0.5
        #expect(Local.decide(&limiter, count: 2, at: .zero) == [true, false])
        #expect(Local.decide(&limiter, count: 1, at: .milliseconds(200)) == [true])
        #expect(Local.decide(&limiter, count: 2, at: .milliseconds(400)) == [true, false])
    }

    @Test func atomicTokenBucketMaxTokensGreaterThanTokensPerFill() throws {
        var limiter = try Local.limiter(.milliseconds(200), 2, 1, refill: .continuous)
        #expect(Local.decide(&limiter, count: 3, at: .zero) == [true, true, false])
        #expect(Local.decide(&limiter, count: 2, at: .milliseconds(200)) == [true, false])
    }

    /// [derived] A request at +100 ms finds half a token: refused, and the refill goes on.
    @Test func continuousRefillConsequence() throws {
        var limiter = try Local.limiter(.milliseconds(200), 1, 1, refill: .continuous)
        #expect(Local.decide(&limiter, at: .zero) == [true])
        #expect(Local.decide(&limiter, at: .milliseconds(100)) == [false])
        #expect(Local.decide(&limiter, at: .milliseconds(200)) == [true])
    }

    /// Envoy's `AtomicTokenBucketDifferentDescriptorDifferentRateLimits`.
    @Test func differentDescriptorsDifferentRates() throws {
        var limiter = try Local.limiter(.milliseconds(1000), 3, 3, descriptors: [
            LocalRateLimitDescriptorConfiguration(Local.helloFoo, tokenBucket: Local.bucket(.seconds(1), 1, 1)),
            LocalRateLimitDescriptorConfiguration(Local.foo2, tokenBucket: Local.bucket(.seconds(2), 1, 1)),
        ], refill: .continuous)
        #expect(Local.decide(&limiter, [Local.helloFoo], count: 2, at: .zero) == [true, false])
        #expect(Local.decide(&limiter, [Local.foo2], count: 2, at: .zero) == [true, false])
        #expect(Local.decide(&limiter, [Local.helloFoo], count: 2, at: .seconds(1)) == [true, false])
        #expect(Local.decide(&limiter, [Local.foo2], at: .seconds(1)) == [false])
    }

    /// The stricter bucket is consumed first; its refusal leaves the other bucket's tokens.
    @Test func stricterBucketFirst() throws {
        var limiter = try Local.limiter(.milliseconds(50), 3, 3, descriptors: [
            LocalRateLimitDescriptorConfiguration(Local.helloFoo, tokenBucket: Local.bucket(.seconds(1), 1, 1)),
            LocalRateLimitDescriptorConfiguration(Local.foo2, tokenBucket: Local.bucket(.seconds(1), 2, 2)),
        ], refill: .continuous)
        #expect(Local.decide(&limiter, [Local.foo2, Local.helloFoo], count: 2, at: .zero) == [true, false])
        #expect(Local.decide(&limiter, [Local.foo2], at: .zero) == [true])
    }

    @Test func descriptorsMatchExactly() throws {
        var limiter = try Local.limiter(.seconds(60), 1, 1, descriptors: [
            LocalRateLimitDescriptorConfiguration(Local.foo2, tokenBucket: Local.bucket(.seconds(60), 5, 5)),
        ], refill: .continuous)
        // Neither a prefix nor a superset of the configured entries matches: the default bucket decides.
        let superset = Local.foo2 + [RateLimitEntry("x", "y")]
        #expect(Local.decide(&limiter, [superset], at: .zero) == [true])
        #expect(Local.decide(&limiter, [[RateLimitEntry("foo2", "bar")]], at: .zero) == [false])
        #expect(limiter.bucket(matching: Local.foo2) != nil)
        #expect(limiter.bucket(matching: superset) == nil)
    }

    @Test func defaultBucketOnlyWhenNothingMatchedIfAsked() throws {
        var configuration = LocalRateLimiterConfiguration(
            tokenBucket: Local.bucket(.seconds(60), 1, 1),
            descriptors: [LocalRateLimitDescriptorConfiguration(Local.foo2, tokenBucket: Local.bucket(.seconds(60), 3, 3))])
        configuration.alwaysConsumeDefaultTokenBucket = false
        var limiter = try LocalRateLimiter(configuration, at: .zero)
        #expect(Local.decide(&limiter, [Local.foo2], count: 4, at: .zero) == [true, true, true, false])
        #expect(Local.decide(&limiter, count: 2, at: .zero) == [true, false])
    }

    @Test func resultNamesTheBucketForHeaders() throws {
        var limiter = try Local.limiter(.seconds(1), 10, 10, descriptors: [
            LocalRateLimitDescriptorConfiguration(Local.foo2, tokenBucket: Local.bucket(.seconds(2), 1, 1)),
        ], refill: .continuous)
        let descriptorBucket = limiter.bucket(matching: Local.foo2)
        let allowed = limiter.requestAllowed([RateLimitDescriptor(Local.foo2)], at: .zero)
        #expect(allowed == LocalRateLimiter.Result(allowed: true, bucket: descriptorBucket))
        let refused = limiter.requestAllowed([RateLimitDescriptor(Local.foo2)], at: .zero)
        #expect(refused == LocalRateLimiter.Result(allowed: false, bucket: descriptorBucket))
        let plain = limiter.requestAllowed([], at: .zero)
        #expect(plain == LocalRateLimiter.Result(allowed: true, bucket: limiter.defaultBucket))
        let status = limiter.status(of: limiter.defaultBucket!, at: .zero)
        #expect(status == LocalTokenBucketStatus(maxTokens: 10, remainingTokens: 8, resetSeconds: 0))
        let empty = limiter.status(of: descriptorBucket!, at: .milliseconds(500))
        #expect(empty == LocalTokenBucketStatus(maxTokens: 1, remainingTokens: 0, resetSeconds: 1))
    }

    @Test func noDefaultBucket() throws {
        var limiter = try LocalRateLimiter(LocalRateLimiterConfiguration(tokenBucket: nil, descriptors: [
            LocalRateLimitDescriptorConfiguration(Local.foo2, tokenBucket: Local.bucket(.seconds(1), 1, 1)),
        ]), at: .zero)
        #expect(Local.decide(&limiter, count: 3, at: .zero) == [true, true, true])
        #expect(Local.decide(&limiter, [Local.foo2], count: 2, at: .zero) == [true, false])
    }
}
