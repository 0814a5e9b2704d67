import Infra
import SimKernel

/// What all filter chains measure together, reported as `sidecar`, `sidecar.auth`,
/// `sidecar.ratelimit` and `sidecar.logging`.
public final class SidecarStatistics: Component {
    /// Each count with the component and metric it is reported as.
    enum Count: Int, CaseIterable {
        case requests, admitted
        case deniedInvalidToken, deniedAuthError, deniedLocal, deniedGlobal, deniedRateLimitError
        case cacheHits, cacheMisses, authCalls, authFailures, authFailedOpen
        case localAllowed, localLimitedNotEnforced
        case globalCalls, globalOverLimit, globalOverLimitNotEnforced, globalShadowOverLimit, globalFailures, globalFailedOpen
        case logBlocked

        var key: (component: String, metric: String) {
            switch self {
            case .requests: return ("sidecar", "requests")
            case .admitted: return ("sidecar", "admitted")
            case .deniedInvalidToken: return ("sidecar", "denied_invalid_token")
            case .deniedAuthError: return ("sidecar", "denied_auth_error")
            case .deniedLocal: return ("sidecar", "denied_local_rate_limit")
            case .deniedGlobal: return ("sidecar", "denied_global_rate_limit")
            case .deniedRateLimitError: return ("sidecar", "denied_rate_limit_service_error")
            case .cacheHits: return ("sidecar.auth", "cache_hits")
            case .cacheMisses: return ("sidecar.auth", "cache_misses")
            case .authCalls: return ("sidecar.auth", "service_calls")
            case .authFailures: return ("sidecar.auth", "service_failures")
            case .authFailedOpen: return ("sidecar.auth", "failed_open")
            case .localAllowed: return ("sidecar.ratelimit", "local_allowed")
            case .localLimitedNotEnforced: return ("sidecar.ratelimit", "local_limited_not_enforced")
            case .globalCalls: return ("sidecar.ratelimit", "service_calls")
            case .globalOverLimit: return ("sidecar.ratelimit", "service_over_limit")
            case .globalOverLimitNotEnforced: return ("sidecar.ratelimit", "service_over_limit_not_enforced")
            case .globalShadowOverLimit: return ("sidecar.ratelimit", "service_shadow_over_limit")
            case .globalFailures: return ("sidecar.ratelimit", "service_failures")
            case .globalFailedOpen: return ("sidecar.ratelimit", "failed_open")
            case .logBlocked: return ("sidecar.logging", "requests_blocked")
            }
        }

        static var zeros: [Counter] { [Counter](repeating: Counter(), count: allCases.count) }

        static let denials: [Count] = [.deniedInvalidToken, .deniedAuthError, .deniedLocal, .deniedGlobal, .deniedRateLimitError]
    }

    public let placement: SidecarPlacement
    /// Latency the chains added: from arrival to admission, plus the response's extra time.
    var addedLatency = LatencyRecorder()
    /// The chains, for CPU and logging figures summed at report time.
    var chains: [FilterChain] = []

    init(placement: SidecarPlacement) {
        self.placement = placement
    }

    /// A count since the warm-up, summed over the chains.
    func value(_ count: Count) -> UInt64 { chains.reduce(0) { $0 + $1.counts[count.rawValue].sinceReset } }

    /// A count since time zero, summed over the chains, for the series.
    private func total(_ count: Count) -> UInt64 { chains.reduce(0) { $0 + $1.counts[count.rawValue].total } }

    /// Totals at the previous sample: requests, denials, cache hits and lookups, latency count
    /// and sum, dropped log records.
    private var previous: (requests: UInt64, denied: UInt64, hits: UInt64, lookups: UInt64, latencies: UInt64, latencySum: Double, dropped: UInt64)
        = (0, 0, 0, 0, 0, 0, 0)
    private var previousSample = SimTime.zero

    public override var seriesKeys: [MetricKey] {
        [
            MetricKey("sidecar", "requests", "per_s"), MetricKey("sidecar", "denied", "per_s"),
            MetricKey("sidecar", "added_latency_mean", "ms"), MetricKey("sidecar.auth", "cache_hit_rate", "ratio"),
            MetricKey("sidecar.logging", "records_dropped", "per_s"),
        ]
    }

    /// Rates and means over the interval that ends at `time` (NaN where nothing happened).
    public override func sample(at time: SimTime, into frame: inout [Double]) {
        let span = (time - previousSample).seconds
        let requests = total(.requests)
        let denied = Count.denials.reduce(0) { $0 + total($1) }
        let hits = total(.cacheHits)
        let lookups = hits + total(.cacheMisses)
        let dropped = chains.reduce(0) { $0 + ($1.log?.dropped.total ?? 0) }
        frame.append(Double(requests - previous.requests) / span)
        frame.append(Double(denied - previous.denied) / span)
        let latencies = addedLatency.lifetimeCount - previous.latencies
        frame.append(latencies > 0 ? (addedLatency.lifetimeSum - previous.latencySum) / Double(latencies) * 1000 : .nan)
        frame.append(lookups > previous.lookups ? Double(hits - previous.hits) / Double(lookups - previous.lookups) : .nan)
        frame.append(Double(dropped - previous.dropped) / span)
        previous = (requests, denied, hits, lookups, addedLatency.lifetimeCount, addedLatency.lifetimeSum, dropped)
        previousSample = time
    }

    public override func resetStatistics(at time: SimTime) {
        addedLatency.reset()
    }

    public override func report(at time: SimTime, into table: inout MetricTable) {
        for count in Count.allCases {
            table.append(count.key.component, count.key.metric, "count", Double(value(count)))
        }
        table.append("sidecar", "denied", "count", Double(Count.denials.reduce(0) { $0 + value($1) }))
        table.append("sidecar", "added_latency_mean", "ms", addedLatency.mean * 1000)
        table.append("sidecar", "added_latency_p50", "ms", addedLatency.percentile(50) * 1000)
        table.append("sidecar", "added_latency_p99", "ms", addedLatency.percentile(99) * 1000)
        var busy = 0.0
        var servers = 0
        for chain in chains {
            busy += chain.cpuBusyMean(at: time)
            servers += chain.cpuServers
        }
        table.append("sidecar", "cpu_utilization", "ratio", servers > 0 ? busy / Double(servers) : .nan)
        table.append("sidecar", "cpu_cores_used_mean", "count", busy)
        let lookups = value(.cacheHits) + value(.cacheMisses)
        table.append("sidecar.auth", "cache_hit_rate", "ratio", lookups > 0 ? Double(value(.cacheHits)) / Double(lookups) : .nan)
        // Log records since the start of the run, so that the four counts add up: a record
        // produced in the warm-up may be written after it.
        var produced: UInt64 = 0, written: UInt64 = 0, dropped: UInt64 = 0, buffered = 0, inTransit = 0, flushes: UInt64 = 0
        for chain in chains {
            guard let log = chain.log else { continue }
            produced += log.produced.total
            written += log.written.total
            dropped += log.dropped.total
            buffered += log.buffered
            inTransit += log.inTransit
            flushes += log.flushes.sinceReset
        }
        table.append("sidecar.logging", "records_produced", "count", Double(produced))
        table.append("sidecar.logging", "records_written", "count", Double(written))
        table.append("sidecar.logging", "records_dropped", "count", Double(dropped))
        table.append("sidecar.logging", "records_buffered_end", "count", Double(buffered))
        table.append("sidecar.logging", "records_in_transit_end", "count", Double(inTransit))
        table.append("sidecar.logging", "flushes", "count", Double(flushes))
    }
}
