/// A rate-limit service configuration the service refuses to load, with its message.
public enum RateLimitServiceConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    case emptyDomain
    case duplicateDomain(String)
    case emptyKey
    /// Two descriptors of one level with the same `key` (and `value`); carries the full key.
    case duplicateCompositeKey(String)
    case unitWithUnlimited
    case invalidUnit(String)

    public var description: String {
        switch self {
        case .emptyDomain:
            return "config file cannot have empty domain"
        case let .duplicateDomain(domain):
            return "duplicate domain '\(domain)' in config file"
        case .emptyKey:
            return "descriptor has empty key"
        case let .duplicateCompositeKey(key):
            return "duplicate descriptor composite key '\(key)'"
        case .unitWithUnlimited:
            return "should not specify rate limit unit when unlimited"
        case let .invalidUnit(unit):
            return "invalid rate limit unit '\(unit)'"
        }
    }
}
