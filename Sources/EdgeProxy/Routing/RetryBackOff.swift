import SimKernel

/// Envoy's `JitteredExponentialBackOffStrategy`, the back-off between retries.
///
/// Intervals run `I(1) = base`, `I(n+1) = I(n) < max/2 ? 2·I(n) : max`; the n-th back-off is
/// `random() % I(n)` milliseconds, so uniform in `[0, min(base·2^(n−1), max))`. (Envoy's docs
/// still describe the older `[0, (2^n − 1)·base)`; the code and its tests do this.)
public struct RetryBackOff: Sendable, Equatable {
    public private(set) var baseMilliseconds: UInt64
    public let maxMilliseconds: UInt64
    /// The interval the next back-off is drawn from.
    public private(set) var nextIntervalMilliseconds: UInt64

    public init(baseMilliseconds: UInt64, maxMilliseconds: UInt64) {
        precondition(baseMilliseconds > 0, "the back-off base must be positive")
        precondition(baseMilliseconds <= maxMilliseconds, "the back-off base must not exceed the maximum")
        self.baseMilliseconds = baseMilliseconds
        self.maxMilliseconds = maxMilliseconds
        self.nextIntervalMilliseconds = baseMilliseconds
    }

    /// The next back-off in milliseconds (`nextBackOffMs`): draws one `random()`.
    public mutating func nextMilliseconds<R: EnvoyRandom>(random: inout R) -> UInt64 {
        let interval = nextIntervalMilliseconds
        nextIntervalMilliseconds = interval < maxMilliseconds / 2 ? interval * 2 : maxMilliseconds
        return random.random() % interval
    }

    /// The next back-off as a duration.
    public mutating func next<R: EnvoyRandom>(random: inout R) -> SimTime {
        .milliseconds(Int64(clamping: nextMilliseconds(random: &random)))
    }

    /// Starts the sequence over from the base interval.
    public mutating func reset() {
        nextIntervalMilliseconds = baseMilliseconds
    }

    /// Starts over from a new base interval (`reset(base_interval)`).
    public mutating func reset(baseMilliseconds: UInt64) {
        precondition(baseMilliseconds > 0, "the back-off base must be positive")
        self.baseMilliseconds = baseMilliseconds
        reset()
    }
}
