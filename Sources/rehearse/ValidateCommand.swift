import ArgumentParser
import Foundation
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
        var parts: [String] = []
        if let network = loaded.network {
            parts.append("\(network.sources.count) source(s), \(network.stations.count) station(s)")
        }
        if let platform = loaded.platform {
            parts.append("\(platform.services.count) service(s)")
            if let edge = platform.edge {
                parts.append("\(edge.proxies.count) proxies, \(edge.clusters.count) cluster(s)")
            }
            if let traffic = platform.traffic {
                parts.append("\(traffic.classes.count) request kind(s) at \(traffic.rate.formatted(.number)) per second")
            }
            if let tenants = platform.tenants, let workload = platform.workload {
                parts.append("\(tenants.count.formatted(.number)) tenants, \(workload.routes.count) route(s)")
            }
            if !platform.fleets.fleets.isEmpty { parts.append("\(platform.fleets.fleets.count) fleet(s)") }
            if !platform.tables.isEmpty { parts.append("\(platform.tables.count) table(s)") }
        }
        if loaded.provisioning != nil { parts.append("the provisioning workflow") }
        print("\(scenario): ok: '\(loaded.name)', \(parts.joined(separator: ", ")), \(loaded.replications) replication(s) of \(loaded.duration)")
    }
}
