import Foundation
import Reports
import Scenario
import SimKernel
import Testing

@Suite struct NotebookExportTests {
    static func mm1Notebook(runDirectory: String = "../reports/mm1-check") throws -> Notebook {
        let (scenario, results) = try ReportFixtures.mm1()
        return NotebookExport.notebook(scenario, RunSummary(results), runDirectory: runDirectory)
    }

    static func edgeNotebook() throws -> Notebook {
        NotebookExport.notebook(try ReportFixtures.edgeScenario(), RunSummary(ReportFixtures.edgeResults()))
    }

    @Test func isNbformat45WithIdsOnEveryCell() throws {
        let json = try Self.mm1Notebook().json()
        let notebook = try Notebook.decode(json)
        #expect(notebook.nbformat == 4)
        #expect(notebook.nbformatMinor == 5)
        #expect(notebook.cells.count >= 8)
        let ids = notebook.cells.map(\.id)
        #expect(Set(ids).count == ids.count, "cell ids are unique")
        for id in ids {
            #expect((1...64).contains(id.count))
            #expect(id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
        }
        #expect(ids.first == "cell-0")

        // The raw JSON has what nbformat's schema requires of each kind of cell.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["nbformat"] as? Int == 4)
        #expect(object["nbformat_minor"] as? Int == 5)
        let metadata = try #require(object["metadata"] as? [String: Any])
        let kernel = try #require(metadata["kernelspec"] as? [String: Any])
        #expect(kernel["name"] as? String == "python3")
        let cells = try #require(object["cells"] as? [[String: Any]])
        #expect(cells.contains { $0["cell_type"] as? String == "markdown" })
        for cell in cells {
            #expect(cell["id"] is String)
            #expect(cell["metadata"] is [String: Any])
            #expect(cell["source"] is [String])
            if cell["cell_type"] as? String == "code" {
                #expect(cell["outputs"] as? [Any] != nil)
                #expect(cell["execution_count"] is NSNull, "execution_count is present and null")
            } else {
                #expect(cell["outputs"] == nil && cell["execution_count"] == nil)
            }
        }
    }

    @Test func readsTheCSVFilesByRelativePath() throws {
        let notebook = try Self.mm1Notebook()
        let code = notebook.cells.filter { $0.cellType == .code }.map(\.text).joined(separator: "\n")
        #expect(code.contains("RUN_DIR = \"../reports/mm1-check\""))
        for file in ["summary.csv", "replications.csv", "timeseries.csv"] {
            #expect(code.contains("read(\"\(file)\")"))
        }
        #expect(code.contains("pd.read_csv(os.path.join(RUN_DIR, name)"))
        #expect(code.contains("import matplotlib.pyplot as plt"))
        #expect(!code.contains("\"/"), "no absolute path")
        // Inside the run directory the default is the directory itself.
        let inside = NotebookExport.notebook(try ReportFixtures.edgeScenario(), RunSummary(ReportFixtures.edgeResults()))
        #expect(inside.cells[1].text.contains("RUN_DIR = \".\""))
    }

    @Test func cellsFollowTheMetricsPresent() throws {
        let mm1 = try Self.mm1Notebook().cells.map(\.text).joined()
        #expect(mm1.contains("## Throughput over time"))
        #expect(mm1.contains("## Response and waits over time"))
        #expect(mm1.contains("## Stations"))
        #expect(!mm1.contains("## Upstream p99 per cluster"))
        #expect(!mm1.contains("## Requests per host"))
        #expect(!mm1.contains("## Latency over time"))

        let edge = try Self.edgeNotebook().cells.map(\.text).joined()
        #expect(edge.contains("## Upstream p99 per cluster"))
        #expect(edge.contains("## Requests per host"))
        #expect(edge.contains("## Latency over time"))
        #expect(edge.contains("## Utilization over time"))
        #expect(!edge.contains("## Stations"))
    }

    @Test func sameRunSameBytes() throws {
        #expect(try Self.mm1Notebook().json() == Self.mm1Notebook().json())
        #expect(try Self.edgeNotebook().json() == Self.edgeNotebook().json())
        let notebook = try Self.edgeNotebook()
        #expect(try Notebook.decode(notebook.json()) == notebook, "decoding gives back the same notebook")
    }

    @Test func scenarioTextStaysText() throws {
        let scenario = try ReportFixtures.scenario(ReportFixtures.hostileText)
        let results = ReportFixtures.run(scenario, replications: 2)
        let notebook = NotebookExport.notebook(scenario, RunSummary(results))
        let title = notebook.cells[0].text
        #expect(title.hasPrefix("# &lt;script&gt;alert(1)&lt;/script&gt;: a rehearse run"))
        #expect(!notebook.cells.contains { $0.cellType == .markdown && $0.text.contains("<script") })
        // Component names reach Python as exact string literals.
        let edge = try Self.edgeNotebook().cells.map(\.text).joined()
        #expect(edge.contains("\"edge.cluster.x\\\"><svg onload=alert(3)>\""), "a quote in a name is escaped for Python")
    }

    @Test func exportFromARunDirectory() throws {
        let (scenario, results) = try ReportFixtures.mm1()
        let summary = RunSummary(results)
        let manifest = RunManifest(scenario, results: results, wallSeconds: 1)
        let csv = RunFiles.summary(scenario, summary)
        #expect(NotebookExport.metricKeys(summaryCSV: csv) == summary.rows.map(\.key))
        let fromDisk = NotebookExport.notebook(manifest: manifest, summaryCSV: csv, runDirectory: "../reports/mm1-check", description: scenario.description)
        let inMemory = NotebookExport.notebook(scenario, summary, runDirectory: "../reports/mm1-check")
        #expect(fromDisk == inMemory)
        #expect(fromDisk.cells[1].text.contains("WARMUP_S = 300"))
    }

    @Test func summaryCSVWithQuotedFields() throws {
        let csv = "scenario,variant,component,metric,unit,mean\r\n"
            + "a,\"x=1;y=\"\"2\"\"\",\"edge.cluster.a,b\",upstream_rq_total,count,3\r\n"
            + "a,default,network,\"line\nbreak\",s,1\r\n"
        #expect(NotebookExport.metricKeys(summaryCSV: csv) == [
            MetricKey("edge.cluster.a,b", "upstream_rq_total", "count"),
            MetricKey("network", "line\nbreak", "s"),
        ])
        #expect(NotebookExport.metricKeys(summaryCSV: "") == [])
    }

    @Test func relativePaths() {
        #expect(NotebookExport.relativePath(from: "notebooks-export", to: "reports/tandem") == "../reports/tandem")
        #expect(NotebookExport.relativePath(from: "/work/main/notebooks-export", to: "/work/main/reports/tandem/") == "../reports/tandem")
        #expect(NotebookExport.relativePath(from: "/runs/a", to: "/runs/a") == ".")
        #expect(NotebookExport.relativePath(from: "/runs/a", to: "/runs/a/b") == "b")
        #expect(NotebookExport.relativePath(from: "/x/y/z", to: "/x/q") == "../../q")
        #expect(NotebookExport.relativePath(from: ".", to: "./reports/./r") == "reports/r")
    }
}
