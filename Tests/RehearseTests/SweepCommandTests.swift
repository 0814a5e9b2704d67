import Foundation
import Testing

/// `rehearse sweep` and `rehearse merge` end to end: the same bytes whatever --jobs and
/// however the work is sharded, refusals with exit code 2 and nothing written.
@Suite struct SweepCommandTests {
    /// An M/M/c sweep of a few simulated minutes: 3 x 2 points, 2 replications each. Line 15
    /// holds the servers' values.
    static let scenario = """
        name: mmc-sweep
        description: The wait of an M/M/c as servers and load change.
        seed: 11
        duration: 5m
        warmup: 30s
        sources:
          arrivals:
            interarrival: { exponential: { mean: 125ms } }
            to: server
        stations:
          server:
            service: { exponential: { mean: 100ms } }
        sweep:
          parameters:
            stations.server.servers: [1, 2, 3]
            sources.arrivals.interarrival: [{ exponential: { mean: 250ms } }, { exponential: { mean: 125ms } }]
          metrics: [ "station.server,wait_mean,s", "station.server,utilization,ratio" ]
          replications: 2

        """

    static let files = ["sweep-replications.csv", "sweep.csv", "sweep.html", "sweep.json"]

    private func sweep(_ workspace: Workspace, _ arguments: [String]) throws -> CLI.Outcome {
        let file = try workspace.write("mmc-sweep.yaml", SweepCommandTests.scenario)
        return try CLI.run(["sweep", file, "--quiet"] + arguments, in: workspace.url)
    }

    private func expectSameFiles(_ workspace: Workspace, _ a: String, _ b: String) throws {
        #expect(try workspace.names(in: a) == SweepCommandTests.files)
        #expect(try workspace.names(in: b) == SweepCommandTests.files)
        for file in SweepCommandTests.files {
            #expect(try workspace.data("\(a)/\(file)") == (try workspace.data("\(b)/\(file)")), "\(a)/\(file) and \(b)/\(file) differ")
        }
    }

    @Test func shardsMergedInAnyOrderGiveTheBytesOfOneRun() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let whole = try sweep(workspace, ["--out", "whole", "--jobs", "2"])
        try #require(whole.status == 0, "stderr: \(whole.stderr)")
        #expect(whole.stdoutLines.first?.hasPrefix("mmc-sweep: 6 point(s) x 2 replication(s), \(try events(workspace, "whole")) events in ") == true)
        for index in 1...3 {
            let shard = try sweep(workspace, ["--shard", "\(index)/3", "--out", "s\(index)", "--jobs", "1"])
            try #require(shard.status == 0, "stderr: \(shard.stderr)")
            #expect(shard.stdout.contains("(shard \(index)/3: 4 of 12 runs)"))
        }
        let merged = try CLI.run(["merge", "s2", "s3", "s1", "--out", "merged"], in: workspace.url)
        try #require(merged.status == 0, "stderr: \(merged.stderr)")
        try expectSameFiles(workspace, "whole", "merged")

