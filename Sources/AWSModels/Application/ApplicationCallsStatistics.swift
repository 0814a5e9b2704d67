import SimKernel

/// What an application's downstream calls measure, reported as `service.<name>.calls`.
struct ApplicationCallsStatistics {
    /// Calls started, to tables and services (table retries are the SDK's, counted under
    /// `sdk.<name>.dynamodb`).
    var calls = Counter()
    /// Calls that failed for good (the SDK gave up, or the other service answered 5xx, refused
    /// or reset): their requests were answered with the failure status.
    var failed = Counter()
    /// From the end of the application's own work to its answer, per request that reached
    /// the calls.
    var time = LatencyRecorder()
    /// Requests waiting on their calls.
    var inFlight = TimeWeightedValue()
}

extension ApplicationCalls {
    public var componentName: String { "service.\(service).calls" }

    func resetCalls(at time: SimTime) {
        statistics.calls.reset()
        statistics.failed.reset()
        statistics.time.reset()
        statistics.inFlight.reset(at: time)
        sdk.resetStatistics()
    }

    func reportCalls(at time: SimTime, into table: inout MetricTable) {
        let c = componentName
        table.append(c, "calls", "count", Double(statistics.calls.sinceReset))
        table.append(c, "failed", "count", Double(statistics.failed.sinceReset))
        table.append(c, "time_mean", "s", statistics.time.mean)
        table.append(c, "time_p50", "s", statistics.time.percentile(50))
        table.append(c, "time_p99", "s", statistics.time.percentile(99))
        table.append(c, "in_flight_mean", "count", statistics.inFlight.mean(at: time))
        sdk.report(into: &table)
    }

    var callSeriesKeys: [MetricKey] {
        [MetricKey(componentName, "calls", "per_s"), MetricKey(componentName, "failed", "per_s"), MetricKey(componentName, "in_flight", "count")]
            + sdk.seriesKeys
    }

    func sampleCalls(at time: SimTime, into frame: inout [Double]) {
        let span = (time - series.time).seconds
        frame.append(Double(statistics.calls.total - series.calls) / span)
        frame.append(Double(statistics.failed.total - series.failed) / span)
        frame.append(statistics.inFlight.value)
        series = (time, statistics.calls.total, statistics.failed.total)
        sdk.sample(at: time, into: &frame)
    }
}
