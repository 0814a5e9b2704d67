import SimKernel

/// One SDK client object: its retry policy, its retry quota and (adaptive mode) its rate
/// limiter, shared by every request it sends, as in the SDKs. A component that calls a
/// service owns one per client it models and asks it, before each attempt, how long to wait
/// and, after each outcome, whether and when to retry.
///
/// ```
/// var request = SDKRequest()
/// let wait = client.prepareAttempt(&request, at: now)          // send after `wait`
/// ... answer arrives ...
/// switch client.complete(&request, outcome: .throttled, at: now) {
/// case .retry(let backoff): ...                                // prepare again after `backoff`
/// case .succeeded, .failed: ...
/// }
/// ```
public final class SDKClient {
    public let policy: SDKRetryPolicy
    public private(set) var quota: RetryQuota?
    public private(set) var rateLimiter: ClientRateLimiter?
    public var statistics = SDKClientStatistics()
    private let random: RandomStream

    /// `random` draws the jitter; give each client its own named stream.
    public init(policy: SDKRetryPolicy, random: RandomStream) {
        self.policy = policy
        self.random = random
        quota = policy.quota.map { RetryQuota(capacity: $0.initialTokens) }
        rateLimiter = policy.rateLimiter.map { ClientRateLimiter(parameters: $0) }
    }

    /// Counts an attempt about to be sent and returns how long the rate limiter holds it
    /// (zero unless adaptive mode has seen a throttle).
    public func prepareAttempt(_ request: inout SDKRequest, at now: SimTime) -> SimTime {
        request.attempts += 1
        statistics.attempts.increment()
        if request.attempts == 1 { statistics.requests.increment() } else { statistics.retries.increment() }
        guard rateLimiter != nil else { return .zero }
        let wait = rateLimiter!.acquire(at: now.seconds)
        guard wait > 0 else { return .zero }
        let delay = SimTime(seconds: wait)
        statistics.rateLimited.increment()
        statistics.rateLimitDelay += delay.seconds
        return delay
    }

    /// Reports the outcome of the request's latest attempt; returns what to do next.
    public func complete(_ request: inout SDKRequest, outcome: SDKAttemptOutcome, at now: SimTime) -> SDKRetryDecision {
        precondition(request.attempts >= 1, "complete an attempt after preparing it")
        // Every response updates the measured send rate; only throttles lower the fill rate.
        if rateLimiter != nil { rateLimiter!.update(throttled: outcome == .throttled, at: now.seconds) }
        switch outcome {
        case .success:
            if let parameters = policy.quota {
                quota!.release(request.attempts == 1 ? parameters.noRetryIncrement : request.lastRetryCost)
            }
            statistics.succeeded.increment()
            return .succeeded
        case .nonRetryableError:
            statistics.failedNonRetryable.increment()
            return .failed(.nonRetryable, after: .zero)
        case .throttled:
            statistics.throttles.increment()
        case .transientError:
            statistics.transientErrors.increment()
        case .timeout:
            statistics.timeouts.increment()
        }
        if request.attempts >= policy.maxAttempts {
            statistics.failedAttemptsExhausted.increment()
            return .failed(.attemptsExhausted, after: .zero)
        }
        let backoff = SDKBackoff.delay(
            retry: request.attempts - 1, base: policy.baseDelay(after: outcome), cap: policy.maxBackoff,
            capBeforeJitter: policy.capBeforeJitter, uniform: random.uniform())
        if let parameters = policy.quota {
            let cost = parameters.retryCost(after: outcome)
            guard quota!.acquire(cost) else {
                statistics.failedQuotaExhausted.increment()
                let wait = request.isLongPoll && policy.longPollBackoffOnEmptyQuota ? backoff : .zero
                return .failed(.retryQuotaExhausted, after: wait)
            }
            request.lastRetryCost = cost
        }
        return .retry(after: backoff)
    }

    /// Tokens left in the retry quota; nil in legacy mode.
    public var quotaAvailable: Int? { quota?.available }
}
