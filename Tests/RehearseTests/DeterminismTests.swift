import Foundation
import Testing

/// Same scenario and seed: the same bytes, whatever the number of threads.
@Suite struct DeterminismTests {
    static let csvFiles = ["summary.csv", "replications.csv", "timeseries.csv"]

    func digests(_ workspace: Workspace, _ directory: String) throws -> [String] {
        let json = try JSONSerialization.jsonObject(with: try workspace.data("\(directory)/run.json")) as? [String: Any]
        let records = try #require(json?["replications"] as? [[String: Any]])
        return records.compactMap { $0["digest"] as? String }
    }

    func run(_ workspace: Workspace, _ directory: String, _ extra: [String]) throws {
        let outcome = try CLI.run(Workspace.shortRun(workspace.path(directory), extra), in: workspace.url)
        try #require(outcome.status == 0, "stderr: \(outcome.stderr)")
    }

    @Test func sameRunTwiceIsByteIdentical() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try run(workspace, "a", ["--jobs", "2"])
        try run(workspace, "b", ["--jobs", "2"])
        for file in Self.csvFiles {
            #expect(try workspace.data("a/\(file)") == workspace.data("b/\(file)"), "\(file) differs")
        }
        #expect(try digests(workspace, "a") == digests(workspace, "b"))
    }

    @Test func threadsDoNotChangeTheOutput() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try run(workspace, "one", ["--jobs", "1"])
        try run(workspace, "two", ["--jobs", "2"])
        for file in Self.csvFiles {
            #expect(try workspace.data("one/\(file)") == workspace.data("two/\(file)"), "\(file) differs")
        }
        #expect(try digests(workspace, "one") == digests(workspace, "two"))
    }

    @Test func anotherSeedGivesOtherResults() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try run(workspace, "seed1", ["--seed", "1"])
        try run(workspace, "seed2", ["--seed", "2"])
        let first = try digests(workspace, "seed1")
        let second = try digests(workspace, "seed2")
        #expect(first.count == 3 && second.count == 3)
        #expect(Set(first).count == 3, "replications of one run differ from each other")
        for (a, b) in zip(first, second) {
            #expect(a != b)
        }
        #expect(first.allSatisfy { $0.count == 16 && $0.allSatisfy(\.isHexDigit) })
        #expect(try workspace.data("seed1/replications.csv") != workspace.data("seed2/replications.csv"))
    }
}

/// The edge (proxies, load balancers, retries, timeouts, outlier detection) is as
/// deterministic as the kernel: same bytes across runs and thread counts.
@Suite struct EdgeDeterminismTests {
    static let scenario = Workspace.packageRoot.appendingPathComponent("scenarios/tradeoffs/lb-policies.yaml").path

    func run(_ workspace: Workspace, _ directory: String, jobs: String) throws {
        let arguments = [
            "run", Self.scenario, "--set", "duration=20s", "--set", "warmup=5s", "--set", "sample_interval=5s", "--set", "traffic.rate=1500",
            "--replications", "2", "--jobs", jobs, "--quiet", "--out", workspace.path(directory),
        ]
        let outcome = try CLI.run(arguments, in: workspace.url)
        try #require(outcome.status == 0, "stderr: \(outcome.stderr)")
    }

    @Test func edgeRunsAreByteIdenticalWhateverTheThreads() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try run(workspace, "one", jobs: "1")
        try run(workspace, "two", jobs: "2")
        for file in DeterminismTests.csvFiles {
            #expect(try workspace.data("one/\(file)") == workspace.data("two/\(file)"), "\(file) differs")
        }
        let summary = try workspace.text("one/summary.csv")
        #expect(summary.contains("edge.cluster.least-request,upstream_rq_total,count,2,"))
    }
}
