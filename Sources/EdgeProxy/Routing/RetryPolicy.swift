import SimKernel

/// A route's (or virtual host's) `retry_policy`.
public struct RetryPolicy: Sendable, Equatable {
    /// Envoy's default back-off base (`upstream.base_retry_backoff_ms`).
    public static let defaultBaseInterval = SimTime.milliseconds(25)

    public let retryOn: RetryOn
    /// `num_retries` (default 1): retries, not attempts.
    public let numRetries: UInt32
    /// `per_try_timeout`; `nil` (or configured 0) means each try only has the route timeout.
    public let perTryTimeout: SimTime?
    /// Codes retried under `retriable-status-codes`.
    public let retriableStatusCodes: [UInt16]
    /// Back-off base, whole milliseconds, at least 1 ms.
    public let baseInterval: SimTime
    /// Back-off cap, whole milliseconds: 10 × base unless configured.
    public let maxInterval: SimTime
    /// `host_selection_retry_max_attempts` (default 1; 0 means the default, as in Envoy): how
    /// many times the load balancer may pick again when the picked host is rejected (e.g. by
    /// `avoidPreviousHosts`) on a retry.
    public let hostSelectionRetryMaxAttempts: UInt32
    /// The `envoy.retry_host_predicates.previous_hosts` predicate: a retry rejects hosts that
    /// were already tried.
    public let avoidPreviousHosts: Bool

    public init(
        retryOn: RetryOn,
        numRetries: UInt32 = 1,
        perTryTimeout: SimTime? = nil,
        retriableStatusCodes: [UInt16] = [],
        baseInterval: SimTime? = nil,
        maxInterval: SimTime? = nil,
        hostSelectionRetryMaxAttempts: UInt32 = 1,
        avoidPreviousHosts: Bool = false
    ) throws(RouteConfigurationError) {
        if let perTryTimeout, perTryTimeout < .zero { throw .negativeDuration(field: "per_try_timeout") }
        self.retryOn = retryOn
        self.numRetries = numRetries
        self.perTryTimeout = perTryTimeout == .zero ? nil : perTryTimeout
        self.retriableStatusCodes = retriableStatusCodes
        // Envoy truncates durations to milliseconds and raises sub-millisecond ones to 1 ms.
        let base: Int64
        if let baseInterval {
            guard baseInterval > .zero else { throw .nonPositiveBaseInterval }
            base = max(1, baseInterval.nanoseconds / 1_000_000)
        } else {
            base = Self.defaultBaseInterval.nanoseconds / 1_000_000
        }
        var cap = base * 10
        if let maxInterval {
            guard maxInterval > .zero else { throw .nonPositiveMaxInterval }
            cap = max(1, maxInterval.nanoseconds / 1_000_000)
            guard cap >= base else { throw .maxIntervalBelowBaseInterval }
        }
        self.baseInterval = .milliseconds(base)
        self.maxInterval = .milliseconds(cap)
        self.hostSelectionRetryMaxAttempts = hostSelectionRetryMaxAttempts == 0 ? 1 : hostSelectionRetryMaxAttempts
        self.avoidPreviousHosts = avoidPreviousHosts
    }

    /// A fresh back-off sequence for one request.
    public func makeBackOff() -> RetryBackOff {
        RetryBackOff(
            baseMilliseconds: UInt64(baseInterval.nanoseconds / 1_000_000),
            maxMilliseconds: UInt64(maxInterval.nanoseconds / 1_000_000))
    }

    /// What Envoy's router gives the load balancer as `hostSelectionRetryCount()`: 1 on the
    /// first attempt, `hostSelectionRetryMaxAttempts` on a retry; the balancer picks up to that
    /// many times plus one.
    public func hostSelectionRetryCount(isRetry: Bool) -> UInt32 {
        isRetry ? hostSelectionRetryMaxAttempts : 1
    }
}
