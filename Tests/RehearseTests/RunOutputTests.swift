import Foundation
import Testing

/// What `rehearse run` writes and prints.
@Suite struct RunOutputTests {
    @Test func writesTheFourFilesAndNothingElse() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let out = workspace.path("report")
        let outcome = try CLI.run(Workspace.shortRun(out), in: workspace.url)
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        #expect(outcome.stdoutLines.last == "report: \(out)")
        #expect(try workspace.names(in: "report") == Workspace.reportFiles)
        #expect(try workspace.names(in: ".") == ["report"], "no staging directory is left beside the report")

        let summary = try workspace.text("report/summary.csv")
        #expect(summary.hasPrefix("scenario,variant,component,metric,unit,replications,mean,"))
        #expect(summary.hasSuffix("\r\n"))
        let rows = CSV.records(summary)
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0["scenario"] == "mm1" && $0["variant"] == Workspace.shortVariant && $0["replications"] == "3" })
        let replications = CSV.records(try workspace.text("report/replications.csv"))
        #expect(Set(replications.compactMap { $0["replication"] }) == ["0", "1", "2"])
        #expect(replications.count == 3 * rows.count)
        let series = CSV.records(try workspace.text("report/timeseries.csv"))
        #expect(!series.isEmpty)

        let json = try JSONSerialization.jsonObject(with: try workspace.data("report/run.json")) as? [String: Any]
        let manifest = try #require(json)
        #expect((manifest["replications"] as? [Any])?.count == 3)
        #expect((manifest["scenario"] as? [String: Any])?["file"] as? String == Workspace.mm1)
    }

    @Test func defaultDirectoryIsReportsSlashName() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        var arguments = Workspace.shortRun("unused")
        arguments.removeLast(2)  // no --out
        let outcome = try CLI.run(arguments, in: workspace.url)
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let line = try #require(outcome.stdoutLines.last)
        #expect(line.hasPrefix("report: ") && line.hasSuffix("reports/mm1"), "\(line)")
        let printed = URL(fileURLWithPath: String(line.dropFirst("report: ".count)), relativeTo: workspace.url)
        #expect(
            printed.standardizedFileURL.resolvingSymlinksInPath().path
                == workspace.url.appendingPathComponent("reports/mm1").resolvingSymlinksInPath().path)
        #expect(try workspace.names(in: "reports/mm1") == Workspace.reportFiles)
    }

    @Test func replacesAPreviousReport() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try FileManager.default.createDirectory(atPath: workspace.path("report"), withIntermediateDirectories: false)
        _ = try workspace.write("report/stale.csv", "old\r\n")
        let outcome = try CLI.run(Workspace.shortRun(workspace.path("report")), in: workspace.url)
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        #expect(try workspace.names(in: "report") == Workspace.reportFiles)
        #expect(try workspace.names(in: ".") == ["report"])
    }
}
