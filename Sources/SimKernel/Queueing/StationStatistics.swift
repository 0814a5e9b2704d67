/// What a `Station` measures: counts, time-weighted occupancy and the waits and sojourns of
/// its jobs. Waits are recorded when service starts, sojourns when it ends.
public struct StationStatistics: Sendable {
    public var arrivals = Counter()
    public var rejections = Counter()
    public var completions = Counter()
    public var jobsInSystem = TimeWeightedValue()
    public var queueLength = TimeWeightedValue()
    public var busyServers = TimeWeightedValue()
    public var waits: LatencyRecorder
    public var sojourns: LatencyRecorder
    /// Jobs present when measurement began, for the conservation identity.
    public private(set) var jobsAtReset = 0
    public private(set) var resetTime = SimTime.zero

    public init(percentiles: Bool) {
        waits = LatencyRecorder(percentiles: percentiles)
        sojourns = LatencyRecorder(percentiles: percentiles)
    }

    public mutating func reset(at now: SimTime, jobsInSystem present: Int) {
        arrivals.reset()
        rejections.reset()
        completions.reset()
        jobsInSystem.reset(at: now)
        queueLength.reset(at: now)
        busyServers.reset(at: now)
        waits.reset()
        sojourns.reset()
        jobsAtReset = present
        resetTime = now
    }

    /// Appends the station's metrics under `component`, measured from the last reset to `now`.
    public func report(_ component: String, servers: Int, at now: SimTime, into table: inout MetricTable) {
        let span = (now - resetTime).seconds
        let arrived = arrivals.sinceReset
        table.append(component, "arrivals", "count", Double(arrived))
        table.append(component, "rejections", "count", Double(rejections.sinceReset))
        table.append(component, "completions", "count", Double(completions.sinceReset))
        table.append(component, "in_system_start", "count", Double(jobsAtReset))
        table.append(component, "in_system_end", "count", jobsInSystem.value)
        table.append(component, "throughput", "per_s", span > 0 ? Double(completions.sinceReset) / span : .nan)
        table.append(component, "blocking_probability", "ratio", arrived > 0 ? Double(rejections.sinceReset) / Double(arrived) : .nan)
        table.append(component, "utilization", "ratio", busyServers.mean(at: now) / Double(servers))
        table.append(component, "number_in_system_mean", "jobs", jobsInSystem.mean(at: now))
        table.append(component, "queue_length_mean", "jobs", queueLength.mean(at: now))
        table.append(component, "wait_mean", "s", waits.mean)
        table.append(component, "wait_p50", "s", waits.percentile(50))
        table.append(component, "wait_p95", "s", waits.percentile(95))
        table.append(component, "wait_p99", "s", waits.percentile(99))
        table.append(component, "sojourn_mean", "s", sojourns.mean)
        table.append(component, "sojourn_p50", "s", sojourns.percentile(50))
        table.append(component, "sojourn_p95", "s", sojourns.percentile(95))
        table.append(component, "sojourn_p99", "s", sojourns.percentile(99))
    }
}

/// Fixed-interval samples of a station: each value describes the interval since the
/// previous sample, computed by differencing the never-reset lifetime totals.
public struct StationSeries: Sendable {
    private var previousTime = SimTime.zero
    private var previousArrivals: UInt64 = 0
    private var previousCompletions: UInt64 = 0
    private var previousJobs: Double = 0
    private var previousBusy: Double = 0
    private var previousWaitCount: UInt64 = 0
    private var previousWaitSum: Double = 0

    public init() {}

    public static func keys(_ component: String) -> [MetricKey] {
        [
            MetricKey(component, "arrival_rate", "per_s"),
            MetricKey(component, "throughput", "per_s"),
            MetricKey(component, "number_in_system_mean", "jobs"),
            MetricKey(component, "utilization", "ratio"),
            MetricKey(component, "wait_mean", "s"),
        ]
    }

    public mutating func sample(_ station: Station, at now: SimTime, into frame: inout [Double]) {
        let statistics = station.statistics
        let span = (now - previousTime).seconds
        let jobs = statistics.jobsInSystem.integral(at: now)
        let busy = statistics.busyServers.integral(at: now)
        let spanNanoseconds = Double((now - previousTime).nanoseconds)
        let waitCount = statistics.waits.lifetimeCount - previousWaitCount
        frame.append(Double(statistics.arrivals.total - previousArrivals) / span)
        frame.append(Double(statistics.completions.total - previousCompletions) / span)
        frame.append((jobs - previousJobs) / spanNanoseconds)
        frame.append((busy - previousBusy) / spanNanoseconds / Double(station.servers))
        frame.append(waitCount > 0 ? (statistics.waits.lifetimeSum - previousWaitSum) / Double(waitCount) : .nan)
        previousTime = now
        previousArrivals = statistics.arrivals.total
        previousCompletions = statistics.completions.total
        previousJobs = jobs
        previousBusy = busy
        previousWaitCount = statistics.waits.lifetimeCount
        previousWaitSum = statistics.waits.lifetimeSum
    }
}
