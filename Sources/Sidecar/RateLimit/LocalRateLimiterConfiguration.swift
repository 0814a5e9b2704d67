import SimKernel

/// A local rate limit token bucket (`envoy.type.v3.TokenBucket`).
public struct LocalTokenBucketConfiguration: Hashable, Sendable {
    public var maxTokens: UInt32
    public var tokensPerFill: UInt32
    public var fillInterval: SimTime

    public init(maxTokens: UInt32, tokensPerFill: UInt32 = 1, fillInterval: SimTime) {
        self.maxTokens = maxTokens
        self.tokensPerFill = tokensPerFill
        self.fillInterval = fillInterval
    }
}

/// A descriptor of the local rate limit with its own bucket (`LocalRateLimitDescriptor`).
public struct LocalRateLimitDescriptorConfiguration: Hashable, Sendable {
    public var entries: [RateLimitEntry]
    public var tokenBucket: LocalTokenBucketConfiguration

    public init(_ entries: [RateLimitEntry], tokenBucket: LocalTokenBucketConfiguration) {
        self.entries = entries
        self.tokenBucket = tokenBucket
    }
}

/// How the local rate limit's buckets refill.
public enum LocalTokenBucketRefill: Hashable, Sendable {
    /// Continuously (`TokenBucket`): Envoy 1.31 and later, the only mode of current Envoy.
    case continuous
    /// In steps, when the fill timer fires (`TimerTokenBucket`): Envoy 1.30 and earlier.
    case timer
}

/// The buckets of Envoy's local rate limiter (`LocalRateLimiterImpl`'s constructor arguments).
public struct LocalRateLimiterConfiguration: Hashable, Sendable {
    /// The default bucket; nil for none (Envoy: no `token_bucket` or a zero `fill_interval`).
    public var tokenBucket: LocalTokenBucketConfiguration?
    public var descriptors: [LocalRateLimitDescriptorConfiguration]
    /// Consume the default bucket even when a descriptor matched (Envoy's default: true).
    public var alwaysConsumeDefaultTokenBucket: Bool
    public var refill: LocalTokenBucketRefill

    public init(
        tokenBucket: LocalTokenBucketConfiguration?,
        descriptors: [LocalRateLimitDescriptorConfiguration] = [],
        alwaysConsumeDefaultTokenBucket: Bool = true,
        refill: LocalTokenBucketRefill = .continuous
    ) {
        self.tokenBucket = tokenBucket
        self.descriptors = descriptors
        self.alwaysConsumeDefaultTokenBucket = alwaysConsumeDefaultTokenBucket
        self.refill = refill
    }

    /// The shortest fill interval Envoy accepts.
    public static let minimumFillInterval = SimTime.milliseconds(50)

    /// Checks the configuration as Envoy's constructor does, in its order, with its messages.
    public func validate() throws(LocalRateLimiterConfigurationError) {
        if refill == .timer, tokenBucket == nil {
            throw .timerWithoutDefaultBucket
        }
        if let bucket = tokenBucket, bucket.fillInterval < Self.minimumFillInterval {
            throw .fillIntervalTooShort
        }
        var seen = Set<[RateLimitEntry]>()
        for descriptor in descriptors {
            let interval = descriptor.tokenBucket.fillInterval
            if descriptor.tokenBucket.maxTokens != 0, interval < Self.minimumFillInterval {
                throw .descriptorFillIntervalTooShort
            }
            if let bucket = tokenBucket, interval.nanoseconds % bucket.fillInterval.nanoseconds != 0 {
                throw .descriptorIntervalNotMultiple
            }
            if !seen.insert(descriptor.entries).inserted {
                throw .duplicateDescriptor(RateLimitDescriptor(descriptor.entries).description)
            }
        }
    }
}
