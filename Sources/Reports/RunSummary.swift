import SimKernel

/// Each metric across replications: mean, 95% Student-t confidence interval, extremes.
public struct RunSummary: Sendable {
    public struct Row: Sendable {
        public var key: MetricKey
        public var interval: ConfidenceInterval
    }

    public let rows: [Row]

    /// Replications of one scenario report the same metrics in the same order.
    public init(_ replications: [ReplicationResult]) {
        guard let first = replications.first else {
            rows = []
            return
        }
        for replication in replications {
            precondition(replication.metrics.keys == first.metrics.keys, "replications reported different metrics")
        }
        rows = first.metrics.keys.enumerated().map { index, key in
            Row(key: key, interval: ConfidenceInterval(replications.map { $0.metrics.values[index] }))
        }
    }

    public func row(_ component: String, _ metric: String, _ unit: String) -> Row? {
        rows.first { $0.key == MetricKey(component, metric, unit) }
    }
}
