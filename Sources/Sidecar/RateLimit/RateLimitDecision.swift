/// How the service judges one counted descriptor (`BaseRateLimiter.GetResponseDescriptorStatus`):
/// OVER_LIMIT when the counter after the increment exceeds `requests_per_unit`, and how the
/// hits split between the within, near and over counters.
public struct RateLimitDecision: Hashable, Sendable {
    public var code: RateLimitResponse.Code
    public var limitRemaining: UInt32

    public init(code: RateLimitResponse.Code, limitRemaining: UInt32) {
        self.code = code
        self.limitRemaining = limitRemaining
    }

    /// The count from which hits are "near" the limit: `floor(rpu × ratio)`, in `Float` as the
    /// service computes it.
    public static func nearLimitThreshold(requestsPerUnit: UInt32, ratio: Float) -> UInt64 {
        UInt64(Double(Float(requestsPerUnit) * ratio).rounded(.down))
    }

    /// Judges a counter that went from `before` to `after` with `hits`, adding to `statistics`.
    /// `cachedOverLimit` is a key the local cache already knows to be over: no count, OVER_LIMIT.
    /// Shadow mode answers OK whatever the count, and counts what was over in `shadowMode`.
    public static func evaluate(
        requestsPerUnit: UInt32,
        before: UInt64,
        after: UInt64,
        hits: UInt64,
        nearLimitRatio: Float,
        shadowMode: Bool,
        cachedOverLimit: Bool = false,
        statistics: inout RateLimitStatistics
    ) -> RateLimitDecision {
        let threshold = UInt64(requestsPerUnit)
        var decision: RateLimitDecision
        var over = false
        if cachedOverLimit {
            over = true
            statistics.overLimit += hits
            statistics.overLimitWithLocalCache += hits
            decision = RateLimitDecision(code: .overLimit, limitRemaining: 0)
        } else {
            let near = nearLimitThreshold(requestsPerUnit: requestsPerUnit, ratio: nearLimitRatio)
            if after > threshold {
                over = true
                decision = RateLimitDecision(code: .overLimit, limitRemaining: 0)
                if before >= threshold {
                    statistics.overLimit += hits
                } else {
                    statistics.overLimit += after - threshold
                    let from = Swift.max(near, before)
                    statistics.nearLimit += threshold > from ? threshold - from : 0
                }
            } else {
                decision = RateLimitDecision(code: .ok, limitRemaining: UInt32(threshold - after))
                if after > near {
                    statistics.nearLimit += before >= near ? hits : after - near
                }
                statistics.withinLimit += hits
            }
        }
        if over, shadowMode {
            decision.code = .ok
            statistics.shadowMode += cachedOverLimit || before >= threshold ? hits : after - threshold
        }
        return decision
    }
}
