import ArgumentParser
import Scenario

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario; print file:line:column diagnostics and exit 2 if it is invalid.")

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(name: .customLong("set"), help: "Override a value before validation: PATH=VALUE (repeatable).")
    var overrides: [String] = []

    func run() throws {
        let loaded = try ScenarioLoader.load(file: scenario, overrides: overrides)
        for warning in loaded.warnings { printError(warning.description) }
        print("\(scenario): ok: '\(loaded.name)', \(loaded.network.sources.count) source(s), \(loaded.network.stations.count) station(s), \(loaded.replications) replication(s) of \(loaded.duration)")
    }
}
