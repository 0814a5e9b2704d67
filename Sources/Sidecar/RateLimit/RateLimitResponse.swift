/// The rate-limit service's answer (`RateLimitResponse`).
public struct RateLimitResponse: Hashable, Sendable {
    public enum Code: UInt8, Hashable, Sendable {
        /// The call failed (no domain, no descriptors): Envoy treats it as an error.
        case unknown = 0
        case ok = 1
        case overLimit = 2
    }

    /// OVER_LIMIT when any descriptor is over its limit (unless the service runs in global
    /// shadow mode).
    public var overallCode: Code
    /// One status per request descriptor, in order.
    public var statuses: [RateLimitDescriptorStatus]

    public init(overallCode: Code = .unknown, statuses: [RateLimitDescriptorStatus] = []) {
        self.overallCode = overallCode
        self.statuses = statuses
    }
}

/// The answer for one descriptor (`RateLimitResponse.DescriptorStatus`).
public struct RateLimitDescriptorStatus: Hashable, Sendable {
    public var code: RateLimitResponse.Code
    /// The limit that applied; nil when none did (or it is unlimited).
    public var currentLimit: RateLimitCurrentLimit?
    /// Requests left in the window (0 when over; `UInt32.max` when unlimited).
    public var limitRemaining: UInt32
    /// Whole seconds until the window ends; nil without a limit.
    public var durationUntilReset: Int64?

    public init(code: RateLimitResponse.Code, currentLimit: RateLimitCurrentLimit? = nil, limitRemaining: UInt32 = 0, durationUntilReset: Int64? = nil) {
        self.code = code
        self.currentLimit = currentLimit
        self.limitRemaining = limitRemaining
        self.durationUntilReset = durationUntilReset
    }
}

/// A limit as a status reports it (`RateLimitResponse.RateLimit`).
public struct RateLimitCurrentLimit: Hashable, Sendable {
    public var requestsPerUnit: UInt32
    public var unit: RateLimitUnit
    public var name: String?

    public init(requestsPerUnit: UInt32, unit: RateLimitUnit, name: String? = nil) {
        self.requestsPerUnit = requestsPerUnit
        self.unit = unit
        self.name = name
    }
}
