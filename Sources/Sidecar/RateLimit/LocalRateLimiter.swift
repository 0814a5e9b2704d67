import SimKernel

/// Envoy's local rate limiter (`LocalRateLimiterImpl`): a default bucket and one bucket per
/// configured descriptor, all held by one proxy (Envoy shares them across its workers).
///
/// A request's descriptors that exactly equal a configured descriptor select that
/// descriptor's bucket. The selected buckets are consumed in order of increasing fill rate
/// (ties in the request's order) and the first that has no token rejects the request; buckets
/// after it keep their tokens. The default bucket is consumed too when nothing matched or
/// `alwaysConsumeDefaultTokenBucket` is set. The result names the bucket the response headers
/// describe: the one that refused, else the slowest matched one, else the default.
///
/// Continuous buckets cost no events. Timer buckets are filled lazily: every access first
/// applies the fill-timer ticks due by then (at `created + k × fill_interval`, a tick at an
/// instant applying before requests at that instant); descriptor buckets fill on every
/// `multiplier`-th tick. Matching allocates nothing once the limiter has seen its largest
/// request.
public struct LocalRateLimiter: Sendable {
    /// A bucket of this limiter.
    public struct BucketID: Hashable, Sendable {
        public let index: Int
    }

    /// The outcome of `requestAllowed`.
    public struct Result: Hashable, Sendable {
        public var allowed: Bool
        /// The bucket the `x-ratelimit-*` headers describe; nil when no bucket was consulted.
        public var bucket: BucketID?

        public init(allowed: Bool, bucket: BucketID?) {
            self.allowed = allowed
            self.bucket = bucket
        }
    }

    public let configuration: LocalRateLimiterConfiguration
    /// This proxy's share of the limit (`local_cluster_rate_limit`: 1 / members of the local
    /// cluster), in (0, 1]. A request costs `1 / shareFactor` tokens of a continuous bucket; a
    /// timer fill adds `ceil(tokens_per_fill × shareFactor)` tokens.
    public var shareFactor: Double = 1 {
        didSet { precondition(shareFactor > 0 && shareFactor <= 1, "a share factor is in (0, 1]") }
    }
    /// The default bucket, if configured. Descriptor buckets come first, in configuration order.
    public let defaultBucket: BucketID?

    private var continuous: [TokenBucket] = []
    private var timers: [TimerTokenBucket] = []
    private let fillRates: [Double]
    private let multipliers: [UInt64]
    private let descriptorBuckets: [[RateLimitEntry]: Int]
    private let created: SimTime
    private var ticksApplied: UInt64 = 0
    private var matched: [Int] = []

    public init(_ configuration: LocalRateLimiterConfiguration, at now: SimTime) throws(LocalRateLimiterConfigurationError) {
        try configuration.validate()
        self.configuration = configuration
        self.created = now
        var buckets = configuration.descriptors.map(\.tokenBucket)
        if let bucket = configuration.tokenBucket {
            buckets.append(bucket)
        }
        defaultBucket = configuration.tokenBucket == nil ? nil : BucketID(index: buckets.count - 1)
        switch configuration.refill {
        case .continuous:
            continuous = buckets.map {
                TokenBucket(maxTokens: UInt64($0.maxTokens), tokensPerFill: UInt64($0.tokensPerFill), fillInterval: $0.fillInterval, at: now)
            }
            fillRates = continuous.map(\.fillRate)
            multipliers = []
        case .timer:
            timers = buckets.map {
                TimerTokenBucket(maxTokens: $0.maxTokens, tokensPerFill: $0.tokensPerFill, fillInterval: $0.fillInterval, at: now)
            }
            fillRates = timers.map(\.fillRate)
            let tick = configuration.tokenBucket!.fillInterval.nanoseconds
            multipliers = buckets.map { UInt64($0.fillInterval.nanoseconds / tick) }
        }
        var index: [[RateLimitEntry]: Int] = [:]
        for (i, descriptor) in configuration.descriptors.enumerated() {
            index[descriptor.entries] = i
        }
        descriptorBuckets = index
    }

    /// The bucket of the configured descriptor with exactly these entries.
    public func bucket(matching entries: [RateLimitEntry]) -> BucketID? {
        descriptorBuckets[entries].map { BucketID(index: $0) }
    }

    /// Tokens per second of a bucket (the order in which matched buckets are consumed).
    public func fillRate(of bucket: BucketID) -> Double { fillRates[bucket.index] }

