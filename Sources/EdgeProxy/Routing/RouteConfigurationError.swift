/// A route configuration Envoy would reject (or, for `retry_on`, one the simulator refuses to
/// guess about). Thrown while the configuration is built, never while requests are matched.
public enum RouteConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two virtual hosts (or one twice) list the same domain, after lower-casing.
    case duplicateDomain(domain: String, virtualHost: String, firstVirtualHost: String)
    /// A second virtual host claims the default domain `*`.
    case duplicateDefaultVirtualHost(virtualHost: String, firstVirtualHost: String)
    /// A virtual host lists no domains at all.
    case noDomains(virtualHost: String)
    /// A domain is the empty string.
    case emptyDomain(virtualHost: String)
    /// A regular expression does not compile.
    case invalidRegex(pattern: String, reason: String)
    /// A route names no cluster.
    case emptyClusterName
    /// `weighted_clusters` without clusters.
    case noWeightedClusters
    /// The weights of `weighted_clusters` sum to zero.
    case zeroTotalWeight
    /// The weights of `weighted_clusters` sum past 2^32 − 1.
    case totalWeightOverflow(total: UInt64)
    /// A negative duration where Envoy needs a non-negative one.
    case negativeDuration(field: String)
    /// `retry_back_off.base_interval` must be positive.
    case nonPositiveBaseInterval
    /// `retry_back_off.max_interval`, when set, must be positive.
    case nonPositiveMaxInterval
    /// `retry_back_off.max_interval` must be at least `base_interval`.
    case maxIntervalBelowBaseInterval
    /// A `retry_on` condition Envoy does not know.
    case unknownRetryOn(String)
    /// A `retry_on` condition Envoy knows that the simulator does not model (gRPC statuses,
    /// `retriable-headers`, `http3-post-connect-failure`).
    case unsupportedRetryOn(String)

    public var description: String {
        switch self {
        case let .duplicateDomain(domain, virtualHost, firstVirtualHost):
            if virtualHost == firstVirtualHost {
                return "domain '\(domain)' is listed twice in virtual host '\(virtualHost)'; domains must be unique"
            }
            return "domain '\(domain)' of virtual host '\(virtualHost)' is already used by virtual host "
                + "'\(firstVirtualHost)'; domains must be unique across virtual hosts"
        case let .duplicateDefaultVirtualHost(virtualHost, firstVirtualHost):
            return "virtual host '\(virtualHost)' claims the wildcard domain '*', already claimed by virtual host "
                + "'\(firstVirtualHost)'; only a single wildcard domain is permitted"
        case let .noDomains(virtualHost):
            return "virtual host '\(virtualHost)' lists no domains; at least one is required"
        case let .emptyDomain(virtualHost):
            return "virtual host '\(virtualHost)' lists an empty domain"
        case let .invalidRegex(pattern, reason):
            return "invalid regular expression '\(pattern)': \(reason)"
        case .emptyClusterName:
            return "a route's cluster name is empty"
        case .noWeightedClusters:
            return "weighted_clusters lists no clusters"
        case .zeroTotalWeight:
            return "the weights of weighted_clusters sum to 0; the sum must be greater than 0"
        case let .totalWeightOverflow(total):
            return "the weights of weighted_clusters sum to \(total), more than \(UInt32.max)"
        case let .negativeDuration(field):
            return "\(field) must not be negative"
        case .nonPositiveBaseInterval:
            return "retry_back_off.base_interval must be greater than 0"
        case .nonPositiveMaxInterval:
            return "retry_back_off.max_interval must be greater than 0"
        case .maxIntervalBelowBaseInterval:
            return "retry_back_off.max_interval must be greater than or equal to base_interval"
        case let .unknownRetryOn(token):
            return "unknown retry_on condition '\(token)'; known: \(RetryOn.names.map(\.name).joined(separator: ", "))"
        case let .unsupportedRetryOn(token):
            return "retry_on condition '\(token)' is not modelled by the simulator"
        }
    }
}
