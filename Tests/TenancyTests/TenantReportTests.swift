import Foundation
import Reports
import Scenario
import SimKernel
import Testing

/// tenants.csv, the report's tenant sections and the notebook's tenant cells.
@Suite struct TenantReportTests {
    static func run(_ text: String, replications: Int) throws -> (Scenario, [ReplicationResult]) {
        let scenario = try ScenarioLoader.parse(text, file: "t.yaml")
        return (scenario, ScenarioRunner.run(scenario, replications: replications, jobs: 1))
    }

    static let tenantRun: (Scenario, [ReplicationResult]) = try! run(TenancyScenarioTests.text, replications: 2)

    static func file(_ name: String, _ files: [(name: String, contents: String)]) -> String? {
        files.first { $0.name == name }?.contents
    }

    @Test func tenantsCSVHoldsTiersAndNeighboursPerReplication() throws {
        let (scenario, results) = Self.tenantRun
        let files = RunFiles.directory(scenario, results, wallSeconds: 0)
        #expect(files.map(\.name) == ["run.json", "summary.csv", "replications.csv", "timeseries.csv", "tenants.csv", "report.html"])
        let text = try #require(Self.file("tenants.csv", files))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(text.hasSuffix("\r\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines.first == TenantsCSV.header.joined(separator: ","))
        let rows = lines.dropFirst().map { $0.components(separatedBy: ",") }
        #expect(rows.allSatisfy { $0.count == TenantsCSV.header.count && $0[0] == "t" && $0[1] == "default" })
        for replication in ["0", "1"] {
            let tiers = rows.filter { $0[2] == replication && $0[3] == "tier" }
            #expect(tiers.map { $0[5] } == ["free", "standard", "premium", "enterprise"])
            // The tier rows' requests are the edge's responses of that replication.
            let requests = tiers.map { Double($0[9])! }.reduce(0, +)
            let responses = results[Int(replication)!].metrics.value("edge", "responses", "count")
            #expect(requests == responses)
            let slow = rows.filter { $0[2] == replication && $0[3] == "top_p99" }
            #expect(slow.count == 20)
            #expect(slow.map { Int($0[4])! } == Array(1...20))
            // Sorted by p99, largest first.
            let p99 = slow.map { Double($0[17])! }
            #expect(p99 == p99.sorted(by: >))
        }
        // The lists stay out of the summary and replications.csv; the tiers are there.
        let summary = try #require(Self.file("summary.csv", files))
        #expect(!summary.contains("tenants.top_"))
        #expect(summary.contains("tenants.tier.free,slo_attainment,ratio"))
        #expect(!(try #require(Self.file("replications.csv", files))).contains("tenants.top_"))
    }

    @Test func theReportAndNotebookShowTenantsOnlyForRunsWithTenants() throws {
        let (scenario, results) = Self.tenantRun
        let html = try #require(Self.file("report.html", RunFiles.directory(scenario, results, wallSeconds: 0)))
        #expect(html.contains("<section id=\"tiers\">") && html.contains("<section id=\"noisy-neighbours\">"))
        #expect(html.contains("SLO attainment per tier"))
        let notebook = NotebookExport.notebook(scenario, RunSummary(TenantsCSV.withoutNeighbours(results))).json()
        #expect(notebook.contains("tenants.csv") && notebook.contains("Noisy neighbours"))

        let plain = TenancyScenarioTests.text.components(separatedBy: "tenants:")[0]
            + "traffic: { rate: 100, requests: [ { authority: a.example.com, path: /x } ] }\n"
        let (other, otherResults) = try Self.run(plain, replications: 1)
        let files = RunFiles.directory(other, otherResults, wallSeconds: 0)
        #expect(Self.file("tenants.csv", files) == nil)
        let otherHTML = try #require(Self.file("report.html", files))
        #expect(!otherHTML.contains("Tenants by tier") && !otherHTML.contains("Noisy neighbours"))
        #expect(otherHTML == HTMLReport.render(other, otherResults, RunSummary(otherResults)))
        #expect(!NotebookExport.notebook(other, RunSummary(otherResults)).json().contains("tenants.csv"))
    }
}
