import SimKernel

/// The SDK clients of one role, one per process (each API instance, each worker process has
/// its own client and so its own retry quota), reported together under one component name
/// such as `sdk.provisioning-api.dynamodb`.
public final class SDKClientGroup {
    public let component: String
    public let clients: [SDKClient]
    private var previousSample = SimTime.zero
    private var previousAttempts: UInt64 = 0
    private var previousRetries: UInt64 = 0
    private var previousThrottles: UInt64 = 0

    /// `count` clients with `policy`, each drawing its jitter from `<component>.<i>/jitter`.
    public init(component: String, count: Int, policy: SDKRetryPolicy, streams: RandomStreams) {
        self.component = component
        clients = (0..<count).map { SDKClient(policy: policy, random: streams.stream("\(component).\($0)/jitter")) }
    }

    public subscript(process: Int) -> SDKClient { clients[process] }

    public func resetStatistics() {
        for client in clients { client.resetStatistics() }
    }

    /// The sum of a count over the clients, since the warm-up.
    public func total(_ counter: KeyPath<SDKClientStatistics, Counter>) -> UInt64 {
        clients.reduce(0) { $0 + $1.statistics[keyPath: counter].sinceReset }
    }

    private func lifetime(_ counter: KeyPath<SDKClientStatistics, Counter>) -> UInt64 {
        clients.reduce(0) { $0 + $1.statistics[keyPath: counter].total }
    }

    public func report(into table: inout MetricTable) {
        let c = component
        table.append(c, "clients", "count", Double(clients.count))
        table.append(c, "requests", "count", Double(total(\.requests)))
        table.append(c, "attempts", "count", Double(total(\.attempts)))
        table.append(c, "retries", "count", Double(total(\.retries)))
        table.append(c, "requests_succeeded", "count", Double(total(\.succeeded)))
        table.append(c, "requests_failed_non_retryable", "count", Double(total(\.failedNonRetryable)))
        table.append(c, "requests_failed_attempts_exhausted", "count", Double(total(\.failedAttemptsExhausted)))
        table.append(c, "retry_quota_exhausted", "count", Double(total(\.failedQuotaExhausted)))
        table.append(c, "throttles_seen", "count", Double(total(\.throttles)))
        let policy = clients[0].policy
        if policy.quota != nil {
            let available = clients.map { Double($0.quotaAvailable ?? 0) }
            table.append(c, "retry_quota_available_min", "tokens", available.min() ?? .nan)
        }
        if policy.rateLimiter != nil {
            table.append(c, "rate_limited_attempts", "count", Double(total(\.rateLimited)))
        }
    }

    public var seriesKeys: [MetricKey] {
        var keys = [
            MetricKey(component, "attempts", "per_s"), MetricKey(component, "retries", "per_s"),
            MetricKey(component, "throttles_seen", "per_s"),
        ]
        if clients[0].policy.quota != nil { keys.append(MetricKey(component, "retry_quota_available_min", "tokens")) }
        return keys
    }

    /// Rates over the interval ending at `time`, and the emptiest quota at `time`.
    public func sample(at time: SimTime, into frame: inout [Double]) {
        let span = (time - previousSample).seconds
        let attempts = lifetime(\.attempts)
        let retries = lifetime(\.retries)
        let throttles = lifetime(\.throttles)
        frame.append(Double(attempts - previousAttempts) / span)
        frame.append(Double(retries - previousRetries) / span)
        frame.append(Double(throttles - previousThrottles) / span)
        if clients[0].policy.quota != nil {
            var lowest = Int.max
            for client in clients { lowest = min(lowest, client.quotaAvailable ?? 0) }
            frame.append(Double(lowest))
        }
        previousSample = time
        previousAttempts = attempts
        previousRetries = retries
        previousThrottles = throttles
    }
}
