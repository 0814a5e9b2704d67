import SimKernel

/// Envoy's token bucket with continuous lazy refill (`AtomicTokenBucketImpl`, the local rate
/// limit's only bucket since Envoy 1.31).
///
/// The whole state is one instant: the time at which the bucket was, or will be, empty. The
/// tokens at `now` are `min(maxTokens, (now − emptyAt) × fillRate)`; consuming `k` tokens moves
/// that instant forward by `k / fillRate`. Nothing happens between requests, so a bucket costs
/// no events. Time is passed in, never read from a clock.
///
/// The instant is kept in integer nanoseconds, as Envoy's `time_in_nanoseconds_` version did
/// (spans converted with truncation); the newest Envoy keeps `Double` seconds instead, which
/// differs only below a nanosecond but turns exact boundaries (0.4 s − 0.1 s ≠ 0.3 s) into
/// spurious refusals. Token arithmetic is Envoy's, in `Double` and in Envoy's order, so
/// Envoy's vectors reproduce exactly.
public struct TokenBucket: Hashable, Sendable {
    /// The slowest refill Envoy allows: one token a year (365 days).
    public static let minimumFillRate = 1.0 / Double(365 * 24 * 60 * 60)

    public let maxTokens: Double
    /// Tokens per second: `|rate|`, at least `minimumFillRate`.
    public let fillRate: Double
    /// When the bucket holds no tokens (after consumption beyond the available tokens, a time
    /// in the future).
    public private(set) var emptyAt: SimTime

    /// A bucket refilled at `fillRate` tokens per second, full at `now` unless `full` is false
    /// (then empty at `now`).
    public init(maxTokens: UInt64, fillRate: Double = 1, at now: SimTime, full: Bool = true) {
        self.maxTokens = Double(maxTokens)
        self.fillRate = Swift.max(Swift.abs(fillRate), Self.minimumFillRate)
        self.emptyAt = full ? now - Self.span(self.maxTokens / self.fillRate) : now
    }

    /// The local rate limit's bucket: `tokensPerFill` tokens every `fillInterval`, spread
    /// evenly (`rate = tokens_per_fill / fill_interval`), full at `now`.
    public init(maxTokens: UInt64, tokensPerFill: UInt64, fillInterval: SimTime, at now: SimTime) {
        self.init(maxTokens: maxTokens, fillRate: Double(tokensPerFill) / fillInterval.seconds, at: now)
    }

    /// Tokens available at `now` (fractional; negative after over-consumption).
    public func remaining(at now: SimTime) -> Double {
        Swift.min(maxTokens, (now - emptyAt).seconds * fillRate)
    }

    /// Envoy's general consumption: `decide` receives the tokens available and returns how many
    /// to take (0 leaves the bucket untouched; a negative amount gives tokens back; more than
    /// available borrows from the future). Returns what `decide` returned.
    public mutating func consume(at now: SimTime, _ decide: (Double) -> Double) -> Double {
        let total = remaining(at: now)
        let consumed = decide(total)
        if consumed == 0 {
            return 0
        }
        emptyAt = now - Self.span((total - consumed) / fillRate)
        return consumed
    }

    /// Takes `tokens` if that many are available, else none (or, with `allowPartial`, as many
    /// whole tokens as there are). Returns the tokens taken.
    public mutating func consume(_ tokens: UInt64 = 1, allowPartial: Bool = false, at now: SimTime) -> UInt64 {
        let consumed = consume(at: now) { total in
            let wanted = Double(tokens)
            if total >= wanted {
                return wanted
            }
            return allowPartial ? Swift.max(0, total.rounded(.down)) : 0
        }
        return UInt64(consumed)
    }

    /// The local rate limiter's consumption: takes `cost` tokens (1 / share factor for one
    /// request) if at least that many are available. A refused request takes nothing.
    public mutating func consume(cost: Double, at now: SimTime) -> Bool {
        consume(at: now) { total in total < cost ? 0 : cost } != 0
    }

    /// Time from `now` until a whole token is available: zero when one is.
    public func nextTokenAvailable(at now: SimTime) -> SimTime {
        let available = remaining(at: now)
        if available >= 1 {
            return .zero
        }
        let nanoseconds = ((1 - available) / fillRate * 1e9).rounded(.up)
        return nanoseconds >= Self.longest ? SimTime(nanoseconds: Int64(Self.longest)) : SimTime(nanoseconds: Int64(nanoseconds))
    }

    /// `nextTokenAvailable` in whole milliseconds, rounded up.
    public func nextTokenAvailableMilliseconds(at now: SimTime) -> UInt64 {
        let wait = nextTokenAvailable(at: now).nanoseconds
        return UInt64(wait / 1_000_000 + (wait % 1_000_000 == 0 ? 0 : 1))
    }

    /// Spans are capped at about 146 years either way, so `now − emptyAt` cannot overflow.
    private static let longest = 4.6e18

    /// `seconds` as a span of time, truncated toward zero to whole nanoseconds.
    private static func span(_ seconds: Double) -> SimTime {
        let nanoseconds = seconds * 1e9
        if nanoseconds >= longest { return SimTime(nanoseconds: Int64(longest)) }
        if nanoseconds <= -longest { return SimTime(nanoseconds: -Int64(longest)) }
        return SimTime(nanoseconds: Int64(nanoseconds))
    }
}
