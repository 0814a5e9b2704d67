/// A local rate limit configuration Envoy rejects, with Envoy's message.
public enum LocalRateLimiterConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The default bucket's `fill_interval` is under 50 ms.
    case fillIntervalTooShort
    /// A descriptor bucket's `fill_interval` is under 50 ms (newer Envoy).
    case descriptorFillIntervalTooShort
    /// A descriptor's `fill_interval` is not a multiple of the default bucket's (Envoy 1.3x).
    case descriptorIntervalNotMultiple
    /// Two descriptors list the same entries.
    case duplicateDescriptor(String)
    /// The timer-based refill needs a default bucket: its timer runs at that bucket's interval.
    case timerWithoutDefaultBucket

    public var description: String {
        switch self {
        case .fillIntervalTooShort:
            return "local rate limit token bucket fill timer must be >= 50ms"
        case .descriptorFillIntervalTooShort:
            return "local rate limit descriptor token bucket fill timer must be >= 50ms"
        case .descriptorIntervalNotMultiple:
            return "local rate descriptor limit is not a multiple of token bucket fill timer"
        case let .duplicateDescriptor(descriptor):
            return "duplicate descriptor in the local rate descriptor: \(descriptor)"
        case .timerWithoutDefaultBucket:
            return "the timer-based local rate limit needs a default token bucket (its fill timer)"
        }
    }
}
