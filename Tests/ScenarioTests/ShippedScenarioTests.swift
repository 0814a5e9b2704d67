import Foundation
import Scenario
import SimKernel
import Testing

/// The scenarios shipped in scenarios/validation/ load cleanly and mean what they say.
@Suite struct ShippedScenarioTests {
    private func load(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(file: validationDirectory.appendingPathComponent(name).path)
    }

    @Test func theValidationDirectoryHoldsTheSixTextbookQueues() {
        #expect(shippedScenarioFiles() == [
            "md1.yaml", "mg1-lognormal.yaml", "mm1.yaml", "mm1k.yaml", "mmc.yaml", "tandem.yaml",
        ])
    }

    @Test(arguments: shippedScenarioFiles())
    func loadsWithoutErrorsOrWarnings(file: String) throws {
        let path = validationDirectory.appendingPathComponent(file).path
        let scenario = try ScenarioLoader.load(file: path)
        #expect(scenario.warnings.isEmpty, "warnings: \(scenario.warnings)")
        #expect(scenario.name == String(file.dropLast(".yaml".count)))
        #expect(scenario.file == path)
        #expect(scenario.text == (try String(contentsOfFile: path, encoding: .utf8)))
        #expect(scenario.overrides.isEmpty)
        #expect(scenario.variant == "default")
        #expect(scenario.seed == 20_261_127)
        #expect(scenario.warmup == .seconds(600))
        // The two scenarios whose checks converge slowest run twice the replications.
        #expect(scenario.replications == (["mmc.yaml", "tandem.yaml"].contains(file) ? 40 : 20))
        #expect(scenario.sampleInterval == .seconds(600))
        #expect(scenario.generator == .mt19937)
        #expect(!scenario.description.isEmpty)
    }

    @Test func mm1() throws {
        let scenario = try load("mm1.yaml")
        #expect(scenario.name == "mm1")
        #expect(scenario.description == "An M/M/1 queue at utilization 0.8, to check the kernel against closed forms.")
        #expect(scenario.duration == .seconds(20 * 3_600))
        #expect(scenario.warmup == .seconds(10 * 60))
        #expect(scenario.network?.sources.count == 1)
        let source = try #require(scenario.network?.sources.first)
        #expect(source.name == "arrivals")
        #expect(source.interarrival == .exponential(mean: ms(125)))
        #expect(source.routes == [NetworkConfiguration.Route(station: 0, probability: 1)])
        #expect(scenario.network?.stations.count == 1)
        let station = try #require(scenario.network?.stations.first)
        #expect(station.name == "server")
        #expect(station.servers == 1)
        #expect(station.capacity == nil)
        #expect(station.service == .exponential(mean: 0.1))
        #expect(station.routes.isEmpty)
    }

    @Test func mm1k() throws {
        let scenario = try load("mm1k.yaml")
        let station = try #require(scenario.network?.stations.first)
        #expect(station.servers == 1)
        #expect(station.capacity == 10)
        #expect(station.service == .exponential(mean: ms(100)))
        #expect(scenario.network?.sources.first?.interarrival == .exponential(mean: SimTime(nanoseconds: 111_111_111).seconds))
    }

    @Test func mmc() throws {
        let scenario = try load("mmc.yaml")
        #expect(scenario.duration == .seconds(50 * 3_600))
        #expect(scenario.network?.stations.map(\.name) == ["servers"])
        let station = try #require(scenario.network?.stations.first)
        #expect(station.servers == 8)
        #expect(station.capacity == nil)
        #expect(station.service == .exponential(mean: ms(900)))
    }

    @Test func md1() throws {
        let station = try #require(try load("md1.yaml").network?.stations.first)
        #expect(station.service == .constant(ms(100)))
    }

    @Test func mg1Lognormal() throws {
        let station = try #require(try load("mg1-lognormal.yaml").network?.stations.first)
        #expect(station.service == .lognormal(median: ms(80), p99: ms(400)))
    }

    @Test func tandemChainsThreeStationsAndExits() throws {
        let scenario = try load("tandem.yaml")
        #expect(scenario.duration == .seconds(30 * 3_600))
        let stations = try #require(scenario.network?.stations)
        #expect(stations.map(\.name) == ["first", "second", "third"])
        #expect(stations.map(\.servers) == [1, 2, 1])
        #expect(stations.map(\.service) == [.exponential(mean: ms(100)), .exponential(mean: ms(250)), .exponential(mean: ms(160))])
        #expect(stations.map(\.routes) == [
            [NetworkConfiguration.Route(station: 1, probability: 1)],
            [NetworkConfiguration.Route(station: 2, probability: 1)],
            [NetworkConfiguration.Route(station: nil, probability: 1)],
        ])
        #expect(scenario.network?.sources.first?.routes == [NetworkConfiguration.Route(station: 0, probability: 1)])
        #expect(scenario.network?.sources.first?.interarrival == .exponential(mean: ms(200)))
    }

    @Test func aMissingFileIsADiagnosticAtItsFirstLine() {
        let path = validationDirectory.appendingPathComponent("no-such-scenario.yaml").path
        #expect(throws: Diagnostic.self) { try ScenarioLoader.load(file: path) }
        do {
            _ = try ScenarioLoader.load(file: path)
        } catch {
            #expect(error.location == SourceLocation(file: path, line: 1, column: 1))
            #expect(error.severity == .error)
            #expect(error.message.hasPrefix("cannot read the scenario: "))
        }
    }
}