        // The summary is the statistics of the exact per-replication values.
        let records = CSV.records(try workspace.text("whole/sweep.csv"))
        let row = try #require(records.first { $0["point"] == "4" && $0["metric"] == "wait_mean" })
        #expect(row["stations.server.servers"] == "3")
        #expect(row["sources.arrivals.interarrival"] == "{ exponential: { mean: 250ms } }")
        let values = CSV.records(try workspace.text("whole/sweep-replications.csv"))
            .filter { $0["point"] == "4" && $0["metric"] == "wait_mean" }.map { Double($0["value"]!)! }
        #expect(values.count == 2)
        #expect(row["mean"] == "\((values[0] + values[1]) / 2)")
    }

    private func events(_ workspace: Workspace, _ directory: String) throws -> Int {
        let json = try JSONSerialization.jsonObject(with: try workspace.data("\(directory)/sweep.json")) as? [String: Any]
        return try #require(json?["events"] as? Int)
    }

    @Test func jobsNeverChangeAByte() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let one = try sweep(workspace, ["--out", "one", "--jobs", "1"])
        let two = try sweep(workspace, ["--out", "two", "--jobs", "2"])
        try #require(one.status == 0 && two.status == 0, "stderr: \(one.stderr)\(two.stderr)")
        try expectSameFiles(workspace, "one", "two")
        // Common random numbers: replication r has one seed at every point.
        let seeds = CSV.records(try workspace.text("one/sweep-replications.csv")).map { "\($0["replication"]!):\($0["seed"]!)" }
        #expect(Set(seeds).count == 2)
    }

    @Test func mergeRefusesMissingRepeatedAndForeignShards() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        for index in 1...3 {
            #expect(try sweep(workspace, ["--shard", "\(index)/3", "--out", "s\(index)"]).status == 0)
        }
        let other = try workspace.write("other.yaml", SweepCommandTests.scenario.replacingOccurrences(of: "duration: 5m", with: "duration: 6m"))
        #expect(try CLI.run(["sweep", other, "--quiet", "--shard", "2/3", "--out", "foreign"], in: workspace.url).status == 0)

        let missing = try CLI.run(["merge", "s3", "s1", "--out", "merged"], in: workspace.url)
        #expect(missing.status == 2)
        #expect(missing.stderr == "rehearse: error: the shards do not cover the sweep exactly once: missing shard 2/3\n")
        let repeated = try CLI.run(["merge", "s1", "s2", "s3", "s2", "--out", "merged"], in: workspace.url)
        #expect(repeated.status == 2)
        #expect(repeated.stderr == "rehearse: error: the shards do not cover the sweep exactly once: shard 2/3 given 2 times (s2, s2)\n")
        let foreign = try CLI.run(["merge", "s1", "foreign", "s3", "--out", "merged"], in: workspace.url)
        #expect(foreign.status == 2)
        #expect(foreign.stderr.hasPrefix("rehearse: error: foreign is not a shard of the same sweep as s1: the scenario text differs (SHA-256 "))
        let notASweep = try CLI.run(["merge", "s1", "nowhere", "--out", "merged"], in: workspace.url)
        #expect(notASweep.status == 2)
        #expect(notASweep.stderr.hasPrefix("rehearse: error: nowhere: not a sweep directory (sweep.json and sweep-replications.csv): "))
        #expect(!workspace.exists("merged"))
        #expect(try workspace.names(in: ".").filter { $0.hasPrefix(".") }.isEmpty, "no staging directory is left behind")
    }

    @Test func anInvalidPointIsReportedWhereItsValueWasWrittenAndNothingIsWritten() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let fromFile = try workspace.write("bad.yaml", SweepCommandTests.scenario.replacingOccurrences(of: "servers: [1, 2, 3]", with: "servers: [1, 0, 3]"))
        let bad = try CLI.run(["sweep", fromFile, "--quiet", "--out", "out"], in: workspace.url)
        #expect(bad.status == 2)
        #expect(bad.stderr == "\(fromFile):15:34: error: station 'server' servers must be between 1 and 1000000, found 0 (sweep point 2: stations.server.servers=0, sources.arrivals.interarrival={ exponential: { mean: 250ms } })\n")
        let grid = try sweep(workspace, ["--grid", "sources.arrivals.interarrival={ exponential: { mean: 1s } },{ exponential: { mean: 1 } }", "--out", "out"])
        #expect(grid.status == 2)
        #expect(grid.stderr.hasPrefix("--grid:1:84: error: "))
        #expect(grid.stderr.contains("(sweep point 1: "))
        let metric = try sweep(workspace, ["--set", "sweep.metrics=[\"station.server,wait_mean,ms\"]", "--out", "out"])
        #expect(metric.status == 2)
        #expect(metric.stderr == "--set:1:16: error: no point of the sweep reports metric 'station.server,wait_mean,ms'; did you mean 'station.server,wait_mean,s'?\n")
        let shard = try sweep(workspace, ["--shard", "4/3", "--out", "out"])
        #expect(shard.status == 2)
        #expect(!workspace.exists("out"))
    }

    @Test func aHostileNameIsEscapedAndThePageNeedsNoNetwork() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let file = try workspace.write("hostile.yaml", SweepCommandTests.scenario
            .replacingOccurrences(of: "name: mmc-sweep", with: "name: \"<script>alert(1)</script>\"")
            .replacingOccurrences(of: "duration: 5m", with: "duration: 1m"))
        let outcome = try CLI.run(["sweep", file, "--quiet", "--out", "out", "--grid", "stations.server.servers=2,3"], in: workspace.url)
        try #require(outcome.status == 0, "stderr: \(outcome.stderr)")
        let page = try workspace.text("out/sweep.html")
        #expect(!page.contains("<script"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        for external in ["http://", "https://", "src=", "href=\"//", "url("] {
            #expect(!page.contains(external), "\(external)")
        }
        #expect(page.components(separatedBy: "<figure class=\"chart\">").count - 1 == 4)
    }
}
