import Scenario
import SimKernel

/// The files of a sweep directory, as text: the same for a whole sweep and for a shard (which
/// holds fewer items), and a function of `SweepResults` alone.
public enum SweepFiles {
    public static let manifestName = "sweep.json"
    public static let summaryName = "sweep.csv"
    public static let replicationsName = "sweep-replications.csv"
    public static let reportName = "sweep.html"

    public static func all(_ results: SweepResults) -> [(name: String, contents: String)] {
        let replications = self.replications(results)
        var record = results.record
        record.replicationsSHA256 = SHA256.hex(replications)
        return [
            (manifestName, record.json()),
            (summaryName, summary(results)),
            (replicationsName, replications),
            (reportName, SweepReport.render(results)),
        ]
    }

    /// One row per point and metric: the point's parameter values as columns, then the
    /// metric's mean, 95% interval and extremes across the point's replications.
    public static func summary(_ results: SweepResults) -> String {
        let record = results.record
        var table = CSVTable(header: ["scenario", "variant", "point"] + record.grid.map(\.path) + [
            "component", "metric", "unit", "replications",
            "mean", "ci95_low", "ci95_high", "ci95_half_width", "stddev", "min", "max",
        ])
        for summary in results.points {
            let leading = [record.scenario.name, record.scenario.variant, String(summary.point)] + record.points[summary.point].values
            for row in summary.rows {
                let i = row.interval
                table.append(leading + [
                    row.key.component, row.key.metric, row.key.unit, String(i.count),
                    CSVNumber.format(i.mean), CSVNumber.format(i.lower), CSVNumber.format(i.upper),
                    CSVNumber.format(i.halfWidth), CSVNumber.format(i.standardDeviation),
                    CSVNumber.format(i.minimum), CSVNumber.format(i.maximum),
                ])
            }
        }
        return table.text
    }

    /// The columns of sweep-replications.csv for a sweep's grid.
    public static func replicationsHeader(_ record: SweepRecord) -> [String] {
        ["scenario", "variant", "point"] + record.grid.map(\.path) + ["replication", "seed", "component", "metric", "unit", "value"]
    }

    /// One row per item and metric, with the exact value (CSVNumber prints the shortest text
    /// that reads back as the same double), so a merge recomputes the same statistics.
    public static func replications(_ results: SweepResults) -> String {
        let record = results.record
        var table = CSVTable(header: replicationsHeader(record))
        for item in results.items {
            let leading = [record.scenario.name, record.scenario.variant, String(item.point)] + record.points[item.point].values
                + [String(item.replication), String(item.seed)]
            for (key, value) in zip(item.metrics.keys, item.metrics.values) {
                table.append(leading + [key.component, key.metric, key.unit, CSVNumber.format(value)])
            }
        }
        return table.text
    }
}
