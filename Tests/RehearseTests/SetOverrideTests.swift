import Foundation
import Testing

/// `--set` changes the model, is recorded in the `variant` column, and unstable models warn.
@Suite struct SetOverrideTests {
    @Test func twoServersHalveTheUtilization() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let base = try CLI.run(Workspace.shortRun(workspace.path("one")), in: workspace.url)
        let two = try CLI.run(
            Workspace.shortRun(workspace.path("two"), ["--set", "stations.server.servers=2"]), in: workspace.url)
        try #require(base.status == 0 && two.status == 0, "stderr: \(base.stderr)\(two.stderr)")

        let one = try #require(CSV.summaryMean(try workspace.text("one/summary.csv"), "station.server", "utilization"))
        let half = try #require(CSV.summaryMean(try workspace.text("two/summary.csv"), "station.server", "utilization"))
        #expect((0.7...0.9).contains(one), "M/M/1 at rho 0.8, found \(one)")
        #expect((0.35...0.45).contains(half), "M/M/2 at rho 0.4, found \(half)")
        #expect(abs(half / one - 0.5) < 0.05)

        let variant = Workspace.shortVariant + ";stations.server.servers=2"
        for file in ["summary.csv", "replications.csv", "timeseries.csv"] {
            let records = CSV.records(try workspace.text("two/\(file)"))
            #expect(!records.isEmpty)
            #expect(records.allSatisfy { $0["variant"] == variant }, "\(file)")
        }
        let json = try JSONSerialization.jsonObject(with: try workspace.data("two/run.json")) as? [String: Any]
        let scenario = try #require(json?["scenario"] as? [String: Any])
        #expect(scenario["variant"] as? String == variant)
        #expect(scenario["overrides"] as? [String] == ["duration=2h", "warmup=5m", "stations.server.servers=2"])
    }

    @Test func unstableStationWarnsAndStillRuns() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let out = workspace.path("report")
        let outcome = try CLI.run(
            Workspace.shortRun(out, ["--set", "stations.server.service={ exponential: { mean: 150ms } }"]), in: workspace.url)
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let warnings = outcome.stderrLines.filter { $0.contains(": warning: ") }
        #expect(warnings.count == 1)
        let warning = try #require(warnings.first)
        #expect(warning.hasPrefix("\(Workspace.mm1):"))
        #expect(warning.contains("warning: station 'server' is unstable"))
        #expect(try workspace.names(in: "report") == Workspace.reportFiles)
        let json = try JSONSerialization.jsonObject(with: try workspace.data("report/run.json")) as? [String: Any]
        #expect((json?["warnings"] as? [String])?.count == 1)
    }
}
