import SimKernel

/// Envoy's per-cluster upstream statistics, summed over every proxy, reported as
/// `edge.cluster.<name>` with Envoy's stat names.
public final class ClusterStatistics: Component {
    public let name: String
    public var upstreamRequests = Counter()
    /// Upstream responses by status class: index 1 for 1xx ... 5 for 5xx; index 0 for streams
    /// the upstream reset (its host crashed while serving; refused connections are
    /// `connectFailures`).
    public var upstreamResponsesByClass = [Counter](repeating: Counter(), count: 6)
    public var retries = Counter()
    public var retryOverflow = Counter()
    public var retryLimitExceeded = Counter()
    public var timeouts = Counter()
    public var perTryTimeouts = Counter()
    public var pendingTotal = Counter()
    public var pendingOverflow = Counter()
    public var connectFailures = Counter()
    public var noHealthyUpstream = Counter()
    public var healthyPanic = Counter()
    public var upstreamTime = LatencyRecorder()
    /// Requests sent to each host, if the scenario asks for per-host statistics.
    public var perHostRequests: [Counter]?
    /// Outlier ejections enforced, by `OutlierDetector.Reason`.
    public var ejections = [Counter](repeating: Counter(), count: OutlierDetector.Reason.allCases.count)
    public var ejectionsNotEnforced = Counter()
    public var ejectionsOverflow = Counter()
    /// Hosts ejected right now, summed over the proxies.
    public var ejectionsActive = 0

    /// Counts an outlier decision.
    public func count(_ decision: OutlierDetector.Decision) {
        switch decision {
        case .ejected(let reason): ejections[reason.rawValue].increment()
        case .notEnforced: ejectionsNotEnforced.increment()
        case .overflow: ejectionsOverflow.increment()
        }
    }

    private var series = ClusterSeries()

    public init(name: String, hosts: Int, perHost: Bool) {
        self.name = name
        perHostRequests = perHost ? [Counter](repeating: Counter(), count: hosts) : nil
    }

    public override func resetStatistics(at time: SimTime) {
        upstreamRequests.reset()
        for index in upstreamResponsesByClass.indices { upstreamResponsesByClass[index].reset() }
        retries.reset()
        retryOverflow.reset()
        retryLimitExceeded.reset()
        timeouts.reset()
        perTryTimeouts.reset()
        pendingTotal.reset()
        pendingOverflow.reset()
        connectFailures.reset()
        noHealthyUpstream.reset()
        healthyPanic.reset()
        upstreamTime.reset()
        for index in ejections.indices { ejections[index].reset() }
        ejectionsNotEnforced.reset()
        ejectionsOverflow.reset()
        if perHostRequests != nil {
            for index in perHostRequests!.indices { perHostRequests![index].reset() }
        }
    }

