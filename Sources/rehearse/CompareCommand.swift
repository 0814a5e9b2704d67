import ArgumentParser
import Dispatch
import Foundation
import Reports
import Scenario
import SimKernel

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two designs with paired replications and common random numbers.",
        discussion: """
            Runs both scenarios with the same seed and replication count, so replication r of each \
            draws the same numbers from every named random stream, and reports each metric's paired \
            difference B − A with a 95% confidence interval. Writes compare.csv, compare.html and \
            compare.json, and each design's own run directory under a/ and b/.
            To compare one scenario with a change: rehearse compare s.yaml s.yaml --set-b PATH=VALUE.
            """)

    @Argument(help: "Design A, the reference (YAML).")
    var a: String

    @Argument(help: "Design B (YAML).")
    var b: String

    @Option(help: "Seed of both runs (default: A's).")
    var seed: UInt64?

    @Option(help: "Paired replications (default: A's).")
    var replications: Int?

    @Option(help: "Replications run at once; never changes the results. Default: the number of processors.")
    var jobs: Int?

    @Option(help: "The directory to write (default: reports/compare-<A>-vs-<B>).")
    var out: String?

    @Option(name: .customLong("set"), help: "Override a value in both designs: PATH=VALUE (repeatable).")
    var overrides: [String] = []

    @Option(name: .customLong("set-a"), help: "Override a value in A only (repeatable; numbered after the --set ones in messages).")
    var overridesA: [String] = []

    @Option(name: .customLong("set-b"), help: "Override a value in B only (repeatable; numbered after the --set ones in messages).")
    var overridesB: [String] = []

    @Flag(help: "No progress bar.")
    var quiet = false

    /// Significant differences printed on the terminal; the rest are in the files.
    static let printedDifferences = 15

    func validate() throws {
        if let replications, !(1...Scenario.maximumReplications).contains(replications) {
            throw ValidationError("--replications must be between 1 and \(Scenario.maximumReplications)")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var designA = try ScenarioLoader.load(file: a, overrides: overrides + overridesA)
        var designB = try ScenarioLoader.load(file: b, overrides: overrides + overridesB)
        let pairedSeed = seed ?? designA.seed
        let pairs = replications ?? designA.replications
        if seed == nil, designB.seed != designA.seed {
            printError("note: B's seed \(designB.seed) is replaced by A's \(pairedSeed), so that the replications pair")
        }
        if replications == nil, designB.replications != designA.replications {
            printError("note: both designs run A's \(pairs) replications")
        }
        if designA.duration != designB.duration || designA.warmup != designB.warmup {
            printError("warning: the designs simulate different spans (duration or warm-up); counts and rates measure different windows")
        }
        if pairs < 2 { printError("warning: with one replication no difference can be shown significant") }
        for design in [designA, designB] {
            for warning in design.warnings { printError(warning.description) }
        }
        designA.seed = pairedSeed
        designB.seed = pairedSeed
        designA.replications = pairs
        designB.replications = pairs

        let destination = URL(fileURLWithPath: out ?? "reports/compare-\(RunCommand.directoryName(for: designA.name))-vs-\(RunCommand.directoryName(for: designB.name))")
        let workers = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let (resultsA, wallA) = run(designA, workers: workers)
        let (resultsB, wallB) = run(designB, workers: workers)

        let comparison = PairedComparison(resultsA, resultsB)
        let manifestA = RunManifest(designA, results: resultsA, wallSeconds: wallA)
        let manifestB = RunManifest(designB, results: resultsB, wallSeconds: wallB)
        var files: [(name: String, contents: String)] = [
            (CompareFiles.csvName, CompareFiles.csv(designA, designB, comparison)),
            (CompareFiles.manifestName, CompareFiles.manifest(a: manifestA, b: manifestB)),
            (CompareReport.fileName, CompareReport.render(
                a: .init(scenario: designA, results: TenantsCSV.withoutNeighbours(resultsA)),
                b: .init(scenario: designB, results: TenantsCSV.withoutNeighbours(resultsB)), comparison)),
        ]
        files += RunFiles.directory(designA, resultsA, wallSeconds: wallA).map { ("a/" + $0.name, $0.contents) }
        files += RunFiles.directory(designB, resultsB, wallSeconds: wallB).map { ("b/" + $0.name, $0.contents) }
        do {
            try RunDirectory.write(files, to: destination)
        } catch {
            throw CommandFailure(message: "cannot write \(destination.path): \(error)", code: 1)
        }
        printSummary(comparison)
        print("report: \(destination.path)")
    }

    private func run(_ design: Scenario, workers: Int) -> ([ReplicationResult], Double) {
        let progress = (!quiet && isatty(STDERR_FILENO) == 1)
            ? TerminalProgress(replications: design.replications, duration: design.duration) : nil
        let start = DispatchTime.now().uptimeNanoseconds
        let results = ScenarioRunner.run(design, replications: design.replications, jobs: workers, progress: progress)
        progress?.finish()
        return (results, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
    }

    private func printSummary(_ comparison: PairedComparison) {
        let significant = comparison.significant
        print("\(comparison.pairs) paired replication(s), \(comparison.rows.count) metrics compared, \(significant.count) differ significantly (95%)")
        for row in significant.prefix(Self.printedDifferences) {
            let d = row.difference
            let relative = row.relativeDifference.isFinite ? String(format: " (%+.1f%%)", row.relativeDifference * 100) : ""
            print("  \(row.key): \(format(row.a.mean)) -> \(format(row.b.mean))\(relative), B-A \(format(d.mean)) [\(format(d.lower)), \(format(d.upper))]")
        }
        if significant.count > Self.printedDifferences {
            print("  ... and \(significant.count - Self.printedDifferences) more in compare.csv")
        }
    }

    private func format(_ value: Double) -> String { String(format: "%.4g", value) }
}
