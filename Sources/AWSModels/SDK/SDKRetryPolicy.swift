import SimKernel

/// The numbers of one SDK retry configuration. Every value is a parameter; the presets
/// carry the published defaults (aws-spec.md section 3).
public struct SDKRetryPolicy: Sendable, Equatable {
    public var mode: SDKRetryMode
    /// Attempts in total, the first included.
    public var maxAttempts: Int
    /// Backoff base for transient errors and timeouts.
    public var transientBaseDelay: SimTime
    /// Backoff base for throttling errors.
    public var throttlingBaseDelay: SimTime
    /// `MAX_BACKOFF` (`MAXIMUM_RETRY_DELAY`): 20 s in every SDK.
    public var maxBackoff: SimTime
    /// True: `random(0,1) * min(base * 2^n, cap)`; false: `min(random(0,1) * base * 2^n, cap)`.
    public var capBeforeJitter: Bool
    /// The retry quota; nil in legacy mode.
    public var quota: RetryQuotaParameters?
    /// The client-side rate limiter; non-nil exactly in adaptive mode.
    public var rateLimiter: AdaptiveRateLimiterParameters?
    /// 2026: long-poll operations back off for a computed delay when the quota is empty
    /// instead of failing at once.
    public var longPollBackoffOnEmptyQuota: Bool

    public init(
        mode: SDKRetryMode, maxAttempts: Int, transientBaseDelay: SimTime, throttlingBaseDelay: SimTime,
        maxBackoff: SimTime = .seconds(20), capBeforeJitter: Bool = true, quota: RetryQuotaParameters?,
        rateLimiter: AdaptiveRateLimiterParameters? = nil, longPollBackoffOnEmptyQuota: Bool = false
    ) {
        precondition(maxAttempts >= 1, "an SDK makes at least one attempt")
        precondition(transientBaseDelay >= .zero && throttlingBaseDelay >= .zero && maxBackoff >= .zero)
        precondition((mode == .adaptive) == (rateLimiter != nil), "adaptive mode, and only it, has a rate limiter")
        precondition(mode == .legacy || quota != nil, "standard and adaptive modes keep a retry quota")
        self.mode = mode
        self.maxAttempts = maxAttempts
        self.transientBaseDelay = transientBaseDelay
        self.throttlingBaseDelay = throttlingBaseDelay
        self.maxBackoff = maxBackoff
        self.capBeforeJitter = capBeforeJitter
        self.quota = quota
        self.rateLimiter = rateLimiter
        self.longPollBackoffOnEmptyQuota = longPollBackoffOnEmptyQuota
    }

    /// Standard mode before the 2026 update (`sdk-retry-2025`): 3 attempts, full jitter capped
    /// at 20 s, 500 tokens, a retry costs 5 and a retry after a timeout 10, a success without
    /// retry returns 1. The base differs by SDK (JS v3 and Java v2 100 ms, Go v2, .NET and
    /// botocore 1 s, C++ 25 ms); JS v3 uses 500 ms for throttles, which `throttlingBaseDelay` sets.
    public static func standard2025(
        baseDelay: SimTime = .milliseconds(100), throttlingBaseDelay: SimTime? = nil, maxAttempts: Int = 3
    ) -> SDKRetryPolicy {
        SDKRetryPolicy(
            mode: .standard, maxAttempts: maxAttempts, transientBaseDelay: baseDelay,
            throttlingBaseDelay: throttlingBaseDelay ?? baseDelay, quota: .standard2025)
    }

    /// Standard mode under `AWS_NEW_RETRIES_2026` (`sdk-retry-2026`): transient base 50 ms,
    /// throttling base 1 s, 3 attempts, 500 tokens, a transient retry costs 14 and a throttling
    /// retry 5 (timeouts no extra), `MAX_BACKOFF` applied before jitter. DynamoDB and
    /// DynamoDB Streams clients: transient base 25 ms and 4 attempts.
    public static func standard2026(dynamoDB: Bool = false) -> SDKRetryPolicy {
        SDKRetryPolicy(
            mode: .standard, maxAttempts: dynamoDB ? 4 : 3,
            transientBaseDelay: .milliseconds(dynamoDB ? 25 : 50), throttlingBaseDelay: .seconds(1),
            capBeforeJitter: true, quota: .standard2026, longPollBackoffOnEmptyQuota: true)
    }

