import SimKernel

/// The AWS SDKs' `retry_mode` setting.
public enum SDKRetryMode: String, Sendable, CaseIterable {
    /// Each SDK's historical behaviour: exponential backoff, no retry quota; attempts differ by SDK.
    case legacy
    /// Exponential backoff with full jitter and a per-client retry quota (token bucket).
    case standard
    /// `standard` plus a client-side CUBIC rate limiter that may delay any attempt, the first included.
    case adaptive
}

/// What happened to one attempt, as the SDK classifies it.
public enum SDKAttemptOutcome: UInt8, Sendable, CaseIterable {
    /// A 2xx answer.
    case success
    /// A throttling error: `ThrottlingException`, `ProvisionedThroughputExceededException`,
    /// `RequestLimitExceeded`, `TransactionInProgressException`, `SlowDown`, ...
    case throttled
    /// A transient error: connection error, HTTP 500/502/503/504.
    case transientError
    /// The attempt timed out (a transient error the 2025 quota charges double for).
    case timeout
    /// An error the SDK does not retry, such as `ConditionalCheckFailedException`.
    case nonRetryableError
}

/// Why the SDK gave up on a request.
public enum SDKFailure: UInt8, Sendable, CaseIterable {
    /// The error is not retryable.
    case nonRetryable
    /// The last allowed attempt failed.
    case attemptsExhausted
    /// The retry quota could not pay for another retry (the retry circuit breaker).
    case retryQuotaExhausted
}

/// What the caller does after reporting an attempt's outcome.
public enum SDKRetryDecision: Equatable, Sendable {
    /// The request succeeded; nothing more to do.
    case succeeded
    /// Send another attempt after this backoff (then ask `prepareAttempt` how long the
    /// rate limiter adds).
    case retry(after: SimTime)
    /// Surface the error to the application, after `after` (zero except for long-poll
    /// operations under the 2026 rules, which back off when the quota is empty).
    case failed(SDKFailure, after: SimTime)
}
