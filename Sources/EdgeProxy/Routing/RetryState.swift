import SimKernel

/// One request's retry bookkeeping (`RetryStateImpl::shouldRetry`): retries left and the
/// back-off sequence.
public struct RetryState: Sendable {
    public let policy: RetryPolicy
    public private(set) var retriesRemaining: UInt32
    public private(set) var backOff: RetryBackOff

    /// The decision after one failed attempt.
    public enum Decision: Sendable, Equatable {
        /// Retry after this back-off.
        case retry(after: SimTime)
        /// The outcome is not retriable under the policy (or was a success).
        case no
        /// Retriable, but `num_retries` are used up (`upstream_rq_retry_limit_exceeded`, `URX`).
        case limitExceeded
        /// Retriable, but the cluster's retry circuit breaker or budget refused
        /// (`upstream_rq_retry_overflow`); the retry still counts against `num_retries`.
        case overflow
    }

    public init(policy: RetryPolicy) {
        self.policy = policy
        self.retriesRemaining = policy.numRetries
        self.backOff = policy.makeBackOff()
    }

    /// Decides after `outcome`; `retryAllowedByCircuitBreaker` is the cluster's answer to
    /// "may one more retry be in flight". Draws `random()` only when it retries.
    public mutating func decide<R: EnvoyRandom>(
        after outcome: UpstreamOutcome, retryAllowedByCircuitBreaker: Bool = true, random: inout R
    ) -> Decision {
        guard policy.isRetriable(outcome) else { return .no }
        guard retriesRemaining > 0 else { return .limitExceeded }
        retriesRemaining -= 1
        guard retryAllowedByCircuitBreaker else { return .overflow }
        return .retry(after: backOff.next(random: &random))
    }
}
