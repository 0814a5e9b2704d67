import Foundation
import Testing

@Suite struct ExportNotebookTests {
    @Test func aRunDirectoryBecomesANotebookThatReadsItsCSVs() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let run = try CLI.run(Workspace.shortRun(workspace.path("run")), in: workspace.url)
        try #require(run.status == 0, "stderr: \(run.stderr)")
        let export = try CLI.run(["export-notebook", workspace.path("run"), "--out", workspace.path("nb/run.ipynb")], in: workspace.url)
        #expect(export.status == 0, "stderr: \(export.stderr)")
        let json = try JSONSerialization.jsonObject(with: try workspace.data("nb/run.ipynb")) as? [String: Any]
        #expect(json?["nbformat"] as? Int == 4)
        #expect(json?["nbformat_minor"] as? Int == 5)
        let text = try workspace.text("nb/run.ipynb")
        #expect(text.contains("../run"), "the notebook reads the run directory by relative path")
        #expect(!workspace.exists("nb/.run.ipynb.tmp-\(ProcessInfo.processInfo.processIdentifier)"))
    }

    @Test func aDirectoryThatIsNotARunIsBadInput() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let export = try CLI.run(["export-notebook", workspace.path("nothing"), "--out", workspace.path("x.ipynb")], in: workspace.url)
        #expect(export.status == 2)
        #expect(!workspace.exists("x.ipynb"))
    }
}
