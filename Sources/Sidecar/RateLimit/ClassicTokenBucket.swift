import SimKernel

/// Envoy's single-threaded token bucket (`TokenBucketImpl`): a token count refilled lazily,
/// on each consumption, by the time elapsed since the previous refill. Envoy still uses it for
/// HTTP/2 and connection limits; its `nextTokenAvailable` is the coarse `ceil(1000 / rate)` ms.
public struct ClassicTokenBucket: Hashable, Sendable {
    public let maxTokens: Double
    /// Tokens per second: `|rate|`, at least `TokenBucket.minimumFillRate`.
    public let fillRate: Double
    /// Tokens after the last refill.
    public private(set) var tokens: Double
    public private(set) var lastFill: SimTime

    /// A full bucket at `now`.
    public init(maxTokens: UInt64, fillRate: Double = 1, at now: SimTime) {
        self.maxTokens = Double(maxTokens)
        self.fillRate = Swift.max(Swift.abs(fillRate), TokenBucket.minimumFillRate)
        self.tokens = self.maxTokens
        self.lastFill = now
    }

    /// Takes `tokens` if that many are available, else none; with `allowPartial`, as many
    /// whole tokens as there are. Returns the tokens taken.
    public mutating func consume(_ tokens: UInt64 = 1, allowPartial: Bool = false, at now: SimTime) -> UInt64 {
        if self.tokens < maxTokens {
            self.tokens = Swift.min((now - lastFill).seconds * fillRate + self.tokens, maxTokens)
            lastFill = now
        }
        var wanted = tokens
        if allowPartial {
            wanted = Swift.min(wanted, UInt64(self.tokens.rounded(.down)))
        }
        if self.tokens < Double(wanted) {
            return 0
        }
        self.tokens -= Double(wanted)
        return wanted
    }

    /// Milliseconds until a token is available, as of the last consumption: 0 when one is,
    /// else `ceil(1000 / fillRate)`.
    public var nextTokenAvailableMilliseconds: UInt64 {
        if tokens >= 1 {
            return 0
        }
        return UInt64(((1 / fillRate) * 1000).rounded(.up))
    }

    /// Sets the bucket to `tokens` (at most `maxTokens`) at `now` (`maybeReset`).
    public mutating func reset(to tokens: UInt64, at now: SimTime) {
        precondition(Double(tokens) <= maxTokens, "a token bucket cannot be reset above its maximum")
        self.tokens = Double(tokens)
        lastFill = now
    }
}
