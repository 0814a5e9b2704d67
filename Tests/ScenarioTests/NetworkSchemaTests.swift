import Scenario
import SimKernel
import Testing

/// `sources:` and `stations:`: routing, capacities, and the stability check.
@Suite struct NetworkSchemaTests {
    // MARK: Routes that read

    @Test func routingSharesAndExit() throws {
        let text = base(replacingLine: 10, with: """
                service: { exponential: { mean: 100ms } }
                to: { db: 0.25, exit: 0.75 }
              db:
                servers: 3
                capacity: 7
                service: 20ms
            """)
        let scenario = try ScenarioLoader.parse(text, file: "t.yaml")
        let stations = try #require(scenario.network?.stations)
        #expect(stations.map(\.name) == ["server", "db"])
        #expect(stations[0].routes == [
            NetworkConfiguration.Route(station: 1, probability: 0.25), NetworkConfiguration.Route(station: nil, probability: 0.75),
        ])
        #expect(stations[1].servers == 3)
        #expect(stations[1].capacity == 7)
        #expect(stations[1].service == .constant(ms(20)))
        #expect(stations[1].routes.isEmpty)
        #expect(scenario.warnings.isEmpty)
    }

    @Test func sourceSplitsBetweenStations() throws {
        let text = base(replacingLine: 6, with: "    to: { server: 0.5, other: 0.5 }")
            + "  other:\n    service: 10ms\n"
        let scenario = try ScenarioLoader.parse(text, file: "t.yaml")
        #expect(scenario.network?.sources.first?.routes == [
            NetworkConfiguration.Route(station: 0, probability: 0.5), NetworkConfiguration.Route(station: 1, probability: 0.5),
        ])
    }

    @Test func serversDefaultToOne() throws {
        let text = base(replacingLine: 9, with: "")
        #expect(try ScenarioLoader.parse(text, file: "t.yaml").network?.stations.first?.servers == 1)
    }

    // MARK: Routing mistakes

    @Test func shareAboveOne() {
        let text = base(replacingLine: 10, with: "    service: 100ms\n    to: { exit: 1.5 }")
        #expect(loadError(text)?.description
            == "t.yaml:11:17: error: station 'server' share to 'exit' is a probability and must lie in [0, 1], found 1.5")
    }

    @Test func negativeShare() {
        let text = base(replacingLine: 6, with: "    to: { server: -0.5 }")
        #expect(loadError(text)?.description
            == "t.yaml:6:19: error: source 'arrivals' share to 'server' is a probability and must lie in [0, 1], found -0.5")
    }

    @Test func mappingAsShare() {
        let text = base(replacingLine: 10, with: "    service: 100ms\n    to: { exit: { p: 1 } }")
        #expect(loadError(text)?.description
            == "t.yaml:11:17: error: station 'server' share to 'exit' must be a single value, found a mapping")
    }

    @Test func sharesThatDoNotSumToOne() {
        let text = base(replacingLine: 10, with: "    service: 100ms\n    to: { exit: 0.5, server: 0.25 }")
        #expect(loadError(text)?.description == "t.yaml:11:9: error: station 'server' routing shares sum to 0.75, not 1")
    }

    @Test func sharesAboveOneInTotal() {
        let text = base(replacingLine: 6, with: "    to: { server: 0.75, other: 0.5 }") + "  other:\n    service: 10ms\n"
        #expect(loadError(text)?.description == "t.yaml:6:9: error: source 'arrivals' routing shares sum to 1.25, not 1")
    }

    @Test func emptyRoutingMapping() {
        let text = base(replacingLine: 10, with: "    service: 100ms\n    to: {}")
        #expect(loadError(text)?.description == "t.yaml:11:9: error: station 'server' 'to' names no destination")
    }

    @Test func routeToUnknownStationSuggestsTheClosest() {
        let text = base(replacingLine: 6, with: "    to: sever")
        #expect(loadError(text)?.description == "t.yaml:6:9: error: source 'arrivals' routes to unknown station 'sever'; did you mean 'server'?")
    }

    @Test func shareToUnknownStation() {
        let text = base(replacingLine: 10, with: "    service: 100ms\n    to: { exit: 0.5, database: 0.5 }")
        #expect(loadError(text)?.description == "t.yaml:11:22: error: station 'server' routes to unknown station 'database'")
    }

    @Test func sourceCannotSendToExit() {
        let text = base(replacingLine: 6, with: "    to: exit")
        #expect(loadError(text)?.description == "t.yaml:6:9: error: source 'arrivals' must send its jobs to a station, not 'exit'")
    }

    @Test func sourceCannotSendAShareToExit() {
        let text = base(replacingLine: 6, with: "    to: { server: 0.5, exit: 0.5 }")
        #expect(loadError(text)?.description == "t.yaml:6:24: error: source 'arrivals' must send its jobs to a station, not 'exit'")
    }

    @Test func sourceNeedsDestination() {
        let text = base(replacingLine: 6, with: "")
        #expect(loadError(text)?.description == "t.yaml:5:5: error: source 'arrivals' needs 'to'")
    }

    @Test func stationNamedExit() {
        let text = base(replacingLine: 8, with: "  exit:")
        #expect(loadError(text)?.description == "t.yaml:8:3: error: 'exit' is reserved for leaving the network; name the station otherwise")
    }

    @Test func stationNameWithASpace() {
        let text = base(replacingLine: 8, with: "  web server:")
        #expect(loadError(text)?.description
            == "t.yaml:8:3: error: station name 'web server' must be made of letters, digits, '-' and '_'")
    }

    /// Dots separate the parts of `--set` paths and metric names, so names cannot hold one.
    @Test func stationNameWithADot() {
        let text = base(replacingLine: 8, with: "  db.primary:")
        #expect(loadError(text)?.description
            == "t.yaml:8:3: error: station name 'db.primary' must be made of letters, digits, '-' and '_'")
    }

    @Test func sourceNameWithASlash() {
        let text = base(replacingLine: 4, with: "  users/eu:")
        #expect(loadError(text)?.description
            == "t.yaml:4:3: error: source name 'users/eu' must be made of letters, digits, '-' and '_'")
    }

    @Test func noStations() {
        let text = """
            name: t
            duration: 1h
            sources:
              arrivals:
                interarrival: 1s
                to: server
            stations: {}

            """
        #expect(loadError(text)?.description == "t.yaml:7:11: error: 'stations' needs at least one station")
    }

    @Test func noSources() {
        let text = """
            name: t
            duration: 1h
            sources: {}
            stations:
              server:
                service: 100ms

            """
        #expect(loadError(text)?.description == "t.yaml:3:10: error: 'sources' needs at least one source")
    }

    @Test func zeroInterarrivalTime() {
        let text = base(replacingLine: 5, with: "    interarrival: 0s")
        #expect(loadError(text)?.description == "t.yaml:5:5: error: source 'arrivals' needs a positive mean interarrival time")
    }

    // MARK: Capacity

    @Test func capacityBelowServers() {
        let text = base(replacingLine: 9, with: "    servers: 2\n    capacity: 1")
        #expect(loadError(text)?.description
            == "t.yaml:10:15: error: station 'server' capacity (jobs waiting and in service) must be at least its 2 servers")
    }

    @Test func capacityEqualToServersIsAccepted() throws {
        let text = base(replacingLine: 9, with: "    servers: 2\n    capacity: 2")
        let station = try #require(try ScenarioLoader.parse(text, file: "t.yaml").network?.stations.first)
        #expect(station.servers == 2)
        #expect(station.capacity == 2)
    }

    // MARK: Stability

    @Test func unstableStationIsAWarningAtItsName() throws {
        // 10 jobs/s at 150 ms each: utilization 1.5.
        let text = base(replacingLine: 5, with: "    interarrival: { exponential: { mean: 100ms } }")
            .replacingLine(10, with: "    service: { exponential: { mean: 150ms } }")
        let scenario = try ScenarioLoader.parse(text, file: "t.yaml")
        #expect(scenario.warnings.count == 1)
        let warning = try #require(scenario.warnings.first)
        #expect(warning.severity == .warning)
        #expect(warning.location == SourceLocation(file: "t.yaml", line: 8, column: 3))
        #expect(warning.description
            == "t.yaml:8:3: warning: station 'server' is unstable: utilization 1.5 >= 1, so its queue grows without bound until the horizon")
    }

    @Test func utilizationOfExactlyOneIsUnstable() throws {
        // 1 job/s, two servers of 2 s each: utilization exactly 1.
        let text = base(replacingLine: 9, with: "    servers: 2\n    service: { constant: 2s }").replacingLine(11, with: "")
        let scenario = try ScenarioLoader.parse(text, file: "t.yaml")
        #expect(scenario.warnings.map(\.description) == [
            "t.yaml:8:3: warning: station 'server' is unstable: utilization 1.0 >= 1, so its queue grows without bound until the horizon",
        ])
    }

    @Test func stationWithCapacityIsNeverFlagged() throws {
        let text = base(replacingLine: 9, with: "    servers: 1\n    capacity: 10").replacingLine(11, with: "    service: { exponential: { mean: 10s } }")
        let scenario = try ScenarioLoader.parse(text, file: "t.yaml")
        #expect(scenario.network?.stations.first?.capacity == 10)
        #expect(scenario.warnings.isEmpty)
    }

    @Test func stableStationIsNotFlagged() throws {
        // Utilization 0.999.
        let text = base(replacingLine: 10, with: "    service: { constant: 999ms }")
        #expect(try ScenarioLoader.parse(text, file: "t.yaml").warnings.isEmpty)
    }

    @Test func onlyTheUnstableStationOfANetworkIsFlagged() throws {
        // 1 job/s reaches 'server' (0.1) and then half of them 'slow' (0.5 * 3 s = 1.5).
        let text = base(replacingLine: 10, with: """
                service: { exponential: { mean: 100ms } }
                to: { slow: 0.5, exit: 0.5 }
              slow:
                service: 3s
            """)
        let scenario = try ScenarioLoader.parse(text, file: "t.yaml")
        #expect(scenario.warnings.map(\.description) == [
            "t.yaml:12:3: warning: station 'slow' is unstable: utilization 1.5 >= 1, so its queue grows without bound until the horizon",
        ])
    }

    @Test func feedbackRaisesTheLoad() throws {
        // Half the jobs come back: 2 jobs/s at 600 ms, utilization 1.2.
        let text = base(replacingLine: 10, with: "    service: 600ms\n    to: { server: 0.5, exit: 0.5 }")
        let scenario = try ScenarioLoader.parse(text, file: "t.yaml")
        #expect(scenario.warnings.map(\.description) == [
            "t.yaml:8:3: warning: station 'server' is unstable: utilization 1.2 >= 1, so its queue grows without bound until the horizon",
        ])
    }

    @Test func routingLoopThatNeverExitsIsAnError() {
        let text = base(replacingLine: 8, with: "  a:").replacingLine(6, with: "    to: a").replacingLine(10, with: """
                service: 10ms
                to: b
              b:
                service: 10ms
                to: { a: 1 }
            """)
        #expect(loadError(text)?.description
            == "t.yaml:8:3: error: jobs can circulate among the stations forever: some routing loop never exits")
    }

    @Test func stationThatSendsEverythingBackToItselfIsAnError() {
        let text = base(replacingLine: 10, with: "    service: 10ms\n    to: server")
        #expect(loadError(text)?.description
            == "t.yaml:8:3: error: jobs can circulate among the stations forever: some routing loop never exits")
    }
}
