/// Envoy's response flags (`%RESPONSE_FLAGS%` in access logs): why a response is what it is.
public struct ResponseFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// No healthy upstream host.
    public static let noHealthyUpstream = ResponseFlags(rawValue: 1 << 0)
    /// Upstream connection failure.
    public static let upstreamConnectionFailure = ResponseFlags(rawValue: 1 << 1)
    /// Upstream overflow: a circuit breaker refused the request.
    public static let upstreamOverflow = ResponseFlags(rawValue: 1 << 2)
    /// No route configured for the request.
    public static let noRoute = ResponseFlags(rawValue: 1 << 3)
    /// Upstream retry limit exceeded.
    public static let upstreamRetryLimitExceeded = ResponseFlags(rawValue: 1 << 4)
    /// Upstream request timeout.
    public static let upstreamRequestTimeout = ResponseFlags(rawValue: 1 << 5)
    /// Rate limited.
    public static let rateLimited = ResponseFlags(rawValue: 1 << 6)
    /// Rate-limit service error.
    public static let rateLimitServiceError = ResponseFlags(rawValue: 1 << 7)
    /// Unauthorized by an external authorization service.
    public static let unauthorizedExternalService = ResponseFlags(rawValue: 1 << 8)
    /// Local reset of the upstream stream.
    public static let localReset = ResponseFlags(rawValue: 1 << 9)
    /// The upstream reset the stream after the request was sent (its host crashed).
    public static let upstreamRemoteReset = ResponseFlags(rawValue: 1 << 10)

    /// Every flag with its access-log code, in a fixed order for reports.
    public static let codes: [(flag: ResponseFlags, code: String)] = [
        (.noHealthyUpstream, "UH"), (.upstreamConnectionFailure, "UF"), (.upstreamOverflow, "UO"),
        (.noRoute, "NR"), (.upstreamRetryLimitExceeded, "URX"), (.upstreamRequestTimeout, "UT"),
        (.rateLimited, "RL"), (.rateLimitServiceError, "RLSE"), (.unauthorizedExternalService, "UAEX"),
        (.localReset, "LR"), (.upstreamRemoteReset, "UR"),
    ]
}
