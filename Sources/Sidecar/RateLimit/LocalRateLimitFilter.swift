import EdgeProxy
import Infra
import SimKernel

/// The HTTP local rate limit filter's settings (`envoy.filters.http.local_ratelimit`).
public struct LocalRateLimitFilterConfiguration: Hashable, Sendable {
    public var limiter: LocalRateLimiterConfiguration
    /// Share of requests the filter looks at; nil (unset) is 0%: the filter does nothing.
    public var filterEnabled: FractionalPercent?
    /// Share of limited requests that are refused; nil (unset) is 0%: limits are only counted.
    public var filterEnforced: FractionalPercent?
    /// Status of the local reply; values below 400 mean 429.
    public var status: UInt16
    /// Add `x-ratelimit-limit`, `-remaining` and `-reset` to responses (DRAFT_VERSION_03).
    public var enableXRateLimitHeaders: Bool

    public init(
        limiter: LocalRateLimiterConfiguration,
        filterEnabled: FractionalPercent? = nil,
        filterEnforced: FractionalPercent? = nil,
        status: UInt16 = 429,
        enableXRateLimitHeaders: Bool = false
    ) {
        self.limiter = limiter
        self.filterEnabled = filterEnabled
        self.filterEnforced = filterEnforced
        self.status = status
        self.enableXRateLimitHeaders = enableXRateLimitHeaders
    }

    /// The status the local reply carries (`toErrorCode`).
    public var effectiveStatus: UInt16 { status < 400 ? 429 : status }
}

/// `<stat_prefix>.http_local_rate_limit.*` counters.
public struct LocalRateLimitStatistics: Hashable, Sendable {
    public var enabled: UInt64 = 0
    public var enforced: UInt64 = 0
    public var rateLimited: UInt64 = 0
    public var ok: UInt64 = 0

    public init() {}
}

/// What the filter does with a request.
public struct LocalRateLimitOutcome: Hashable, Sendable {
    public enum Action: Hashable, Sendable {
        /// The filter is not enabled for this request: it continues, untouched.
        case notEnabled
        /// Within the limit: the request continues.
        case allowed
        /// Over the limit but not enforced: the request continues, gaining
        /// `request_headers_to_add_when_not_enforced`.
        case limitedNotEnforced
        /// Over the limit and enforced: a local reply (`status`, body `local_rate_limited`,
        /// flag RL) and the request goes no further.
        case limitedEnforced
    }

    public var action: Action
    /// The local reply's status when `limitedEnforced`, else 0.
    public var status: UInt16
    public var responseFlags: ResponseFlags
    /// The bucket the `x-ratelimit-*` headers describe.
    public var bucket: LocalRateLimiter.BucketID?

    /// Whether the request goes on to the upstream.
    public var continues: Bool { action != .limitedEnforced }

    /// The body and details of the local reply.
    public static let localReplyBody = "local_rate_limited"
}

/// The HTTP local rate limit filter of one proxy: its limiter, runtime fractions and counters.
public struct LocalRateLimitFilter: Sendable {
    public let configuration: LocalRateLimitFilterConfiguration
    public private(set) var limiter: LocalRateLimiter
    public private(set) var statistics = LocalRateLimitStatistics()

    public init(_ configuration: LocalRateLimitFilterConfiguration, at now: SimTime) throws(LocalRateLimiterConfigurationError) {
        self.configuration = configuration
        self.limiter = try LocalRateLimiter(configuration.limiter, at: now)
    }

    /// This proxy's share of the limit (see `LocalRateLimiter.shareFactor`).
    public var shareFactor: Double {
        get { limiter.shareFactor }
        set { limiter.shareFactor = newValue }
    }

    /// `decodeHeaders`: decides a request carrying `descriptors` at `now`. Draws from `random`
    /// only for fractions strictly between 0% and 100%.
    public mutating func decide<R: EnvoyRandom>(_ descriptors: [RateLimitDescriptor], at now: SimTime, random: inout R) -> LocalRateLimitOutcome {
        guard configuration.filterEnabled?.evaluate(&random) ?? false else {
            return LocalRateLimitOutcome(action: .notEnabled, status: 0, responseFlags: [], bucket: nil)
        }
        statistics.enabled += 1
        return judge(limiter.requestAllowed(descriptors, at: now), random: &random)
    }

    /// `decide` for a request whose descriptors match at most one bucket, looked up beforehand
    /// with `limiter.bucket(matching:)`.
    public mutating func decide<R: EnvoyRandom>(matching bucket: LocalRateLimiter.BucketID?, at now: SimTime, random: inout R) -> LocalRateLimitOutcome {
        guard configuration.filterEnabled?.evaluate(&random) ?? false else {
            return LocalRateLimitOutcome(action: .notEnabled, status: 0, responseFlags: [], bucket: nil)
        }
        statistics.enabled += 1
        return judge(limiter.requestAllowed(matching: bucket, at: now), random: &random)
    }

    private mutating func judge<R: EnvoyRandom>(_ result: LocalRateLimiter.Result, random: inout R) -> LocalRateLimitOutcome {
        if result.allowed {
            statistics.ok += 1
            return LocalRateLimitOutcome(action: .allowed, status: 0, responseFlags: [], bucket: result.bucket)
        }
        statistics.rateLimited += 1
        guard configuration.filterEnforced?.evaluate(&random) ?? false else {
            return LocalRateLimitOutcome(action: .limitedNotEnforced, status: 0, responseFlags: [], bucket: result.bucket)
        }
        statistics.enforced += 1
        return LocalRateLimitOutcome(
            action: .limitedEnforced, status: configuration.effectiveStatus, responseFlags: .rateLimited, bucket: result.bucket)
    }

    /// `encodeHeaders`: the `x-ratelimit-*` values of the response to a request decided with
    /// `outcome`, sent at `now` (the local reply's own time when limited and enforced); nil
    /// when the headers are off or no bucket was consulted.
    public mutating func responseHeaders(for outcome: LocalRateLimitOutcome, at now: SimTime) -> LocalTokenBucketStatus? {
        guard configuration.enableXRateLimitHeaders, let bucket = outcome.bucket else { return nil }
        return limiter.status(of: bucket, at: now)
    }

    /// Starts the counters afresh (end of warm-up).
    public mutating func resetStatistics() {
        statistics = LocalRateLimitStatistics()
    }
}
