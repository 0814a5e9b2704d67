/// How one upstream attempt ended, as far as the retry decision cares.
public enum UpstreamOutcome: Sendable, Equatable {
    /// A response with `status`; `envoyRateLimited` when it carries `x-envoy-ratelimited`
    /// (a rate-limited answer from an upstream Envoy).
    case response(status: UInt16, envoyRateLimited: Bool = false)
    /// The stream was reset after the request started going upstream.
    case reset
    /// The stream was reset before any of the request was sent upstream.
    case resetBeforeRequest
    /// The upstream refused the stream (HTTP/2 REFUSED_STREAM).
    case refusedStream
    /// The connection to the host could not be established (or timed out connecting).
    case connectFailure
    /// The per-try timeout fired; Envoy resets the attempt locally and treats it as a reset.
    case perTryTimeout
    /// A circuit breaker refused the attempt (`UO`): never retried.
    case overflow
}
