import Scenario
import SimKernel

/// The CSV files of a run directory, as text. Every row starts with `scenario` and `variant`
/// so that files from different runs concatenate.
public enum RunFiles {
    /// Every file of a run directory, named as in it: `run.json`, the CSVs and `report.html`.
    /// The noisy-neighbour lists go to `tenants.csv` only (see `TenantsCSV`).
    public static func directory(_ scenario: Scenario, _ results: [ReplicationResult], wallSeconds: Double) -> [(name: String, contents: String)] {
        let measured = TenantsCSV.withoutNeighbours(results)
        let summary = RunSummary(measured)
        var files = [
            ("run.json", RunManifest(scenario, results: results, wallSeconds: wallSeconds).json()),
            ("summary.csv", RunFiles.summary(scenario, summary)),
            ("replications.csv", RunFiles.replications(scenario, measured)),
            ("timeseries.csv", RunFiles.timeSeries(scenario, results)),
        ]
        if let tenants = TenantsCSV.text(scenario, results) { files.append((TenantsCSV.fileName, tenants)) }
        files.append((HTMLReport.fileName, HTMLReport.render(scenario, results, summary)))
        return files
    }

    public static func summary(_ scenario: Scenario, _ summary: RunSummary) -> String {
        var table = CSVTable(header: [
            "scenario", "variant", "component", "metric", "unit", "replications",
            "mean", "ci95_low", "ci95_high", "ci95_half_width", "stddev", "min", "max",
        ])
        for row in summary.rows {
            let i = row.interval
            table.append([
                scenario.name, scenario.variant, row.key.component, row.key.metric, row.key.unit, String(i.count),
                CSVNumber.format(i.mean), CSVNumber.format(i.lower), CSVNumber.format(i.upper),
                CSVNumber.format(i.halfWidth), CSVNumber.format(i.standardDeviation),
                CSVNumber.format(i.minimum), CSVNumber.format(i.maximum),
            ])
        }
        return table.text
    }

    public static func replications(_ scenario: Scenario, _ results: [ReplicationResult]) -> String {
        var table = CSVTable(header: ["scenario", "variant", "replication", "seed", "component", "metric", "unit", "value"])
        for result in results {
            for (key, value) in zip(result.metrics.keys, result.metrics.values) {
                table.append([
                    scenario.name, scenario.variant, String(result.replication), String(result.seed),
                    key.component, key.metric, key.unit, CSVNumber.format(value),
                ])
            }
        }
        return table.text
    }

    public static func timeSeries(_ scenario: Scenario, _ results: [ReplicationResult]) -> String {
        var table = CSVTable(header: ["scenario", "variant", "replication", "time_s", "component", "metric", "unit", "value"])
        for result in results {
            let series = result.series
            for sample in 0..<series.sampleCount {
                let time = CSVNumber.format(series.times[sample].seconds)
                for (index, key) in series.keys.enumerated() {
                    table.append([
                        scenario.name, scenario.variant, String(result.replication), time,
                        key.component, key.metric, key.unit, CSVNumber.format(series.value(sample: sample, series: index)),
                    ])
                }
            }
        }
        return table.text
    }
}
