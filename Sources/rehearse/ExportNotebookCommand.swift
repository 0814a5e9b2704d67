import ArgumentParser
import Foundation
import Reports

struct ExportNotebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-notebook",
        abstract: "Write a Jupyter notebook (nbformat 4.5) that loads a run directory's CSVs with pandas and plots them.")

    @Argument(help: "A run directory written by `rehearse run`.")
    var runDirectory: String

    @Option(help: "The notebook to write (default: notebooks-export/<run directory name>.ipynb).")
    var out: String?

    func run() throws {
        let directory = URL(fileURLWithPath: runDirectory).standardizedFileURL
        let manifest: RunManifest
        let summary: String
        do {
            manifest = try JSONDecoder().decode(RunManifest.self, from: Data(contentsOf: directory.appendingPathComponent("run.json")))
            summary = try String(contentsOf: directory.appendingPathComponent("summary.csv"), encoding: .utf8)
        } catch {
            throw CommandFailure(message: "\(runDirectory) is not a run directory (run.json and summary.csv): \(error.localizedDescription)", code: 2)
        }
        let destination = URL(fileURLWithPath: out ?? "notebooks-export/\(directory.lastPathComponent).ipynb").standardizedFileURL
        let relative = NotebookExport.relativePath(from: destination.deletingLastPathComponent().path, to: directory.path)
        let notebook = NotebookExport.notebook(manifest: manifest, summaryCSV: summary, runDirectory: relative)
        do {
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            let staging = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
            try Data(notebook.json().utf8).write(to: staging)
            // rename(2) replaces an existing notebook atomically.
            guard rename(staging.path, destination.path) == 0 else {
                try? FileManager.default.removeItem(at: staging)
                throw CommandFailure(message: "cannot rename into \(destination.path): errno \(errno)", code: 1)
            }
        } catch {
            throw CommandFailure(message: "cannot write \(destination.path): \(error)", code: 1)
        }
        print("notebook: \(destination.path)")
    }
}
