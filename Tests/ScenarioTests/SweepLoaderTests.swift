import Scenario
import SimKernel
import Testing

/// `sweep:` and `--grid`: the grid's order, each point validated like `--set`, and every
/// mistake reported where it was written.
@Suite struct SweepLoaderTests {
    /// `baseScenario` with a sweep section from line 11:
    ///
    ///     11  sweep:
    ///     12    parameters:
    ///     13      stations.server.servers: [1, 2, 3]
    ///     14      stations.server.service: [50ms, { exponential: { mean: 80ms } }]
    ///     15    metrics: [ "station.server,wait_mean,s" ]
    ///     16    replications: 2
    static let text = base(appending: """
        sweep:
          parameters:
            stations.server.servers: [1, 2, 3]
            stations.server.service: [50ms, { exponential: { mean: 80ms } }]
          metrics: [ "station.server,wait_mean,s" ]
          replications: 2
        """)

    private func sweep(_ text: String = SweepLoaderTests.text, overrides: [String] = [], grid: [String] = [], replications: Int? = nil) throws -> Sweep {
        try SweepLoader.parse(text, file: "t.yaml", overrides: overrides, grid: grid, replications: replications)
    }

    private func error(_ text: String = SweepLoaderTests.text, overrides: [String] = [], grid: [String] = []) -> Diagnostic? {
        do {
            _ = try sweep(text, overrides: overrides, grid: grid)
            return nil
        } catch {
            return error as? Diagnostic
        }
    }

    // MARK: The grid

    @Test func pointsAreTheProductWithTheFirstParameterSlowest() throws {
        let sweep = try sweep()
        #expect(sweep.parameters.map(\.path) == ["stations.server.servers", "stations.server.service"])
        #expect(sweep.parameters[1].values.map(\.text) == ["50ms", "{ exponential: { mean: 80ms } }"])
        #expect(sweep.points.map(\.index) == Array(0..<6))
        #expect(sweep.points.map(\.choices) == [[0, 0], [0, 1], [1, 0], [1, 1], [2, 0], [2, 1]])
        let stations = sweep.points.map { $0.scenario.network!.stations[0] }
        #expect(stations.map(\.servers) == [1, 1, 2, 2, 3, 3])
        #expect(stations.map(\.service) == [.constant(0.05), .exponential(mean: 0.08), .constant(0.05), .exponential(mean: 0.08), .constant(0.05), .exponential(mean: 0.08)])
        #expect(sweep.assignments(of: 3) == "stations.server.servers=2, stations.server.service={ exponential: { mean: 80ms } }")
        #expect(sweep.metrics.map(\.key) == [MetricKey("station.server", "wait_mean", "s")])
        #expect(sweep.metrics[0].location == SourceLocation(file: "t.yaml", line: 15, column: 14))
    }

    @Test func everyPointRunsTheSameSeedsAndReplications() throws {
        let sweep = try sweep()
        #expect(sweep.replications == 2)
        #expect(sweep.itemCount == 12)
        #expect(sweep.points.allSatisfy { $0.scenario.seed == sweep.scenario.seed && $0.scenario.replications == 2 })
        #expect(sweep.points.allSatisfy { $0.scenario.variant == "default" && $0.scenario.text == SweepLoaderTests.text })
        #expect(sweep.item(7) == (point: 3, replication: 1))
    }

    @Test func replicationsComeFromTheCommandLineThenTheSweepThenTheScenario() throws {
        let withScenario = SweepLoaderTests.text.replacingLine(2, with: "duration: 1h\nreplications: 4")
        #expect(try sweep(withScenario).replications == 2)
        #expect(try sweep(withScenario, replications: 5).replications == 5)
        #expect(try sweep(withScenario.replacingLine(17, with: "")).replications == 4)
        #expect(try sweep(overrides: ["sweep.replications=3"]).replications == 3)
    }

    @Test func overridesApplyToEveryPointAndNameTheVariant() throws {
        let sweep = try sweep(overrides: ["stations.server.capacity=7"])
        #expect(sweep.points.allSatisfy { $0.scenario.network!.stations[0].capacity == 7 })
        #expect(sweep.points.allSatisfy { $0.scenario.variant == "stations.server.capacity=7" })
    }

