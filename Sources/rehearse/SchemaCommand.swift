import ArgumentParser
import Foundation
import Scenario

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of the scenario format, for editors' YAML support.")

    @Option(help: "Write the schema to this file (atomically) instead of printing it.")
    var out: String?

    func run() throws {
        let text = ScenarioJSONSchema.text
        guard let out else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let destination = URL(fileURLWithPath: out).standardizedFileURL
        let staging = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try Data(text.utf8).write(to: staging)
        } catch {
            throw CommandFailure(message: "cannot write \(destination.path): \(error.localizedDescription)", code: 1)
        }
        // rename(2) replaces an existing schema atomically: an editor never reads half of one.
        guard rename(staging.path, destination.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: staging)
            throw CommandFailure(message: "cannot rename into \(destination.path): \(String(cString: strerror(code)))", code: 1)
        }
    }
}
