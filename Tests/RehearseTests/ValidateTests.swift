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

    /// The summary line names what the baseline puts together.
    @Test func theBaselineSaysWhatItHolds() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let baseline = Workspace.packageRoot.appendingPathComponent("scenarios/baseline.yaml").path
        let outcome = try CLI.run(["validate", baseline], in: workspace.url)
        #expect(outcome.status == 0)
        #expect(outcome.stdout == "\(baseline): ok: 'baseline', 4 service(s), 12 proxies, 2 cluster(s), 350,000 tenants, 3 route(s), "
            + "2 fleet(s), 1 table(s), the provisioning workflow, 1 replication(s) of 1h\n")
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
