import Scenario
import SimKernel
import Testing

/// `--set PATH=VALUE` overrides, validated like the file, with diagnostics at `--set:N:COLUMN`.
@Suite struct OverrideTests {
    private func parse(_ overrides: [String], text: String = baseScenario) throws -> Scenario {
        try ScenarioLoader.parse(text, file: "t.yaml", overrides: overrides)
    }

    // MARK: Overrides that apply

    @Test func replacesAnExistingScalar() throws {
        let scenario = try parse(["stations.server.servers=3"])
        #expect(scenario.network?.stations.first?.servers == 3)
        #expect(scenario.variant == "stations.server.servers=3")
        #expect(scenario.overrides == ["stations.server.servers=3"])
        #expect(scenario.text == baseScenario)
    }

    @Test func replacesAWholeDistributionWithAFlowValue() throws {
        let scenario = try parse(["stations.server.service={ lognormal: { median: 80ms, p99: 400ms } }"])
        #expect(scenario.network?.stations.first?.service == .lognormal(median: ms(80), p99: ms(400)))
    }

    @Test func replacesADistributionWithABareDuration() throws {
        let scenario = try parse(["stations.server.service=80ms"])
        #expect(scenario.network?.stations.first?.service == .constant(ms(80)))
    }

    @Test func addsAnAbsentTopLevelKey() throws {
        let scenario = try parse(["warmup=5m"])
        #expect(scenario.warmup == .seconds(300))
    }

    @Test func addsAnAbsentStationKey() throws {
        let scenario = try parse(["stations.server.capacity=5"])
        #expect(scenario.network?.stations.first?.capacity == 5)
    }

    @Test func addsAWholeStation() throws {
        let scenario = try parse(["stations.db={ service: 5ms }"])
        #expect(scenario.network?.stations.map(\.name) == ["server", "db"])
        #expect(scenario.network?.stations.last?.service == .constant(ms(5)))
    }

    @Test func laterOverridesWin() throws {
        let overrides = ["stations.server.servers=2", "stations.server.servers=4"]
        let scenario = try parse(overrides)
        #expect(scenario.network?.stations.first?.servers == 4)
        #expect(scenario.variant == "stations.server.servers=2;stations.server.servers=4")
    }

    @Test func valueMayContainEqualsSigns() throws {
        let scenario = try parse(["description=a=b"])
        #expect(scenario.description == "a=b")
    }

    @Test func emptyValueRemovesAnOptionalKey() throws {
        let text = base(replacingLine: 9, with: "    servers: 1\n    capacity: 4")
        #expect(try parse([], text: text).network?.stations.first?.capacity == 4)
        #expect(try parse(["stations.server.capacity="], text: text).network?.stations.first?.capacity == nil)
    }

