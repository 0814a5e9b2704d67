import SimKernel

/// The local rate limit's discrete bucket of Envoy 1.30 and earlier (`TimerTokenBucket`, kept
/// behind `no_timer_based_rate_limit_token_bucket=false` until the timer was removed): a whole
/// number of tokens, topped up by `tokensPerFill` (capped at `maxTokens`) each time the fill
/// timer fires. `LocalRateLimiter` fires it lazily, from the time elapsed, so it needs no events.
public struct TimerTokenBucket: Hashable, Sendable {
    public let maxTokens: UInt32
    public let tokensPerFill: UInt32
    public let fillInterval: SimTime
    public private(set) var tokens: UInt32
    /// When the bucket was last filled (its creation, before the first fill).
    public private(set) var fillTime: SimTime

    /// A full bucket at `now`.
    public init(maxTokens: UInt32, tokensPerFill: UInt32 = 1, fillInterval: SimTime, at now: SimTime) {
        self.maxTokens = maxTokens
        self.tokensPerFill = tokensPerFill
        self.fillInterval = fillInterval
        self.tokens = maxTokens
        self.fillTime = now
    }

    /// Tokens per second, for ordering descriptor buckets (`tokens_per_fill / fill_interval`).
    public var fillRate: Double { Double(tokensPerFill) / fillInterval.seconds }

    /// Takes one token if there is one.
    public mutating func consume() -> Bool {
        guard tokens > 0 else { return false }
        tokens -= 1
        return true
    }

    /// The fill timer fired `times` times, the last at `time`. Each fire adds
    /// `ceil(tokensPerFill × shareFactor)` tokens, capped at `maxTokens`.
    public mutating func fill(times: UInt64 = 1, shareFactor: Double = 1, at time: SimTime) {
        guard times > 0 else { return }
        let perFill = UInt64((Double(tokensPerFill) * shareFactor).rounded(.up))
        let (added, overflow) = perFill.multipliedReportingOverflow(by: times)
        let cap = UInt64(maxTokens)
        tokens = UInt32(overflow || added >= cap ? cap : Swift.min(cap, UInt64(tokens) + added))
        fillTime = time
    }

    /// Whole seconds until the next fill, as Envoy reports it (`remainingFillInterval`): the
    /// interval minus the whole seconds since the last fill, truncated; nil once a fill is due.
    public func remainingFillInterval(at now: SimTime) -> Int64? {
        let sinceFillMilliseconds = (now - fillTime).nanoseconds / 1_000_000
        let intervalMilliseconds = fillInterval.nanoseconds / 1_000_000
        if sinceFillMilliseconds >= intervalMilliseconds {
            return nil
        }
        return (intervalMilliseconds - sinceFillMilliseconds / 1_000 * 1_000) / 1_000
    }
}
