import Foundation
import Testing

/// The shipped provisioning scenarios through the command line: they validate, a run writes
/// the workflow's metrics, and the output does not depend on the number of threads.
@Suite struct ProvisioningRunTests {
    static let scenarios = [
        "scenarios/provisioning-storm.yaml", "scenarios/tradeoffs/sync-vs-async-provisioning.yaml",
        "scenarios/faults/dynamodb-throttling.yaml",
    ]

    @Test(arguments: scenarios)
    func shippedScenarioValidates(_ scenario: String) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let path = Workspace.packageRoot.appendingPathComponent(scenario).path
        let outcome = try CLI.run(["validate", path], in: workspace.url)
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.isEmpty)
    }

    /// The storm, shortened (2,000 sign-ups over two minutes, eight minutes in all), with two
    /// replications on one thread and on two.
    func runStorm(_ workspace: Workspace, _ directory: String, jobs: String) throws {
        let storm = Workspace.packageRoot.appendingPathComponent(Self.scenarios[0]).path
        let arguments = [
            "run", storm, "--set", "duration=8m", "--set", "sample_interval=30s",
            "--set", "provisioning.signups.bursts=[ { at: 1m, count: 2000, over: 2m } ]",
            "--replications", "2", "--jobs", jobs, "--quiet", "--out", workspace.path(directory),
        ]
        let outcome = try CLI.run(arguments, in: workspace.url)
        try #require(outcome.status == 0, "stderr: \(outcome.stderr)")
    }

    @Test func provisioningRunsAreByteIdenticalWhateverTheThreads() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try runStorm(workspace, "one", jobs: "1")
        try runStorm(workspace, "two", jobs: "2")
        for file in DeterminismTests.csvFiles {
            #expect(try workspace.data("one/\(file)") == workspace.data("two/\(file)"), "\(file) differs")
        }
        let summary = try workspace.text("one/summary.csv")
        for metric in [
            "provisioning,time_to_ready_p99,s", "provisioning,duplicates_processed,count", "provisioning,idempotent_noops,count",
            "provisioning,dead_lettered,count", "provisioning,dynamodb_throttles,count", "provisioning,sdk_retries,count",
            "provisioning,worker_utilization,ratio", "sqs.provisioning,messages_dead_lettered,count",
            "dynamodb.tenants,throttled_requests,count", "provisioning.api,latency_p99,s",
        ] {
            #expect(summary.contains(",\(metric),2,"), "\(metric) missing")
        }
        let series = try workspace.text("one/timeseries.csv")
        #expect(series.contains(",provisioning,backlog,count,"))
        #expect(series.contains(",sqs.provisioning,messages_visible,count,"))
    }

    @Test func aProvisioningMistakeIsReportedAtItsPositionAndNothingIsWritten() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let storm = Workspace.packageRoot.appendingPathComponent(Self.scenarios[0]).path
        let text = try String(contentsOfFile: storm, encoding: .utf8).replacingOccurrences(of: "visibility_timeout: 5m", with: "visibilty_timeout: 5m")
        let file = try workspace.write("storm.yaml", text)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("visibilty_timeout") }! + 1
        let outcome = try CLI.run(["run", file, "--out", workspace.path("out"), "--quiet"], in: workspace.url)
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "\(file):\(line):5: error: unknown key 'visibilty_timeout' in 'provisioning.queue'; did you mean 'visibility_timeout'?\n")
        #expect(!workspace.exists("out"))
    }
}
