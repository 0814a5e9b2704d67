import Foundation
import Testing

@Suite struct CompareTests {
    static let slowHosts = Workspace.packageRoot.appendingPathComponent("scenarios/compare/slow-hosts.yaml").path

    static func arguments(_ out: String, _ extra: [String] = []) -> [String] {
        ["compare", slowHosts, slowHosts, "--set", "duration=40s", "--set", "warmup=10s", "--replications", "3", "--quiet", "--out", out] + extra
    }

    /// compare.csv's rows as column name -> field (no field here holds a comma).
    static func rows(_ csv: String) -> [[String: String]] {
        let lines = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    @Test func aScenarioAgainstItselfDiffersNowhere() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let outcome = try CLI.run(Self.arguments("self"), in: workspace.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdoutLines.first?.hasSuffix("0 differ significantly (95%)") == true)
        #expect(try workspace.names(in: "self") == ["a", "b", "compare.csv", "compare.html", "compare.json"])
        #expect(try workspace.names(in: "self/a") == Workspace.reportFiles)
        let rows = Self.rows(try workspace.text("self/compare.csv"))
        #expect(rows.count > 50)
        #expect(rows.allSatisfy { $0["significant"] == "no" && $0["difference_mean"] == "0" })
    }

    /// Round robin against least request on slow hosts: least request keeps the slow hosts'
    /// queues short, so the tail falls, and the paired interval shows it.
    @Test func detectsTheBetterPolicyOnSlowHosts() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let outcome = try CLI.run(Self.arguments("lb", ["--set-b", "edge.clusters.web.lb=least_request"]), in: workspace.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let rows = Self.rows(try workspace.text("lb/compare.csv"))
        let p99 = try #require(rows.first { $0["component"] == "edge" && $0["metric"] == "latency_p99" })
        #expect(p99["variant"] == "duration=40s;warmup=10s")
        #expect(p99["versus_variant"] == "duration=40s;warmup=10s;edge.clusters.web.lb=least_request")
        #expect(p99["significant"] == "yes")
        let high = try #require(p99["difference_ci95_high"].flatMap(Double.init))
        #expect(high < 0, "least request lowers the p99")
        let html = try workspace.text("lb/compare.html")
        #expect(html.contains("<p>Overrides of both: <code>duration=40s</code> <code>warmup=10s</code></p>"))
        #expect(html.contains("<p>B overrides: <code>edge.clusters.web.lb=least_request</code></p>"))
    }

    @Test func threadsDoNotChangeTheComparison() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        for (out, jobs) in [("one", "1"), ("two", "2")] {
            let outcome = try CLI.run(Self.arguments(out, ["--set-b", "edge.clusters.web.lb=random", "--jobs", jobs]), in: workspace.url)
            #expect(outcome.status == 0, "\(outcome.stderr)")
        }
        for file in ["compare.csv", "compare.html", "a/summary.csv", "b/timeseries.csv"] {
            #expect(try workspace.data("one/\(file)") == workspace.data("two/\(file)"), "\(file) differs")
        }
    }

    @Test func aBadOverridePointsAtItselfAndWritesNothing() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let outcome = try CLI.run(Self.arguments("bad", ["--set-b", "edge.clusters.web.lb=least_requests"]), in: workspace.url)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("--set:3:"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("did you mean 'least_request'?"))
        #expect(!workspace.exists("bad"))
    }
}
