import ArgumentParser
import Dispatch
import Foundation
import Reports
import Scenario
import SimKernel

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario's replications and write its report directory.")

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "Seed of the run (overrides the scenario's).")
    var seed: UInt64?

    @Option(help: "Number of replications (overrides the scenario's).")
    var replications: Int?

    @Option(help: "Replications run at once; never changes the results. Default: the number of processors.")
    var jobs: Int?

    @Option(help: "The run directory to write (default: reports/<scenario name>).")
    var out: String?

    @Option(name: .customLong("set"), help: "Override a value: PATH=VALUE, e.g. stations.web.servers=4 (repeatable).")
    var overrides: [String] = []

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        if let replications, !(1...Scenario.maximumReplications).contains(replications) {
            throw ValidationError("--replications must be between 1 and \(Scenario.maximumReplications)")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var loaded = try ScenarioLoader.load(file: scenario, overrides: overrides)
        if let seed { loaded.seed = seed }
        if let replications { loaded.replications = replications }
        for warning in loaded.warnings { printError(warning.description) }

        let destination = URL(fileURLWithPath: out ?? "reports/\(RunCommand.directoryName(for: loaded.name))")
        let workers = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let progress = (!quiet && isatty(STDERR_FILENO) == 1)
            ? TerminalProgress(replications: loaded.replications, duration: loaded.duration) : nil

        let start = DispatchTime.now().uptimeNanoseconds
        let results = ScenarioRunner.run(loaded, replications: loaded.replications, jobs: workers, progress: progress)
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        progress?.finish()

        let manifest = RunManifest(loaded, results: results, wallSeconds: wall)
        do {
            try RunDirectory.write(RunFiles.directory(loaded, results, wallSeconds: wall), to: destination)
        } catch {
            throw CommandFailure(message: "cannot write \(destination.path): \(error)", code: 1)
        }
        let rate = manifest.eventsPerSecond
        print("\(loaded.name): \(loaded.replications) replication(s), \(manifest.events) events in \(String(format: "%.2f", wall)) s (\(String(format: "%.2f", rate / 1e6)) M events/s)")
        print("report: \(destination.path)")
    }

    /// A directory name from a free-text scenario name: letters, digits, '-', '_' and '.'.
    static func directoryName(for name: String) -> String {
        let safe = String(name.unicodeScalars.map { scalar -> Character in
            let allowed = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar)
            return allowed ? Character(scalar) : "-"
        })
        return safe.trimmingCharacters(in: CharacterSet(charactersIn: ".-")).isEmpty ? "scenario" : safe
    }
}