    /// Adaptive mode: `standard` (either year) plus the CUBIC client-side rate limiter.
    public static func adaptive(
        _ standard: SDKRetryPolicy = .standard2025(), rateLimiter: AdaptiveRateLimiterParameters = AdaptiveRateLimiterParameters()
    ) -> SDKRetryPolicy {
        var policy = standard
        policy.mode = .adaptive
        policy.quota = standard.quota ?? .standard2025
        policy.rateLimiter = rateLimiter
        return policy
    }

    /// Legacy mode: no quota; attempts differ by SDK (boto3 5, Java v2 4, Java v2 DynamoDB 9,
    /// .NET DynamoDB 10, C++ 11), so they are a parameter.
    public static func legacy(
        maxAttempts: Int, baseDelay: SimTime = .milliseconds(100), throttlingBaseDelay: SimTime? = nil
    ) -> SDKRetryPolicy {
        SDKRetryPolicy(
            mode: .legacy, maxAttempts: maxAttempts, transientBaseDelay: baseDelay,
            throttlingBaseDelay: throttlingBaseDelay ?? baseDelay, quota: nil)
    }

    /// The backoff base for a retry after `outcome`.
    public func baseDelay(after outcome: SDKAttemptOutcome) -> SimTime {
        outcome == .throttled ? throttlingBaseDelay : transientBaseDelay
    }
}

/// The retry quota's numbers (`INITIAL_RETRY_TOKENS`, `RETRY_COST`, `TIMEOUT_RETRY_COST`,
/// `NO_RETRY_INCREMENT`).
public struct RetryQuotaParameters: Sendable, Equatable {
    public var initialTokens: Int
    /// Cost of a retry after a transient error.
    public var transientRetryCost: Int
    /// Cost of a retry after a throttling error.
    public var throttlingRetryCost: Int
    /// Cost of a retry after a timeout.
    public var timeoutRetryCost: Int
    /// Returned by a request that succeeds at its first attempt.
    public var noRetryIncrement: Int

    public init(initialTokens: Int, transientRetryCost: Int, throttlingRetryCost: Int, timeoutRetryCost: Int, noRetryIncrement: Int) {
        precondition(initialTokens >= 0 && transientRetryCost >= 0 && throttlingRetryCost >= 0 && timeoutRetryCost >= 0 && noRetryIncrement >= 0)
        self.initialTokens = initialTokens
        self.transientRetryCost = transientRetryCost
        self.throttlingRetryCost = throttlingRetryCost
        self.timeoutRetryCost = timeoutRetryCost
        self.noRetryIncrement = noRetryIncrement
    }

    /// 500 tokens, retry 5, timeout retry 10, success +1.
    public static let standard2025 = RetryQuotaParameters(
        initialTokens: 500, transientRetryCost: 5, throttlingRetryCost: 5, timeoutRetryCost: 10, noRetryIncrement: 1)
    /// 500 tokens, transient retry 14 (timeouts alike), throttling retry 5, success +1.
    public static let standard2026 = RetryQuotaParameters(
        initialTokens: 500, transientRetryCost: 14, throttlingRetryCost: 5, timeoutRetryCost: 14, noRetryIncrement: 1)

    /// The cost of a retry after `outcome`.
    public func retryCost(after outcome: SDKAttemptOutcome) -> Int {
        switch outcome {
        case .throttled: return throttlingRetryCost
        case .timeout: return timeoutRetryCost
        default: return transientRetryCost
        }
    }
}

/// The constants of the adaptive mode's CUBIC rate limiter (botocore `retries/adaptive.py`
/// and `throttling.py`, Java v2 `RateLimitingTokenBucket`).
public struct AdaptiveRateLimiterParameters: Sendable, Equatable {
    /// Weight of the newest measurement in the smoothed send rate.
    public var smooth: Double = 0.8
    /// Multiplicative decrease on a throttle.
    public var beta: Double = 0.7
    /// CUBIC's scale constant.
    public var scale: Double = 0.4
    /// Tokens per second, at least.
    public var minFillRate: Double = 0.5
    /// Bucket capacity, at least.
    public var minCapacity: Double = 1
    /// The send rate is measured in buckets of this many seconds.
    public var measurementBucket: Double = 0.5
    /// The new rate never exceeds this multiple of the measured rate.
    public var maxRateAdjustScale: Double = 2

    public init() {}
}