    @Test func indexesIntoAList() throws {
        let text = base(replacingLine: 10, with: "    service: { mixture: [ { weight: 1, constant: 10ms }, { weight: 1, constant: 30ms } ] }")
        let scenario = try parse(["stations.server.service.mixture.1.weight=3"], text: text)
        #expect(scenario.network?.stations.first?.service
            == .mixture(Mixture(components: [.constant(ms(10)), .constant(ms(30))], weights: [1, 3])))
    }

    @Test func variantIsDefaultWithoutOverrides() throws {
        let scenario = try parse([])
        #expect(scenario.variant == "default")
        #expect(scenario.overrides.isEmpty)
    }

    @Test func variantJoinsTheOverridesAsGiven() throws {
        let scenario = try parse(["warmup=5m", "stations.server.servers=2", "seed=7"])
        #expect(scenario.variant == "warmup=5m;stations.server.servers=2;seed=7")
        #expect(scenario.seed == 7)
    }

    // MARK: Overrides that do not

    @Test func badValuePointsIntoTheOverride() {
        // "stations.server.servers=" is 24 characters: the value starts at column 25.
        let error = loadError(baseScenario, overrides: ["warmup=5m", "stations.server.servers=two"])
        #expect(error?.description == "--set:2:25: error: station 'server' servers must be a whole number, found 'two'")
    }

    @Test func badValueInsideAFlowValuePointsAtTheValue() {
        // The value starts at column 25; '40ms' is its 35th character, so column 59.
        let error = loadError(baseScenario, overrides: ["stations.server.service={ lognormal: { median: 80ms, p99: 40ms } }"])
        #expect(error?.description == "--set:1:59: error: station 'server' service (lognormal) needs p99 >= median")
    }

    @Test func badAddedValue() {
        let error = loadError(baseScenario, overrides: ["seed=1", "warmup=-5m"])
        #expect(error?.description == "--set:2:8: error: 'warmup': durations cannot be negative")
    }

    @Test func overrideThatBreaksACrossFieldRule() {
        let error = loadError(baseScenario, overrides: ["warmup=2h"])
        #expect(error?.description == "--set:1:8: error: 'warmup' must end before 'duration' (1h)")
    }

    @Test func yamlSyntaxErrorInTheValuePointsIntoTheOverride() throws {
        // On its own, the value "a: b: c" is a syntax error at its 5th character...
        var standalone: Diagnostic?
        do { _ = try YAMLNode.parse("a: b: c", file: "--set") } catch { standalone = error }
        #expect(standalone?.description == "--set:1:5: error: mapping values are not allowed in this context")
        // ...which, as the second override after "stations.server.servers=" (24 characters),
        // is line 2, column 29.
        let error = loadError(baseScenario, overrides: ["seed=3", "stations.server.servers=a: b: c"])
        #expect(error?.description == "--set:2:29: error: mapping values are not allowed in this context")
    }

    @Test func unknownAddedKeyIsReportedAtTheOverride() {
        let error = loadError(baseScenario, overrides: ["stations.server.sevrers=2"])
        #expect(error?.description == "--set:1:1: error: unknown key 'sevrers' in station 'server'; did you mean 'servers'?")
    }

    @Test func pathThroughAMissingParent() {
        let error = loadError(baseScenario, overrides: ["stations.db.servers=2"])
        #expect(error?.description == "--set:1:1: error: cannot set 'stations.db.servers': there is no 'db' to descend into")
    }

    @Test func pathThroughASingleValue() {
        let error = loadError(baseScenario, overrides: ["seed=1", "name.first=x"])
        #expect(error?.description == "--set:2:1: error: cannot set 'name.first': 'first' is inside a single value")
    }

    @Test func indexOutsideAList() {
        let text = base(replacingLine: 10, with: "    service: { mixture: [ { weight: 1, constant: 10ms }, { weight: 1, constant: 30ms } ] }")
        let error = loadError(text, overrides: ["stations.server.service.mixture.2.weight=3"])
        #expect(error?.description
            == "--set:1:1: error: cannot set 'stations.server.service.mixture.2.weight': '2' is not an index of the list (0 to 1)")
    }

    @Test func overrideWithoutEquals() {
        let error = loadError(baseScenario, overrides: ["warmup=1m", "stations.server.servers"])
        #expect(error?.description == "--set:2:1: error: an override is PATH=VALUE, found 'stations.server.servers'")
    }

    @Test func overrideWithAnEmptyPathSegment() {
        let error = loadError(baseScenario, overrides: ["stations..servers=2"])
        #expect(error?.description == "--set:1:1: error: malformed override path 'stations..servers'")
    }

    @Test func overrideWithNoPath() {
        let error = loadError(baseScenario, overrides: ["=2"])
        #expect(error?.description == "--set:1:1: error: malformed override path ''")
    }

    @Test func overridesAreCheckedBeforeTheFileIsRead() {
        // A broken file is still reported against the file, whatever the overrides.
        let text = base(replacingLine: 2, with: "duration: 60")
        #expect(loadError(text, overrides: ["warmup=1m"])?.description
            == "t.yaml:2:11: error: 'duration': duration '60' needs a unit (ns, us, ms, s, m, h, d), e.g. '60s'")
        // And an override can repair it.
        #expect(loadError(text, overrides: ["duration=60s"]) == nil)
    }

    @Test func applyReplacesTheNodeAtThePath() throws {
        let root = try YAMLNode.parse("a:\n  b: 1\n  c: [x, y]\n", file: "f.yaml")
        let changed = try Overrides.apply(["a.b=2", "a.c.0=z", "a.d=new"], to: root)
        guard case .mapping(let top) = changed.content, case .mapping(let a) = try #require(top.first).value.content else {
            Issue.record("expected mappings, found \(changed.content)")
            return
        }
        #expect(a.map(\.key) == ["b", "c", "d"])
        guard case .scalar(let b, _) = a[0].value.content, case .sequence(let c) = a[1].value.content,
              case .scalar(let d, _) = a[2].value.content
        else {
            Issue.record("unexpected shapes: \(a.map(\.value.content))")
            return
        }
        #expect(b == "2")
        #expect(a[0].value.location == SourceLocation(file: "--set", line: 1, column: 5))
        let items = c.compactMap { (node: YAMLNode) -> String? in
            if case .scalar(let text, _) = node.content { return text }
            return nil
        }
        #expect(items == ["z", "y"])
        #expect(d == "new")
        #expect(a[2].keyLocation == SourceLocation(file: "--set", line: 3, column: 1))
        #expect(a[2].value.location == SourceLocation(file: "--set", line: 3, column: 5))
    }
}
