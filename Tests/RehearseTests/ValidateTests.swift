import Foundation
import Testing

@Suite struct ValidateTests {
    @Test func goodScenario() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let outcome = try CLI.run(["validate", Workspace.mm1], in: workspace.url)
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasPrefix("\(Workspace.mm1): ok: 'mm1'"))
        #expect(outcome.stderr.isEmpty)
        #expect(try workspace.names(in: ".").isEmpty, "validate writes nothing")
    }

    @Test func unknownKeyIsReportedAtItsPosition() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let file = try workspace.write("broken.yaml", Broken.unknownKey)
        let outcome = try CLI.run(["validate", file], in: workspace.url)
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "\(file):5:3: error: unknown key 'generatr' in 'random'; did you mean 'generator'?\n")
        #expect(outcome.stdout.isEmpty)
    }

    @Test func badOverrideIsReportedOnTheSetLine() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let outcome = try CLI.run(["validate", Workspace.mm1, "--set", "stations.server.servers=zero"], in: workspace.url)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("--set:1:"))
        #expect(outcome.stderr.contains(": error: "))
        #expect(outcome.stderrLines.count == 1)
    }
}

/// Invalid scenario files.
enum Broken {
    /// Line 5, column 3: a misspelt key of `random`.
    static let unknownKey = """
        name: broken
        duration: 1h
        seed: 1
        random:
          generatr: taus2
        sources:
          arrivals:
            interarrival: { exponential: { mean: 125ms } }
            to: server
        stations:
          server:
            servers: 1
            service: { exponential: { mean: 100ms } }

        """
}
