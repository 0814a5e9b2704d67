/// The `x-ratelimit-*` response headers (DRAFT_VERSION_03) Envoy's global rate limit filter
/// builds from the service's descriptor statuses: the status with the fewest requests left
/// (the first among equals) gives `limit`, `remaining` and `reset`; `limit` then lists every
/// limit's quota policy `, <rpu>;w=<window seconds>[;name="<name>"]`.
public struct XRateLimitHeaders: Hashable, Sendable {
    /// `x-ratelimit-limit`.
    public var limit: String
    /// `x-ratelimit-remaining`.
    public var remaining: UInt32
    /// `x-ratelimit-reset`, seconds.
    public var reset: Int64

    public init(limit: String, remaining: UInt32, reset: Int64) {
        self.limit = limit
        self.remaining = remaining
        self.reset = reset
    }

    /// nil when no status carries a limit. Builds strings: call it for responses that report
    /// headers, not on every request.
    public init?(statuses: [RateLimitDescriptorStatus]) {
        var closest: RateLimitDescriptorStatus?
        var policies = ""
        for status in statuses {
            guard let current = status.currentLimit else { continue }
            if closest == nil || status.limitRemaining < closest!.limitRemaining {
                closest = status
            }
            policies += ", \(current.requestsPerUnit);w=\(current.unit.seconds)"
            if let name = current.name, !name.isEmpty {
                policies += ";name=\"\(name)\""
            }
        }
        guard let closest, let current = closest.currentLimit else { return nil }
        self.init(limit: "\(current.requestsPerUnit)" + policies, remaining: closest.limitRemaining, reset: closest.durationUntilReset ?? 0)
    }
}
