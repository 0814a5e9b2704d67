/// The service's settings (its environment variables) that change answers.
public struct RateLimitServiceOptions: Hashable, Sendable {
    /// Unix seconds at simulated time zero: windows align to Unix time, so this places the
    /// simulation's start within the minute, hour and day.
    public var unixEpochOffset: Int64
    /// `NEAR_LIMIT_RATIO`: share of a limit from which hits count as near it.
    public var nearLimitRatio: Float
    /// A local cache of keys found over their limit (`LOCAL_CACHE_SIZE_IN_BYTES` > 0): later
    /// requests in the window are answered OVER_LIMIT without being counted.
    public var localCache: Bool
    /// `SHADOW_MODE`: every overall answer is OK (descriptor statuses are unchanged).
    public var globalShadowMode: Bool
    /// `CACHE_KEY_PREFIX`, only for `cacheKey`.
    public var cacheKeyPrefix: String

    public init(
        unixEpochOffset: Int64 = 0,
        nearLimitRatio: Float = 0.8,
        localCache: Bool = false,
        globalShadowMode: Bool = false,
        cacheKeyPrefix: String = ""
    ) {
        self.unixEpochOffset = unixEpochOffset
        self.nearLimitRatio = nearLimitRatio
        self.localCache = localCache
        self.globalShadowMode = globalShadowMode
        self.cacheKeyPrefix = cacheKeyPrefix
    }
}