    @Test func aGridOptionReplacesAParameterInPlaceOrAddsOne() throws {
        let sweep = try sweep(grid: ["stations.server.servers=4,5", "warmup=1m,2m"])
        #expect(sweep.parameters.map(\.path) == ["stations.server.servers", "stations.server.service", "warmup"])
        #expect(sweep.parameters[0].values.map(\.text) == ["4", "5"])
        #expect(sweep.points.count == 8)
        #expect(sweep.points.map(\.scenario.warmup) == [.seconds(60), .seconds(120)].repeated(4))
        #expect(sweep.points.map { $0.scenario.network!.stations[0].servers } == [4, 4, 4, 4, 5, 5, 5, 5])
        #expect(sweep.parameters[2].location == SourceLocation(file: "--grid", line: 2, column: 1))
    }

    @Test func gridValuesAreYAMLSeparatedByTopLevelCommas() throws {
        let sweep = try sweep(grid: ["stations.server.service={ constant: 1s },{ exponential: { mean: 2s } }, 3s"])
        #expect(sweep.parameters[1].values.map(\.text) == ["{ constant: 1s }", "{ exponential: { mean: 2s } }", "3s"])
        #expect(sweep.points.prefix(3).map { $0.scenario.network!.stations[0].service } == [.constant(1), .exponential(mean: 2), .constant(3)])
    }

