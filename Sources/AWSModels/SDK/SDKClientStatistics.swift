import SimKernel

/// What one SDK client counted. Its owner reports them under a component name it chooses
/// (`sdk.<service>.<client>` for instance), since a client is not a component.
public struct SDKClientStatistics: Sendable {
    /// Requests started (first attempts).
    public var requests = Counter()
    /// Attempts sent, first attempts and retries.
    public var attempts = Counter()
    public var retries = Counter()
    public var succeeded = Counter()
    public var failedNonRetryable = Counter()
    public var failedAttemptsExhausted = Counter()
    /// Requests that surfaced an error because the retry quota could not pay for a retry.
    public var failedQuotaExhausted = Counter()
    public var throttles = Counter()
    public var transientErrors = Counter()
    public var timeouts = Counter()
    /// Attempts the adaptive rate limiter delayed, and the delays' sum in seconds since the reset.
    public var rateLimited = Counter()
    public var rateLimitDelay = 0.0

    private var previousSample = SimTime.zero
    private var previousAttempts: UInt64 = 0
    private var previousRetries: UInt64 = 0
    private var previousThrottles: UInt64 = 0

    public init() {}

    public mutating func reset() {
        requests.reset()
        attempts.reset()
        retries.reset()
        succeeded.reset()
        failedNonRetryable.reset()
        failedAttemptsExhausted.reset()
        failedQuotaExhausted.reset()
        throttles.reset()
        transientErrors.reset()
        timeouts.reset()
        rateLimited.reset()
        rateLimitDelay = 0
    }
}

extension SDKClient {
    /// Forgets the counts so far; the owner calls it from its own `resetStatistics(at:)`.
    public func resetStatistics() {
        statistics.reset()
    }

    /// Appends the client's metrics since the warm-up under `component`.
    public func report(component: String, into table: inout MetricTable) {
        let s = statistics
        table.append(component, "requests", "count", Double(s.requests.sinceReset))
        table.append(component, "attempts", "count", Double(s.attempts.sinceReset))
        table.append(component, "retries", "count", Double(s.retries.sinceReset))
        table.append(component, "requests_succeeded", "count", Double(s.succeeded.sinceReset))
        table.append(component, "requests_failed_non_retryable", "count", Double(s.failedNonRetryable.sinceReset))
        table.append(component, "requests_failed_attempts_exhausted", "count", Double(s.failedAttemptsExhausted.sinceReset))
        table.append(component, "retry_quota_exhausted", "count", Double(s.failedQuotaExhausted.sinceReset))
        table.append(component, "throttles_seen", "count", Double(s.throttles.sinceReset))
        table.append(component, "transient_errors_seen", "count", Double(s.transientErrors.sinceReset))
        table.append(component, "timeouts_seen", "count", Double(s.timeouts.sinceReset))
        if policy.quota != nil {
            table.append(component, "retry_quota_available", "tokens", Double(quota?.available ?? 0))
        }
        if policy.rateLimiter != nil {
            let delayed = s.rateLimited.sinceReset
            table.append(component, "rate_limited_attempts", "count", Double(delayed))
            table.append(component, "rate_limit_delay_mean", "s", delayed > 0 ? s.rateLimitDelay / Double(delayed) : .nan)
            table.append(component, "send_rate_limit", "per_s", rateLimiter.map { $0.enabled ? $0.fillRate : .nan } ?? .nan)
        }
    }

    /// The series `sample` appends, under `component`.
    public func seriesKeys(component: String) -> [MetricKey] {
        var keys = [
            MetricKey(component, "attempts", "per_s"), MetricKey(component, "retries", "per_s"),
            MetricKey(component, "throttles_seen", "per_s"),
        ]
        if policy.quota != nil { keys.append(MetricKey(component, "retry_quota_available", "tokens")) }
        if policy.rateLimiter != nil { keys.append(MetricKey(component, "send_rate_limit", "per_s")) }
        return keys
    }

    /// Rates over the interval ending at `time`, and the quota and send-rate limit at `time`.
    public func sample(at time: SimTime, into frame: inout [Double]) {
        let span = (time - statistics.previousSampleTime).seconds
        frame.append(Double(statistics.attempts.total - statistics.previousAttemptsTotal) / span)
        frame.append(Double(statistics.retries.total - statistics.previousRetriesTotal) / span)
        frame.append(Double(statistics.throttles.total - statistics.previousThrottlesTotal) / span)
        if policy.quota != nil { frame.append(Double(quota?.available ?? 0)) }
        if policy.rateLimiter != nil { frame.append(rateLimiter.map { $0.enabled ? $0.fillRate : .nan } ?? .nan) }
        statistics.markSample(at: time)
    }
}

extension SDKClientStatistics {
    var previousSampleTime: SimTime { previousSample }
    var previousAttemptsTotal: UInt64 { previousAttempts }
    var previousRetriesTotal: UInt64 { previousRetries }
    var previousThrottlesTotal: UInt64 { previousThrottles }

    mutating func markSample(at time: SimTime) {
        previousSample = time
        previousAttempts = attempts.total
        previousRetries = retries.total
        previousThrottles = throttles.total
    }
}
