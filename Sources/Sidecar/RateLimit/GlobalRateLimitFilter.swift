import EdgeProxy
import Infra

/// The settings of Envoy's global rate limit filter (`envoy.filters.http.ratelimit`) that
/// decide what happens to a request once the service has answered (or failed to).
public struct GlobalRateLimitFilterConfiguration: Hashable, Sendable {
    /// Runtime `ratelimit.http_filter_enabled` (100%).
    public var enabled: FractionalPercent
    /// Runtime `ratelimit.http_filter_enforcing` (100%).
    public var enforcing: FractionalPercent
    /// `failure_mode_deny`: refuse (500, RLSE) when the service cannot be reached; by default
    /// the request goes on (fail open).
    public var failureModeDeny: Bool
    /// `rate_limited_status`: the status of the local reply to an over-limit request.
    public var rateLimitedStatus: UInt16
    /// `disable_x_envoy_ratelimited_header`.
    public var disableXEnvoyRateLimitedHeader: Bool

    public init(
        enabled: FractionalPercent = .always,
        enforcing: FractionalPercent = .always,
        failureModeDeny: Bool = false,
        rateLimitedStatus: UInt16 = 429,
        disableXEnvoyRateLimitedHeader: Bool = false
    ) {
        self.enabled = enabled
        self.enforcing = enforcing
        self.failureModeDeny = failureModeDeny
        self.rateLimitedStatus = rateLimitedStatus
        self.disableXEnvoyRateLimitedHeader = disableXEnvoyRateLimitedHeader
    }
}

/// What the global rate limit filter does with a request.
public struct GlobalRateLimitOutcome: Hashable, Sendable {
    public enum Action: Hashable, Sendable {
        /// No call was made (filter not enabled, or no descriptors).
        case skipped
        /// The service answered OK: the request continues.
        case allowed
        /// OVER_LIMIT but not enforced: the request continues (`over_limit` still counted).
        case overLimitNotEnforced
        /// OVER_LIMIT and enforced: local reply `status`, `x-envoy-ratelimited: true`, flag RL.
        case limited
        /// The call failed and the filter fails open: the request continues.
        case failedOpen
        /// The call failed with `failure_mode_deny`: local reply 500, flag RLSE.
        case failedClosed
    }

    public var action: Action
    /// The local reply's status (`limited`, `failedClosed`), else 0.
    public var status: UInt16
    public var responseFlags: ResponseFlags
    /// The local reply carries `x-envoy-ratelimited: true`.
    public var xEnvoyRateLimited: Bool

    public var continues: Bool { action != .limited && action != .failedClosed }
}

/// Envoy's global rate limit filter, as pure decisions around the service's answer.
public struct GlobalRateLimitFilter: Hashable, Sendable {
    public let configuration: GlobalRateLimitFilterConfiguration

    public init(_ configuration: GlobalRateLimitFilterConfiguration = GlobalRateLimitFilterConfiguration()) {
        self.configuration = configuration
    }

    /// Whether a request with `descriptorCount` descriptors calls the service at all.
    public func callsService<R: EnvoyRandom>(descriptorCount: Int, random: inout R) -> Bool {
        descriptorCount > 0 && configuration.enabled.evaluate(&random)
    }

    /// The outcome once the service answered `response` (nil: the call failed or timed out;
    /// an answer with code UNKNOWN is a failure too).
    public func decide<R: EnvoyRandom>(_ response: RateLimitResponse?, random: inout R) -> GlobalRateLimitOutcome {
        guard let response, response.overallCode != .unknown else {
            if configuration.failureModeDeny {
                return GlobalRateLimitOutcome(action: .failedClosed, status: 500, responseFlags: .rateLimitServiceError, xEnvoyRateLimited: false)
            }
            return GlobalRateLimitOutcome(action: .failedOpen, status: 0, responseFlags: [], xEnvoyRateLimited: false)
        }
        guard response.overallCode == .overLimit else {
            return GlobalRateLimitOutcome(action: .allowed, status: 0, responseFlags: [], xEnvoyRateLimited: false)
        }
        guard configuration.enforcing.evaluate(&random) else {
            return GlobalRateLimitOutcome(action: .overLimitNotEnforced, status: 0, responseFlags: [], xEnvoyRateLimited: false)
        }
        return GlobalRateLimitOutcome(
            action: .limited, status: configuration.rateLimitedStatus, responseFlags: .rateLimited,
            xEnvoyRateLimited: !configuration.disableXEnvoyRateLimitedHeader)
    }
}