    @Test func aScenarioWithoutASweepNeedsAGrid() throws {
        #expect(error(baseScenario)?.description
            == "t.yaml:1:1: error: nothing to sweep: give the scenario a 'sweep:' section with 'parameters', or use --grid PATH=V1,V2,...")
        let sweep = try sweep(baseScenario, grid: ["stations.server.servers=1,2"])
        #expect(sweep.points.count == 2)
        #expect(sweep.metrics.isEmpty)
        #expect(sweep.replications == 1)
    }

    // MARK: Mistakes, where they were written

    @Test(arguments: [
        (["stations.server.servers"], "--grid:1:1: error: a grid is PATH=V1,V2,..., found 'stations.server.servers'"),
        (["stations.server.servers="], "--grid:1:25: error: parameter 'stations.server.servers' needs at least one value"),
        (["stations..servers=1"], "--grid:1:1: error: malformed parameter path 'stations..servers': names separated by single dots, as for --set"),
        (["seed=1,2"], "--grid:1:1: error: 'seed' cannot be swept: every point runs with the scenario's name, seed and replications (common random numbers across points)"),
        (["sweep.replications=1,2"], "--grid:1:1: error: 'sweep.replications' cannot be swept: every point runs with the scenario's name, seed and replications (common random numbers across points)"),
        (["stations.server.servers=2,2"], "--grid:1:27: error: value 2 of parameter 'stations.server.servers' is listed twice"),
        (["warmup=1m", "stations.server.servers=1,0"],
         "--grid:2:27: error: station 'server' servers must be between 1 and 1000000, found 0 (sweep point 2: stations.server.servers=0, stations.server.service=50ms, warmup=1m)"),
        (["stations.server.servers=1,{ a"], "--grid:1:30: error: while parsing a flow mapping, did not find expected ',' or '}'"),
        (["stations.server.servrs=1"],
         "--grid:1:1: error: unknown key 'servrs' in station 'server'; did you mean 'servers'? (sweep point 0: stations.server.servers=1, stations.server.service=50ms, stations.server.servrs=1)"),
        (["stations.server=1,2"], "t.yaml:13:5: error: parameter 'stations.server.servers' lies inside 'stations.server', which is swept too"),
    ])
    func gridMistakes(grid: [String], message: String) {
        #expect(error(grid: grid)?.description == message)
    }

    @Test func anInvalidValueInTheFileIsReportedThereNamingThePoint() {
        let text = SweepLoaderTests.text.replacingLine(13, with: "    stations.server.servers: [1, 0]")
        #expect(error(text)?.description
            == "t.yaml:13:34: error: station 'server' servers must be between 1 and 1000000, found 0 (sweep point 2: stations.server.servers=0, stations.server.service=50ms)")
        let service = SweepLoaderTests.text.replacingLine(14, with: "    stations.server.service: [50ms, { exponential: { mean: -1s } }]")
        #expect(error(service)?.description
            == "t.yaml:14:60: error: station 'server' service (exponential) mean: durations cannot be negative (sweep point 1: stations.server.servers=1, stations.server.service={ exponential: { mean: -1s } })")
    }

    @Test(arguments: [
        (12, "  paramters:", "t.yaml:12:3: error: unknown key 'paramters' in 'sweep'; did you mean 'parameters'?"),
        (13, "    stations.server.servers: 3", "t.yaml:13:30: error: parameter 'stations.server.servers' takes a list of values, found '3'"),
        (13, "    stations.server.servers: []", "t.yaml:13:30: error: parameter 'stations.server.servers' needs at least one value"),
        (13, "    name: [a, b]", "t.yaml:13:5: error: 'name' cannot be swept: every point runs with the scenario's name, seed and replications (common random numbers across points)"),
        (15, "  metrics: station.server,wait_mean,s", "t.yaml:15:12: error: 'sweep.metrics' must be a list of 'component,metric,unit', found 'station.server,wait_mean,s'"),
        (15, "  metrics: [ \"station.server,wait_mean\" ]", "t.yaml:15:14: error: a metric is 'component,metric,unit' without spaces, as in summary.csv (e.g. 'edge,latency_p99,ms'); found 'station.server,wait_mean'"),
        (15, "  metrics: [ \"station.server, wait_mean,s\" ]", "t.yaml:15:14: error: a metric is 'component,metric,unit' without spaces, as in summary.csv (e.g. 'edge,latency_p99,ms'); found 'station.server, wait_mean,s'"),
        (15, "  metrics: [ \"a,b,c\", \"a,b,c\" ]", "t.yaml:15:23: error: metric 'a,b,c' is listed twice in 'sweep.metrics'"),
        (16, "  replications: 0", "t.yaml:16:17: error: 'sweep.replications' must be between 1 and 10000, found 0"),
    ])
    func sweepSectionMistakes(line: Int, replacement: String, message: String) {
        #expect(error(SweepLoaderTests.text.replacingLine(line, with: replacement))?.description == message)
    }

    @Test func theSweepIsAMapping() {
        #expect(error(base(appending: "sweep: [1, 2]"))?.description == "t.yaml:11:8: error: 'sweep' must be a mapping, found a list")
    }

    @Test func emptyParametersAreAMistake() {
        let text = SweepLoaderTests.text.replacingLine(14, with: "").replacingLine(13, with: "").replacingLine(12, with: "  parameters: {}")
        #expect(error(text)?.description == "t.yaml:12:15: error: 'sweep.parameters' needs at least one parameter")
    }

    @Test func aSetOfASweptPathIsAMistake() {
        #expect(error(overrides: ["warmup=1m", "stations.server.servers=4"])?.description
            == "--set:2:1: error: 'stations.server.servers' is swept; give its values to the grid instead of --set")
    }

    // MARK: Metrics to chart

    @Test func metricsAreCheckedAgainstTheModelBeforeAnythingRuns() throws {
        try sweep().checkMetrics()
        let typo = SweepLoaderTests.text.replacingLine(15, with: "  metrics: [ \"station.server,wait_man,s\" ]")
        let misspelt = try sweep(typo)
        do {
            try misspelt.checkMetrics()
            Issue.record("a misspelt metric passed the check")
        } catch {
            #expect(error.description == "t.yaml:15:14: error: no point of the sweep reports metric 'station.server,wait_man,s'; did you mean 'station.server,wait_mean,s'?")
        }
        let unknown = SweepLoaderTests.text.replacingLine(15, with: "  metrics: [ \"edge,latency_p99,ms\" ]")
        let absent = try sweep(unknown)
        do {
            try absent.checkMetrics()
            Issue.record("a metric no point reports passed the check")
        } catch {
            #expect(error.message.hasPrefix("no point of the sweep reports metric 'edge,latency_p99,ms' (components: "))
        }
    }

    @Test func aNoisyNeighbourRankIsNotAMetricToChart() throws {
        let text = SweepLoaderTests.text.replacingLine(15, with: "  metrics: [ \"tenants.top_p99.01,tenant,id\" ]")
        let listed = try sweep(text)
        do {
            try listed.checkMetrics()
            Issue.record("a noisy-neighbour rank passed the check")
        } catch {
            #expect(error.description.hasPrefix("t.yaml:15:14: error: 'tenants.top_p99.01,tenant,id' is a rank of a noisy-neighbour list"))
        }
    }

    // MARK: Values as text

    @Test func flowTextNamesValuesOnOneLine() throws {
        let node = try YAMLNode.parse("{ a: 1, b: [x, \"y z\"], c: {}, d: ~, e: 'q\"' }", file: "v")
        #expect(node.flowText == "{ a: 1, b: [x, \"y z\"], c: {}, d: ~, e: \"q\\\"\" }")
        #expect(try YAMLNode.parse("- 1\n- 2", file: "v").flowText == "[1, 2]")
    }
}

extension Array {
    /// The array `count` times over.
    func repeated(_ count: Int) -> [Element] { (0..<count).flatMap { _ in self } }
}
