import Foundation
import Testing

/// Invalid input: exit code 2, a message on stderr, and no run directory.
@Suite struct BadInputTests {
    enum Case: String, CaseIterable, Sendable {
        case brokenScenario, missingScenario, invalidOverride, overrideOfMissingPath, warmupAfterDuration
        case zeroReplications, zeroJobs

        func arguments(_ workspace: Workspace, out: String) throws -> [String] {
            switch self {
            case .brokenScenario:
                let file = try workspace.write("broken.yaml", Broken.unknownKey)
                return ["run", file, "--replications", "1", "--out", out]
            case .missingScenario:
                return ["run", workspace.path("absent.yaml"), "--out", out]
            case .invalidOverride:
                return Workspace.shortRun(out, ["--set", "stations.server.servers=zero"])
            case .overrideOfMissingPath:
                return Workspace.shortRun(out, ["--set", "stations.nowhere.servers=2"])
            case .warmupAfterDuration:
                return Workspace.shortRun(out, ["--set", "warmup=3h"])
            case .zeroReplications:
                return ["run", Workspace.mm1, "--replications", "0", "--out", out]
            case .zeroJobs:
                return Workspace.shortRun(out, ["--jobs", "0"])
            }
        }
    }

    @Test(arguments: Case.allCases)
    func writesNothing(_ input: Case) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let out = workspace.path("report")
        let outcome = try CLI.run(try input.arguments(workspace, out: out), in: workspace.url)
        #expect(outcome.status == 2, "stderr: \(outcome.stderr)")
        #expect(!outcome.stderr.isEmpty)
        #expect(!workspace.exists("report"))
        #expect(!workspace.exists("reports"))
        #expect(try workspace.names(in: ".").allSatisfy { !$0.hasPrefix(".") }, "no staging directory")
    }

    @Test func brokenScenarioMessageHasItsPosition() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let file = try workspace.write("broken.yaml", Broken.unknownKey)
        let outcome = try CLI.run(["run", file, "--out", workspace.path("report")], in: workspace.url)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("\(file):5:3: error: unknown key 'generatr'"))
        #expect(outcome.stdout.isEmpty)
    }
}
