import AWSModels
import SimKernel

/// The workflow as a whole, reported as `provisioning`: how the cohort of sign-ups since the
/// warm-up ended, time to ready, and the key figures of its parts (duplicates, no-ops,
/// dead letters, throttles, retries, worker utilization) in one place.
public final class ProvisioningStatistics: Component {
    private let ledger: TenantLedger
    private let effects: StepEffects
    private let table: DynamoDBTable
    private let queue: SQSQueue
    private var api: ControlPlaneAPI?
    private var workers: ProvisioningWorkers?
    private var series = Marks()

    private struct Marks {
        var time = SimTime.zero
        var signups: UInt64 = 0
        var ready: UInt64 = 0
        var failed: UInt64 = 0
        var readyCount: UInt64 = 0
        var readySum = 0.0
    }

    public static let component = "provisioning"

    public init(ledger: TenantLedger, effects: StepEffects, table: DynamoDBTable, queue: SQSQueue) {
        self.ledger = ledger
        self.effects = effects
        self.table = table
        self.queue = queue
    }

    /// The parts whose figures the summary repeats; they are built after this component, so
    /// that `provisioning` comes first in the reports.
    public func summarize(api: ControlPlaneAPI, workers: ProvisioningWorkers) {
        self.api = api
        self.workers = workers
    }

    public override func resetStatistics(at time: SimTime) {
        ledger.resetStatistics()
        effects.resetStatistics()
    }

    public override func report(at time: SimTime, into metrics: inout MetricTable) {
        let c = ProvisioningStatistics.component
        metrics.append(c, "signups", "count", Double(ledger.cohortSignups))
        metrics.append(c, "ready", "count", Double(ledger.cohortCount(.ready)))
        metrics.append(c, "failed", "count", Double(ledger.cohortCount(.failed)))
        metrics.append(c, "rejected", "count", Double(ledger.cohortCount(.rejected)))
        metrics.append(c, "orphaned", "count", Double(ledger.cohortCount(.orphaned)))
        metrics.append(c, "in_progress_end", "count", Double(ledger.cohortCount(.inProgress)))
        let ready = ledger.timeToReady
        metrics.append(c, "time_to_ready_mean", "s", ready.mean)
        for p in [50.0, 95, 99] {
            metrics.append(c, "time_to_ready_p\(Int(p))", "s", ready.percentile(p))
        }
        metrics.append(c, "step_executions", "count", Double(effects.executions.sinceReset))
        metrics.append(c, "step_failures", "count", Double(effects.failedRuns.sinceReset))
        metrics.append(c, "step_noops", "count", Double(effects.keyedNoOps.sinceReset))
        metrics.append(c, "duplicate_effects", "count", Double(effects.duplicateEffects.sinceReset))
        metrics.append(c, "tenants_with_duplicate_effects", "count", Double(effects.tenantsWithDuplicateEffects.sinceReset))
        if let workers {
            let s = workers.statistics
            metrics.append(c, "duplicates_processed", "count", Double(s.idempotentNoOps.sinceReset + s.conflicts.sinceReset))
            metrics.append(c, "idempotent_noops", "count", Double(s.idempotentNoOps.sinceReset))
            metrics.append(c, "worker_utilization", "ratio", s.busyThreads.mean(at: time) / Double(workers.threads.count))
        }
        metrics.append(c, "dead_lettered", "count", Double(queue.statistics.deadLettered.sinceReset))
        metrics.append(c, "dynamodb_throttles", "count", Double(table.statistics.throttledRequests.sinceReset))
        if let api, let workers {
            let groups = [api.dynamoDB, api.sqs, workers.dynamoDB, workers.sqs]
            metrics.append(c, "sdk_retries", "count", Double(groups.reduce(0) { $0 + $1.total(\.retries) }))
            metrics.append(c, "sdk_retry_quota_exhausted", "count", Double(groups.reduce(0) { $0 + $1.total(\.failedQuotaExhausted) }))
        }
    }

    public override var seriesKeys: [MetricKey] {
        let c = ProvisioningStatistics.component
        return [
            MetricKey(c, "signups", "per_s"), MetricKey(c, "ready", "per_s"), MetricKey(c, "failed", "per_s"),
            MetricKey(c, "backlog", "count"), MetricKey(c, "time_to_ready_mean", "s"),
        ]
    }

    /// Rates over the interval ending at `time`, the tenants in progress at `time` (whenever
    /// they signed up), and the mean time to ready of the measured tenants that became ready
    /// in the interval.
    public override func sample(at time: SimTime, into frame: inout [Double]) {
        let span = (time - series.time).seconds
        let signups = ledger.lifetime[Int(TenantOutcome.inProgress.rawValue)].total
        let ready = ledger.lifetime[Int(TenantOutcome.ready.rawValue)].total
        let failed = ledger.lifetime[Int(TenantOutcome.failed.rawValue)].total
        let readyCount = ledger.timeToReady.lifetimeCount
        let readySum = ledger.timeToReady.lifetimeSum
        frame.append(Double(signups - series.signups) / span)
        frame.append(Double(ready - series.ready) / span)
        frame.append(Double(failed - series.failed) / span)
        frame.append(Double(ledger.inProgress))
        frame.append(readyCount > series.readyCount ? (readySum - series.readySum) / Double(readyCount - series.readyCount) : .nan)
        series = Marks(time: time, signups: signups, ready: ready, failed: failed, readyCount: readyCount, readySum: readySum)
    }
}