    /// Decides one request and takes its tokens.
    public mutating func requestAllowed(_ descriptors: [RateLimitDescriptor], at now: SimTime) -> Result {
        advance(to: now)
        matched.removeAll(keepingCapacity: true)
        for descriptor in descriptors {
            guard let bucket = descriptorBuckets[descriptor.entries] else { continue }
            let rate = fillRates[bucket]
            var position = matched.count
            while position > 0, fillRates[matched[position - 1]] > rate {
                position -= 1
            }
            matched.insert(bucket, at: position)
        }
        return consumeMatched(at: now)
    }

    /// `requestAllowed` for a request whose descriptors match at most one bucket, looked up
    /// beforehand with `bucket(matching:)`: the same decision, without a lookup per request.
    public mutating func requestAllowed(matching bucket: BucketID?, at now: SimTime) -> Result {
        advance(to: now)
        matched.removeAll(keepingCapacity: true)
        if let bucket { matched.append(bucket.index) }
        return consumeMatched(at: now)
    }

    /// Takes the matched buckets' tokens in order, then the default bucket's.
    private mutating func consumeMatched(at now: SimTime) -> Result {
        for i in matched.indices {
            let bucket = matched[i]
            if !consume(bucket, at: now) {
                return Result(allowed: false, bucket: BucketID(index: bucket))
            }
        }
        let first = matched.first.map { BucketID(index: $0) }
        if matched.isEmpty || configuration.alwaysConsumeDefaultTokenBucket {
            guard let defaultBucket else {
                return Result(allowed: true, bucket: first)
            }
            if !consume(defaultBucket.index, at: now) {
                return Result(allowed: false, bucket: defaultBucket)
            }
            return Result(allowed: true, bucket: first ?? defaultBucket)
        }
        return Result(allowed: true, bucket: first)
    }

    /// Applies the fill-timer ticks due by `now` (timer refill only; a no-op otherwise).
    public mutating func advance(to now: SimTime) {
        guard configuration.refill == .timer, let tick = configuration.tokenBucket?.fillInterval, now > created else { return }
        let ticks = UInt64((now - created).nanoseconds / tick.nanoseconds)
        guard ticks > ticksApplied else { return }
        for i in timers.indices {
            let multiplier = multipliers[i]
            let due = ticks / multiplier - ticksApplied / multiplier
            if due > 0 {
                let last = created + tick * Int64(ticks / multiplier * multiplier)
                timers[i].fill(times: due, shareFactor: shareFactor, at: last)
            }
        }
        ticksApplied = ticks
    }

    /// What the `x-ratelimit-*` headers of a response at `now` say about `bucket`.
    public mutating func status(of bucket: BucketID, at now: SimTime) -> LocalTokenBucketStatus {
        advance(to: now)
        if configuration.refill == .timer {
            let timer = timers[bucket.index]
            return LocalTokenBucketStatus(
                maxTokens: UInt64(timer.maxTokens),
                remainingTokens: UInt64(timer.tokens),
                resetSeconds: timer.remainingFillInterval(at: now).map { UInt64($0) })
        }
        let tokenBucket = continuous[bucket.index]
        let remaining = tokenBucket.remaining(at: now)
        return LocalTokenBucketStatus(
            maxTokens: UInt64(tokenBucket.maxTokens),
            remainingTokens: remaining > 0 ? UInt64(remaining) : 0,
            resetSeconds: tokenBucket.nextTokenAvailableMilliseconds(at: now) / 1_000)
    }

    private mutating func consume(_ bucket: Int, at now: SimTime) -> Bool {
        if configuration.refill == .timer {
            return timers[bucket].consume()
        }
        return continuous[bucket].consume(cost: 1 / shareFactor, at: now)
    }
}

/// A bucket as the local rate limit's `x-ratelimit-*` headers (DRAFT_VERSION_03) report it.
public struct LocalTokenBucketStatus: Hashable, Sendable {
    /// `x-ratelimit-limit`: the bucket's maximum.
    public var maxTokens: UInt64
    /// `x-ratelimit-remaining`: whole tokens left.
    public var remainingTokens: UInt64
    /// `x-ratelimit-reset`: whole seconds until the next token (continuous), or the remaining
    /// fill interval (timer; nil once a fill is due).
    public var resetSeconds: UInt64?

    public init(maxTokens: UInt64, remainingTokens: UInt64, resetSeconds: UInt64?) {
        self.maxTokens = maxTokens
        self.remainingTokens = remainingTokens
        self.resetSeconds = resetSeconds
    }
}
