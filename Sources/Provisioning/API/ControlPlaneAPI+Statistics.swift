import SimKernel

/// Lifetime totals at the last series sample, to turn them into rates.
struct ControlPlaneSeries {
    var time = SimTime.zero
    var requests: UInt64 = 0
    var timeouts: UInt64 = 0
    var inFlight = 0.0
    var busy = 0.0
}

/// The API's metrics under `provisioning.api`, and its SDK clients' under
/// `sdk.provisioning-api.dynamodb` and `sdk.provisioning-api.sqs`.
extension ControlPlaneAPI {
    static let component = "provisioning.api"

    func resetAPIStatistics(at time: SimTime) {
        statistics.reset(at: time)
        for index in stations.indices { stations[index].resetStatistics(at: time) }
        dynamoDB.resetStatistics()
        sqs.resetStatistics()
    }

    private var threadCount: Double { Double(stations.count * configuration.api.threads) }

    func reportAPI(at time: SimTime, into table: inout MetricTable) {
        let c = ControlPlaneAPI.component
        let s = statistics
        table.append(c, "instances", "count", Double(stations.count))
        table.append(c, "threads", "count", threadCount)
        table.append(c, "requests", "count", Double(s.requests.sinceReset))
        table.append(c, "accepted", "count", Double(s.accepted.sinceReset))
        table.append(c, "rejected_overloaded", "count", Double(s.overloaded.sinceReset))
        table.append(c, "conflicts", "count", Double(s.conflicts.sinceReset))
        table.append(c, "errors", "count", Double(s.errors.sinceReset))
        table.append(c, "client_timeouts", "count", Double(s.timeouts.sinceReset))
        table.append(c, "answers_after_timeout", "count", Double(s.lateAnswers.sinceReset))
        table.append(c, "latency_mean", "s", s.latency.mean)
        for p in [50.0, 95, 99] {
            table.append(c, "latency_p\(Int(p))", "s", s.latency.percentile(p))
        }
        table.append(c, "wait_mean", "s", s.waits.mean)
        var busy = 0.0
        for station in stations { busy += station.statistics.busyServers.mean(at: time) }
        table.append(c, "utilization", "ratio", busy / threadCount)
        table.append(c, "in_flight_mean", "count", s.inFlight.mean(at: time))
        table.append(c, "in_flight_end", "count", s.inFlight.value)
        dynamoDB.report(into: &table)
        sqs.report(into: &table)
    }

    var apiSeriesKeys: [MetricKey] {
        let c = ControlPlaneAPI.component
        return [
            MetricKey(c, "requests", "per_s"), MetricKey(c, "client_timeouts", "per_s"),
            MetricKey(c, "utilization", "ratio"), MetricKey(c, "in_flight", "count"),
        ] + dynamoDB.seriesKeys + sqs.seriesKeys
    }

    /// Rates and means over the interval ending at `time`.
    func sampleAPI(at time: SimTime, into frame: inout [Double]) {
        let span = time - series.time
        let inFlight = statistics.inFlight.integral(at: time)
        var busy = 0.0
        for station in stations { busy += station.statistics.busyServers.integral(at: time) }
        frame.append(Double(statistics.requests.total - series.requests) / span.seconds)
        frame.append(Double(statistics.timeouts.total - series.timeouts) / span.seconds)
        frame.append((busy - series.busy) / Double(span.nanoseconds) / threadCount)
        frame.append((inFlight - series.inFlight) / Double(span.nanoseconds))
        series = ControlPlaneSeries(
            time: time, requests: statistics.requests.total, timeouts: statistics.timeouts.total, inFlight: inFlight, busy: busy)
        dynamoDB.sample(at: time, into: &frame)
        sqs.sample(at: time, into: &frame)
    }
}
