/// The service's counters for one limit (`<domain>.<key>.{total_hits,over_limit,...}`).
public struct RateLimitStatistics: Hashable, Sendable {
    public var totalHits: UInt64 = 0
    public var overLimit: UInt64 = 0
    public var nearLimit: UInt64 = 0
    public var withinLimit: UInt64 = 0
    public var shadowMode: UInt64 = 0
    public var overLimitWithLocalCache: UInt64 = 0

    public init() {}
}
