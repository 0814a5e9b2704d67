import SimKernel

/// Lifetime totals at the last series sample, to turn them into rates.
struct WorkerSeries {
    var time = SimTime.zero
    var deliveries: UInt64 = 0
    var duplicates: UInt64 = 0
    var busy = 0.0
    var live = 0.0
}

/// The worker pool's metrics under `provisioning.workers`, and its SDK clients' under
/// `sdk.provisioning-workers.dynamodb` and `sdk.provisioning-workers.sqs`.
extension ProvisioningWorkers {
    static let component = "provisioning.workers"

    func resetWorkerStatistics(at time: SimTime) {
        statistics.reset(at: time)
        dynamoDB.resetStatistics()
        sqs.resetStatistics()
    }

    private var duplicatesTotal: UInt64 { statistics.idempotentNoOps.total + statistics.conflicts.total }

    func reportWorkers(at time: SimTime, into table: inout MetricTable) {
        let c = ProvisioningWorkers.component
        let s = statistics
        table.append(c, "threads", "count", Double(threads.count))
        table.append(c, "deliveries", "count", Double(s.deliveries.sinceReset))
        table.append(c, "redeliveries", "count", Double(s.redeliveries.sinceReset))
        table.append(c, "duplicates_processed", "count", Double(s.idempotentNoOps.sinceReset + s.conflicts.sinceReset))
        table.append(c, "idempotent_noops", "count", Double(s.idempotentNoOps.sinceReset))
        table.append(c, "conflicts", "count", Double(s.conflicts.sinceReset))
        table.append(c, "deliveries_without_record", "count", Double(s.withoutRecord.sinceReset))
        table.append(c, "abandoned", "count", Double(s.abandoned.sinceReset))
        table.append(c, "deleted", "count", Double(s.deleted.sinceReset))
        table.append(c, "empty_receives", "count", Double(s.emptyReceives.sinceReset))
        table.append(c, "receive_errors", "count", Double(s.receiveErrors.sinceReset))
        table.append(c, "delete_errors", "count", Double(s.deleteErrors.sinceReset))
        table.append(c, "visibility_extensions", "count", Double(s.extensions.sinceReset))
        table.append(c, "visibility_extensions_too_late", "count", Double(s.lateExtensions.sinceReset))
        table.append(c, "messages_lost_in_crash", "count", Double(s.lostInCrash.sinceReset))
        table.append(c, "release_errors", "count", Double(s.releaseErrors.sinceReset))
        table.append(c, "threads_working_mean", "count", s.liveThreads.mean(at: time))
        let working = s.liveThreads.mean(at: time)
        table.append(c, "utilization", "ratio", working > 0 ? s.busyThreads.mean(at: time) / working : .nan)
        dynamoDB.report(into: &table)
        sqs.report(into: &table)
    }

    var workerSeriesKeys: [MetricKey] {
        let c = ProvisioningWorkers.component
        return [
            MetricKey(c, "deliveries", "per_s"), MetricKey(c, "duplicates_processed", "per_s"), MetricKey(c, "utilization", "ratio"),
            MetricKey(c, "threads_working", "count"),
        ] + dynamoDB.seriesKeys + sqs.seriesKeys
    }

    /// Rates and utilization over the interval ending at `time`.
    func sampleWorkers(at time: SimTime, into frame: inout [Double]) {
        let span = time - series.time
        let busy = statistics.busyThreads.integral(at: time)
        let live = statistics.liveThreads.integral(at: time)
        let working = (live - series.live) / Double(span.nanoseconds)
        frame.append(Double(statistics.deliveries.total - series.deliveries) / span.seconds)
        frame.append(Double(duplicatesTotal - series.duplicates) / span.seconds)
        frame.append(working > 0 ? (busy - series.busy) / Double(span.nanoseconds) / working : .nan)
        frame.append(working)
        series = WorkerSeries(time: time, deliveries: statistics.deliveries.total, duplicates: duplicatesTotal, busy: busy, live: live)
        dynamoDB.sample(at: time, into: &frame)
        sqs.sample(at: time, into: &frame)
    }
}
