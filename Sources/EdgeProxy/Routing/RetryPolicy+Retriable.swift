extension RetryPolicy {
    /// Whether Envoy would retry after `outcome` (`RetryStateImpl::wouldRetryFromHeaders` and
    /// `wouldRetryFromReset`), before counting retries or circuit breakers.
    public func isRetriable(_ outcome: UpstreamOutcome) -> Bool {
        switch outcome {
        case let .response(status, envoyRateLimited):
            return isRetriable(status: status, envoyRateLimited: envoyRateLimited)
        case .overflow:
            return false
        case .connectFailure:
            return retryOn.contains(.connectFailure) || isRetriableReset(requestStarted: false)
        case .resetBeforeRequest:
            return isRetriableReset(requestStarted: false)
        case .refusedStream:
            return retryOn.contains(.refusedStream) || isRetriableReset(requestStarted: true)
        case .reset, .perTryTimeout:
            return isRetriableReset(requestStarted: true)
        }
    }

    private func isRetriable(status: UInt16, envoyRateLimited: Bool) -> Bool {
        // A rate-limited answer from an upstream Envoy is retried only under envoy-ratelimited,
        // whatever its status.
        if envoyRateLimited { return retryOn.contains(.envoyRateLimited) }
        if retryOn.contains(.fiveXX) && (500...599).contains(status) { return true }
        if retryOn.contains(.gatewayError) && (502...504).contains(status) { return true }
        if retryOn.contains(.retriable4xx) && status == 409 { return true }
        if retryOn.contains(.retriableStatusCodes) && retriableStatusCodes.contains(status) { return true }
        return false
    }

    /// A reset of any kind counts as a 5xx (and a gateway error).
    private func isRetriableReset(requestStarted: Bool) -> Bool {
        if retryOn.contains(.resetBeforeRequest) && !requestStarted { return true }
        return !retryOn.isDisjoint(with: [.reset, .fiveXX, .gatewayError])
    }
}
