import ArgumentParser
import Foundation
import Scenario

@main
struct Rehearse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rehearse",
        abstract: "A deterministic discrete-event simulator of a SaaS platform, for capacity planning.",
        version: "0.1.0",
        subcommands: [
            RunCommand.self, CompareCommand.self, SweepCommand.self, MergeCommand.self, ValidateCommand.self,
            SchemaCommand.self, ExportNotebookCommand.self, BenchCommand.self,
        ])

    /// Exit codes are part of the contract: 0 success, 2 invalid input (nothing written),
    /// 1 internal error. Usage errors count as invalid input.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let diagnostic as Diagnostic {
            FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
            Foundation.exit(2)
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("rehearse: error: \(failure.message)\n".utf8))
            Foundation.exit(failure.code)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data("\(fullMessage(for: error))\n".utf8))
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue == 64 ? 2 : 1)
        }
    }
}

/// A failure with its exit code: 2 for bad input, 1 for anything else.
struct CommandFailure: Error {
    var message: String
    var code: Int32
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
