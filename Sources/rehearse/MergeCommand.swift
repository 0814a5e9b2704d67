import ArgumentParser
import Foundation
import Reports

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the shards of a sweep (in any order) into the files one unsharded `rehearse sweep` writes.")

    @Argument(help: "Sweep directories written by `rehearse sweep --shard I/N`.")
    var directories: [String] = []

    @Option(help: "The directory to write (default: reports/<scenario name>-sweep).")
    var out: String?

    func validate() throws {
        guard !directories.isEmpty else { throw ValidationError("give the shard directories to merge") }
    }

    func run() throws {
        let merged: SweepResults
        do {
            merged = try SweepMerge.merge(try directories.map { (directory) throws(SweepMergeError) in try SweepInput.read(directory) })
        } catch {
            throw CommandFailure(message: error.description, code: 2)
        }
        let name = "reports/\(RunCommand.directoryName(for: merged.record.scenario.name))-sweep"
        let destination = URL(fileURLWithPath: out ?? name)
        do {
            try RunDirectory.write(SweepFiles.all(merged), to: destination)
        } catch {
            throw CommandFailure(message: "cannot write \(destination.path): \(error)", code: 1)
        }
        print("\(merged.record.scenario.name): \(directories.count) director\(directories.count == 1 ? "y" : "ies"), \(merged.record.points.count) point(s) x \(merged.record.replications) replication(s)")
        print("sweep: \(destination.path)")
    }
}
