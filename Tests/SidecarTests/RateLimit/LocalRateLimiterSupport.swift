import Sidecar
import SimKernel

/// Shorthands for the local rate limiter tests.
enum Local {
    static let foo2: [RateLimitEntry] = [RateLimitEntry("foo2", "bar2")]
    static let helloFoo: [RateLimitEntry] = [RateLimitEntry("hello", "world"), RateLimitEntry("foo", "bar")]

    static func bucket(_ interval: SimTime, _ maxTokens: UInt32, _ tokensPerFill: UInt32) -> LocalTokenBucketConfiguration {
        LocalTokenBucketConfiguration(maxTokens: maxTokens, tokensPerFill: tokensPerFill, fillInterval: interval)
    }

    static func limiter(
        _ interval: SimTime, _ maxTokens: UInt32, _ tokensPerFill: UInt32,
        descriptors: [LocalRateLimitDescriptorConfiguration] = [],
        refill: LocalTokenBucketRefill
    ) throws -> LocalRateLimiter {
        try LocalRateLimiter(
            LocalRateLimiterConfiguration(tokenBucket: bucket(interval, maxTokens, tokensPerFill), descriptors: descriptors, refill: refill),
            at: .zero)
    }

    /// Whether each of `count` requests carrying `descriptors` at `now` is allowed.
    static func decide(_ limiter: inout LocalRateLimiter, _ descriptors: [[RateLimitEntry]] = [], count: Int = 1, at now: SimTime) -> [Bool] {
        let request = descriptors.map { RateLimitDescriptor($0) }
        return (0..<count).map { _ in limiter.requestAllowed(request, at: now).allowed }
    }
}
