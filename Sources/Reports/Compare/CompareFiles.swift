import Foundation
import Scenario
import SimKernel

/// The machine-readable halves of a comparison: `compare.csv`, one row per metric both
/// designs report, and `compare.json`, the two runs' records.
public enum CompareFiles {
    public static let csvName = "compare.csv"
    public static let manifestName = "compare.json"

    /// `scenario`/`variant` name design A and `versus_scenario`/`versus_variant` design B,
    /// so that rows of several comparisons concatenate. `significant` is empty when there
    /// are too few replications for an interval.
    public static func csv(_ a: Scenario, _ b: Scenario, _ comparison: PairedComparison) -> String {
        var table = CSVTable(header: [
            "scenario", "variant", "versus_scenario", "versus_variant", "component", "metric", "unit", "replications",
            "a_mean", "a_ci95_half_width", "b_mean", "b_ci95_half_width",
            "difference_mean", "difference_ci95_low", "difference_ci95_high", "difference_ci95_half_width",
            "relative_difference", "correlation", "significant",
        ])
        for row in comparison.rows {
            let d = row.difference
            table.append([
                a.name, a.variant, b.name, b.variant, row.key.component, row.key.metric, row.key.unit, String(d.count),
                CSVNumber.format(row.a.mean), CSVNumber.format(row.a.halfWidth),
                CSVNumber.format(row.b.mean), CSVNumber.format(row.b.halfWidth),
                CSVNumber.format(d.mean), CSVNumber.format(d.lower), CSVNumber.format(d.upper), CSVNumber.format(d.halfWidth),
                CSVNumber.format(row.relativeDifference), CSVNumber.format(row.correlation),
                row.verdict == .undetermined ? "" : row.verdict.isSignificant ? "yes" : "no",
            ])
        }
        return table.text
    }

    /// Both runs' manifests (scenario digests, seeds, per-replication digests), as `a` and `b`.
    public static func manifest(a: RunManifest, b: RunManifest) -> String {
        StableJSON.text(["a": a, "b": b])
    }
}