    public override func report(at time: SimTime, into table: inout MetricTable) {
        let c = "edge.cluster.\(name)"
        table.append(c, "upstream_rq_total", "count", Double(upstreamRequests.sinceReset))
        for statusClass in 2...5 {
            table.append(c, "upstream_rq_\(statusClass)xx", "count", Double(upstreamResponsesByClass[statusClass].sinceReset))
        }
        table.append(c, "upstream_rq_reset", "count", Double(upstreamResponsesByClass[0].sinceReset))
        table.append(c, "upstream_rq_retry", "count", Double(retries.sinceReset))
        table.append(c, "upstream_rq_retry_overflow", "count", Double(retryOverflow.sinceReset))
        table.append(c, "upstream_rq_retry_limit_exceeded", "count", Double(retryLimitExceeded.sinceReset))
        table.append(c, "upstream_rq_timeout", "count", Double(timeouts.sinceReset))
        table.append(c, "upstream_rq_per_try_timeout", "count", Double(perTryTimeouts.sinceReset))
        table.append(c, "upstream_rq_pending_total", "count", Double(pendingTotal.sinceReset))
        table.append(c, "upstream_rq_pending_overflow", "count", Double(pendingOverflow.sinceReset))
        table.append(c, "upstream_cx_connect_fail", "count", Double(connectFailures.sinceReset))
        table.append(c, "upstream_cx_none_healthy", "count", Double(noHealthyUpstream.sinceReset))
        table.append(c, "lb_healthy_panic", "count", Double(healthyPanic.sinceReset))
        let names = ["consecutive_5xx", "consecutive_gateway_failure", "success_rate", "failure_percentage"]
        table.append(c, "outlier_detection_ejections_enforced_total", "count", Double(ejections.reduce(0) { $0 + $1.sinceReset }))
        for (index, reason) in names.enumerated() {
            table.append(c, "outlier_detection_ejections_enforced_\(reason)", "count", Double(ejections[index].sinceReset))
        }
        table.append(c, "outlier_detection_ejections_detected_not_enforced", "count", Double(ejectionsNotEnforced.sinceReset))
        table.append(c, "outlier_detection_ejections_overflow", "count", Double(ejectionsOverflow.sinceReset))
        table.append(c, "outlier_detection_ejections_active", "count", Double(ejectionsActive))
        table.append(c, "upstream_rq_time_mean", "ms", upstreamTime.mean * 1000)
        table.append(c, "upstream_rq_time_p50", "ms", upstreamTime.percentile(50) * 1000)
        table.append(c, "upstream_rq_time_p99", "ms", upstreamTime.percentile(99) * 1000)
        if let perHostRequests {
            for (host, counter) in perHostRequests.enumerated() {
                table.append("\(c).host.\(host)", "upstream_rq_total", "count", Double(counter.sinceReset))
            }
        }
    }

    public override var seriesKeys: [MetricKey] { ClusterSeries.keys(name) }

    public override func sample(at time: SimTime, into frame: inout [Double]) {
        series.sample(self, at: time, into: &frame)
    }
}

/// Interval samples of a cluster, by differencing lifetime totals.
struct ClusterSeries {
    private var previousTime = SimTime.zero
    private var previousRequests: UInt64 = 0
    private var previousErrors: UInt64 = 0
    private var previousRetries: UInt64 = 0
    private var previousTimeouts: UInt64 = 0
    private var previousCount: UInt64 = 0
    private var previousSum = 0.0

    static func keys(_ name: String) -> [MetricKey] {
        let c = "edge.cluster.\(name)"
        return [
            MetricKey(c, "upstream_rq", "per_s"), MetricKey(c, "upstream_rq_5xx", "per_s"), MetricKey(c, "upstream_rq_retry", "per_s"),
            MetricKey(c, "upstream_rq_timeout", "per_s"), MetricKey(c, "upstream_rq_time_mean", "ms"),
            MetricKey(c, "outlier_detection_ejections_active", "count"),
        ]
    }

    mutating func sample(_ c: ClusterStatistics, at now: SimTime, into frame: inout [Double]) {
        let span = (now - previousTime).seconds
        let requests = c.upstreamRequests.total
        let errors = c.upstreamResponsesByClass[5].total
        let retries = c.retries.total
        let timeouts = c.timeouts.total + c.perTryTimeouts.total
        let count = c.upstreamTime.lifetimeCount - previousCount
        frame.append(Double(requests - previousRequests) / span)
        frame.append(Double(errors - previousErrors) / span)
        frame.append(Double(retries - previousRetries) / span)
        frame.append(Double(timeouts - previousTimeouts) / span)
        frame.append(count > 0 ? (c.upstreamTime.lifetimeSum - previousSum) / Double(count) * 1000 : .nan)
        frame.append(Double(c.ejectionsActive))
        previousTime = now
        previousRequests = requests
        previousErrors = errors
        previousRetries = retries
        previousTimeouts = timeouts
        previousCount = c.upstreamTime.lifetimeCount
        previousSum = c.upstreamTime.lifetimeSum
    }
}
