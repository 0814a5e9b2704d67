import SimKernel

/// Lifetime totals at the last series sample, to turn them into rates.
struct DynamoDBSeriesMarks {
    var time = SimTime.zero
    var consumedRead = 0.0
    var consumedWrite = 0.0
    var throttled: UInt64 = 0
    var indexConsumedWrite = 0.0
}

extension DynamoDBTable {
    /// `dynamodb.<name>`.
    public var componentName: String { "dynamodb.\(name)" }

    /// `dynamodb.<name>.<index>`.
    public var indexComponentName: String? { configuration.index.map { "dynamodb.\(name).\($0.name)" } }

    /// The throttle reasons this table's configuration can produce, in code order: a stable
    /// list, so every replication reports the same metrics.
    public var possibleThrottleReasons: [ThrottleReason] {
        func limits(_ mode: DynamoDBCapacityMode) -> [ThrottleReason.Limit] {
            mode == .onDemand
                ? [.keyRangeThroughputExceeded, .accountLimitExceeded, .maxOnDemandThroughputExceeded]
                : [.provisionedThroughputExceeded, .keyRangeThroughputExceeded]
        }
        var reasons: [ThrottleReason] = []
        for operation in ThrottleReason.Operation.allCases {
            for limit in limits(configuration.mode) { reasons.append(ThrottleReason(.table, operation, limit)) }
        }
        if let index = configuration.index {
            for limit in limits(index.mode) { reasons.append(ThrottleReason(.index, .write, limit)) }
        }
        return reasons.sorted { $0.code < $1.code }
    }

    func resetTableStatistics(at time: SimTime) {
        statistics.reset()
        capacity.resetStatistics()
        index?.resetStatistics()
    }

    func reportTable(at time: SimTime, into table: inout MetricTable) {
        let c = componentName
        let s = statistics
        var requests: UInt64 = 0
        for operation in DynamoDBOperation.allCases { requests += s.requests(operation) }
        table.append(c, "requests", "count", Double(requests))
        for operation in DynamoDBOperation.allCases {
            table.append(c, operation.metricName, "count", Double(s.requests(operation)))
        }
        table.append(c, "consumed_rcu", "units", capacity.consumedRead - capacity.consumedReadAtReset)
        table.append(c, "consumed_wcu", "units", capacity.consumedWrite - capacity.consumedWriteAtReset)
        table.append(c, "throttled_requests", "count", Double(s.throttledRequests.sinceReset))
        for reason in possibleThrottleReasons {
            table.append(c, reason.metricName, "count", Double(s.throttled(reason)))
        }
        if let onDemand = capacity.onDemand {
            table.append(c, "throttled_on_demand_growth", "count", Double(onDemand.growthThrottles.sinceReset))
        } else {
            table.append(c, "adaptive_capacity_borrows", "count", Double(capacity.adaptiveBorrows.sinceReset))
        }
        table.append(c, "conditional_check_failures", "count", Double(s.conditionalCheckFailures.sinceReset))
        table.append(c, "transactions_canceled", "count", Double(s.transactionsCanceled.sinceReset))
        table.append(c, "stale_reads", "count", Double(s.staleReads.sinceReset))
        table.append(c, "partitions", "count", Double(capacity.partitions.count))
        table.append(c, "partition_splits", "count", Double(capacity.splits - capacity.splitsAtReset))
        table.append(c, "partition_heat_max", "ratio", capacity.maxWindowHeat)
        table.append(c, "hottest_partition_share", "ratio", capacity.totalLoadSum > 0 ? capacity.hottestLoadSum / capacity.totalLoadSum : .nan)
        if let onDemand = capacity.onDemand {
            table.append(c, "on_demand_peak_rru", "per_s", onDemand.peakRead)
            table.append(c, "on_demand_peak_wru", "per_s", onDemand.peakWrite)
        }
        table.append(c, "items", "count", Double(store.existing))
        table.append(c, "read_latency_mean", "s", s.readLatency.mean)
        table.append(c, "read_latency_p50", "s", s.readLatency.percentile(50))
        table.append(c, "read_latency_p99", "s", s.readLatency.percentile(99))
        table.append(c, "write_latency_mean", "s", s.writeLatency.mean)
        table.append(c, "write_latency_p50", "s", s.writeLatency.percentile(50))
        table.append(c, "write_latency_p99", "s", s.writeLatency.percentile(99))
        if let index, let ic = indexComponentName {
            table.append(ic, "consumed_wcu", "units", index.consumedWrite - index.consumedWriteAtReset)
            table.append(ic, "partitions", "count", Double(index.partitions.count))
            table.append(ic, "partition_splits", "count", Double(index.splits - index.splitsAtReset))
            table.append(ic, "partition_heat_max", "ratio", index.maxWindowHeat)
        }
    }

    var tableSeriesKeys: [MetricKey] {
        let c = componentName
        var keys = [
            MetricKey(c, "consumed_rcu", "per_s"), MetricKey(c, "consumed_wcu", "per_s"),
            MetricKey(c, "throttled_requests", "per_s"), MetricKey(c, "partition_heat_max", "ratio"),
            MetricKey(c, "partitions", "count"), MetricKey(c, "read_capacity", "per_s"), MetricKey(c, "write_capacity", "per_s"),
        ]
        if let ic = indexComponentName {
            keys += [MetricKey(ic, "consumed_wcu", "per_s"), MetricKey(ic, "partition_heat_max", "ratio"), MetricKey(ic, "write_capacity", "per_s")]
        }
        return keys
    }

    /// Rates over the interval ending at `time`; the hottest partition's ceiling utilization
    /// over it; the partition count and the capacity at `time`.
    func sampleTable(at time: SimTime, into frame: inout [Double]) {
        let span = (time - series.time).seconds
        frame.append((capacity.consumedRead - series.consumedRead) / span)
        frame.append((capacity.consumedWrite - series.consumedWrite) / span)
        frame.append(Double(statistics.throttledRequests.total - series.throttled) / span)
        frame.append(capacity.sampleHeat(seconds: span))
        frame.append(Double(capacity.partitions.count))
        frame.append(capacity.capacity(.read))
        frame.append(capacity.capacity(.write))
        if let index {
            frame.append((index.consumedWrite - series.indexConsumedWrite) / span)
            frame.append(index.sampleHeat(seconds: span))
            frame.append(index.capacity(.write))
            series.indexConsumedWrite = index.consumedWrite
        }
        series.time = time
        series.consumedRead = capacity.consumedRead
        series.consumedWrite = capacity.consumedWrite
        series.throttled = statistics.throttledRequests.total
    }
}
