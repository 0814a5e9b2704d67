import ArgumentParser
import Dispatch
import Foundation
import Reports
import Scenario
import SimKernel

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario at every point of a parameter grid (its 'sweep:' section and --grid) and write sweep.csv and sweep.html.",
        discussion: """
            Points are the cartesian product of the parameters' values, the first parameter varying slowest; \
            every point runs the same replications with the same seeds. --shard I/N runs the items \
            (point * replications + replication) whose number modulo N is I - 1; `rehearse merge` joins the \
            shards into the same bytes as one unsharded sweep.
            """)

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "A parameter and its values: PATH=V1,V2,... (repeatable; replaces the scenario's values for PATH or adds a parameter).")
    var grid: [String] = []

    @Option(help: "Replications of every point (overrides sweep.replications and the scenario's).")
    var replications: Int?

    @Option(help: "Runs at once; never changes the results. Default: the number of processors.")
    var jobs: Int?

    @Option(help: "Run only shard I of N (I/N, from 1) of the sweep's runs.")
    var shard: String?

    @Option(name: .customLong("set"), help: "Override a value at every point: PATH=VALUE (repeatable).")
    var overrides: [String] = []

    @Option(help: "The directory to write (default: reports/<scenario name>-sweep, or ...-shard-I-of-N).")
    var out: String?

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        if let replications, !(1...Scenario.maximumReplications).contains(replications) {
            throw ValidationError("--replications must be between 1 and \(Scenario.maximumReplications)")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let shard, SweepShard(shard) == nil {
            throw ValidationError("--shard must be I/N with 1 <= I <= N <= \(SweepShard.maximumCount), found '\(shard)'")
        }
    }

    func run() throws {
        let sweep = try SweepLoader.load(file: scenario, overrides: overrides, grid: grid, replications: replications)
        try sweep.checkMetrics()
        reportWarnings(sweep)
        let slice = shard.flatMap(SweepShard.init)
        let items = slice?.items(of: sweep.itemCount) ?? Array(0..<sweep.itemCount)

        var name = "reports/\(RunCommand.directoryName(for: sweep.scenario.name))-sweep"
        if let slice { name += "-shard-\(slice.index)-of-\(slice.count)" }
        let destination = URL(fileURLWithPath: out ?? name)
        let workers = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let longest = sweep.points.map(\.scenario.duration).max() ?? .zero
        let progress = (!quiet && isatty(STDERR_FILENO) == 1 && !items.isEmpty)
            ? TerminalProgress(replications: items.count, duration: longest) : nil

        let start = DispatchTime.now().uptimeNanoseconds
        let results = SweepRunner.run(sweep, items: items, jobs: workers, progress: progress)
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        progress?.finish()

        let output = SweepResults(record: SweepRecord(sweep, shard: slice, results: results), items: results)
        do {
            try RunDirectory.write(SweepFiles.all(output), to: destination)
        } catch {
            throw CommandFailure(message: "cannot write \(destination.path): \(error)", code: 1)
        }
        let part = slice.map { " (shard \($0): \(items.count) of \(sweep.itemCount) runs)" } ?? ""
        print("\(sweep.scenario.name): \(sweep.points.count) point(s) x \(sweep.replications) replication(s)\(part), \(output.record.events) events in \(String(format: "%.2f", wall)) s")
        print("sweep: \(destination.path)")
    }

    /// The scenario's own warnings once, then each point's further ones with the point named.
    private func reportWarnings(_ sweep: Sweep) {
        let common = sweep.scenario.warnings
        for warning in common { printError(warning.description) }
        for point in sweep.points {
            for warning in point.scenario.warnings where !common.contains(warning) {
                printError("\(warning) (sweep point \(point.index): \(sweep.assignments(of: point.index)))")
            }
        }
    }
}
