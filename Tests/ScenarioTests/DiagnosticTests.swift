import Scenario
import SimKernel
import Testing

/// Mistakes in a scenario are reported as `file:line:column: error: message`, at the real
/// position of the mistake.
@Suite struct DiagnosticTests {
    // MARK: The printed form

    @Test func descriptionIsFileLineColumnSeverityMessage() {
        let error = Diagnostic.error(at: SourceLocation(file: "a/b.yaml", line: 12, column: 7), "something is wrong")
        #expect(error.description == "a/b.yaml:12:7: error: something is wrong")
        #expect(error.severity == .error)
        let warning = Diagnostic.warning(at: SourceLocation(file: "--set", line: 2, column: 1), "careful")
        #expect(warning.description == "--set:2:1: warning: careful")
        #expect(warning.severity == .warning)
        #expect(SourceLocation(file: "x.yaml", line: 3, column: 4).description == "x.yaml:3:4")
    }

    @Test func theBaseScenarioIsValid() throws {
        let scenario = try ScenarioLoader.parse(baseScenario, file: "t.yaml")
        #expect(scenario.name == "t")
        #expect(scenario.duration == .seconds(3_600))
        #expect(scenario.warmup == .zero)
        #expect(scenario.replications == 1)
        #expect(scenario.seed == 1)
        #expect(scenario.description == "")
        #expect(scenario.sampleInterval == .seconds(36))
        #expect(scenario.generator == .mt19937)
        #expect(scenario.warnings.isEmpty)
    }

    @Test func optionalTopLevelKeysAreRead() throws {
        let text = base(replacingLine: 2, with: """
            description: "a: quoted description"
            seed: 1_000
            duration: 1h30m
            warmup: 90s
            replications: 7
            sample_interval: 1m
            random: { generator: taus2 }
            """)
        let scenario = try ScenarioLoader.parse(text, file: "t.yaml")
        #expect(scenario.description == "a: quoted description")
        #expect(scenario.seed == 1_000)
        #expect(scenario.duration == .seconds(5_400))
        #expect(scenario.warmup == .seconds(90))
        #expect(scenario.replications == 7)
        #expect(scenario.sampleInterval == .seconds(60))
        #expect(scenario.generator == .taus2)
    }

    /// Zones alone (or a network latency) are no model to run.
    @Test func zonesAloneAreNoModel() {
        let text = "name: z\nduration: 1h\nzones: [a, b]\nnetwork: { same_zone: 1ms }\n"
        #expect(loadError(text)?.description == "t.yaml:1:1: error: the scenario needs a model: 'sources' and 'stations' (a queueing network), 'services', 'edge' and 'traffic', or 'provisioning'")
    }

    // MARK: YAML itself

    @Test func yamlSyntaxError() {
        let text = base(replacingLine: 2, with: "duration: 1h: 2h")
        #expect(loadError(text)?.description == "t.yaml:2:13: error: mapping values are not allowed in this context")
    }

    @Test func unclosedFlowMappingIsASyntaxError() {
        let text = base(replacingLine: 10, with: "    service: { exponential: { mean: 100ms }")
        let error = loadError(text)
        #expect(error?.severity == .error)
        #expect(error?.location.file == "t.yaml")
        #expect(error?.location.line == 11)
        #expect(error?.message == "while parsing a flow mapping, did not find expected ',' or '}'")
    }

    /// The first `duration:` is fine; the mistake is the second one, which may be far below.
    @Test func duplicateKeyPointsAtTheRepetition() {
        let text = base(replacingLine: 2, with: "duration: 1h\nduration: 2h")
        #expect(loadError(text)?.description == "t.yaml:3:1: error: duplicate key 'duration'")
    }

    @Test func duplicateStationKeyPointsAtTheRepetition() {
        let text = base(replacingLine: 9, with: "    servers: 1\n    servers: 2")
        #expect(loadError(text)?.description == "t.yaml:10:5: error: duplicate key 'servers'")
    }

    @Test func emptyDocument() {
        #expect(loadError("# nothing but a comment\n")?.description == "t.yaml:1:1: error: the document is empty")
    }

    @Test func documentThatIsNotAMapping() {
        #expect(loadError("- a\n- b\n")?.description == "t.yaml:1:1: error: the scenario must be a mapping, found a list")
    }

    @Test func undefinedAlias() {
        let text = base(replacingLine: 2, with: "duration: *nowhere")
        #expect(loadError(text)?.description == "t.yaml:2:11: error: found undefined alias")
    }

    @Test func mergeKeysAreRejected() {
        let text = base(replacingLine: 9, with: "    <<: { servers: 2 }")
        #expect(loadError(text)?.description
            == "t.yaml:9:5: error: merge keys ('<<') are not supported; repeat the keys or use an alias for the whole value")
    }

    /// A second document is a mistake at its `---`; the message must say what is wrong on its
    /// own, not only "but found another document".
    @Test func secondDocument() throws {
        let error = try #require(loadError(base(appending: "---\nname: u")))
        #expect(error.location == SourceLocation(file: "t.yaml", line: 11, column: 1))
        #expect(error.message.hasPrefix("expected a single document"), "message: \(error.message)")
    }

    @Test func complexKeysAreRejected() {
        let text = base(appending: "? [a, b]\n: x")
        #expect(loadError(text)?.description == "t.yaml:11:3: error: mapping keys must be plain names")
    }

    @Test func aliasesOfWholeValuesAreExpanded() throws {
        let text = base(replacingLine: 10, with: """
                service: &shared { constant: 100ms }
              other:
                service: *shared
            """)
        let scenario = try ScenarioLoader.parse(text, file: "t.yaml")
        #expect(scenario.network?.stations.map(\.service) == [.constant(ms(100)), .constant(ms(100))])
    }

    // MARK: Unknown keys

    @Test func unknownTopLevelKeySuggestsTheClosestKey() {
        let text = base(replacingLine: 2, with: "duration: 1h\nreplicatons: 3")
        #expect(loadError(text)?.description
            == "t.yaml:3:1: error: unknown key 'replicatons' in the scenario; did you mean 'replications'?")
    }

    @Test func unknownTopLevelKeyWithoutNearMatchListsTheKnownKeys() {
        let text = base(appending: "author: me")
        let description = loadError(text)?.description ?? ""
        // The list grows with the schema; it starts with the scenario's own keys.
        #expect(description.hasPrefix(
            "t.yaml:11:1: error: unknown key 'author' in the scenario (expected 'name', 'description', 'seed', 'duration', 'warmup', 'replications', 'sample_interval', 'random', 'sources', 'stations', "))
        #expect(description.hasSuffix("')"))
    }

    /// A misspelled required key is a typo to point at, not a key to ask for.
    @Test func misspelledRequiredTopLevelKeySuggestsTheKey() {
        let text = base(replacingLine: 2, with: "duraton: 1h")
        #expect(loadError(text)?.description == "t.yaml:2:1: error: unknown key 'duraton' in the scenario; did you mean 'duration'?")
    }

    @Test func unknownOptionalStationKeySuggestsTheClosestKey() {
        let text = base(replacingLine: 9, with: "    servers: 1\n    capcity: 5")
        #expect(loadError(text)?.description
            == "t.yaml:10:5: error: unknown key 'capcity' in station 'server'; did you mean 'capacity'?")
    }

    /// The README's own example: `sevice` written instead of `service`.
    @Test func misspelledServiceSuggestsService() {
        let text = base(replacingLine: 10, with: "    sevice: { exponential: { mean: 100ms } }")
        #expect(loadError(text)?.description
            == "t.yaml:10:5: error: unknown key 'sevice' in station 'server'; did you mean 'service'?")
    }

    @Test func unknownKeyInASource() {
        let text = base(replacingLine: 6, with: "    to: server\n    weight: 2")
        #expect(loadError(text)?.description == "t.yaml:7:5: error: unknown key 'weight' in source 'arrivals' (expected 'interarrival', 'to')")
    }

    // MARK: Types

    @Test func mappingWhereANumberIsExpected() {
        let text = base(replacingLine: 2, with: "duration: 1h\nreplications: { many: 3 }")
        #expect(loadError(text)?.description == "t.yaml:3:15: error: 'replications' must be a single value, found a mapping")
    }

    @Test func listWhereANumberIsExpected() {
        let text = base(replacingLine: 9, with: "    servers: [1, 2]")
        #expect(loadError(text)?.description == "t.yaml:9:14: error: station 'server' servers must be a single value, found a list")
    }

    @Test func wordWhereAnIntegerIsExpected() {
        let text = base(replacingLine: 9, with: "    servers: two")
        #expect(loadError(text)?.description == "t.yaml:9:14: error: station 'server' servers must be a whole number, found 'two'")
    }

    @Test func fractionWhereAnIntegerIsExpected() {
        let text = base(replacingLine: 9, with: "    servers: 1.5")
        #expect(loadError(text)?.description == "t.yaml:9:14: error: station 'server' servers must be a whole number, found '1.5'")
    }

    @Test func quotedNumberIsAString() {
        let text = base(replacingLine: 9, with: "    servers: \"2\"")
        #expect(loadError(text)?.description == "t.yaml:9:14: error: station 'server' servers must be a whole number, found '2'")
    }

    @Test func integerOutOfRange() {
        let text = base(replacingLine: 9, with: "    servers: 0")
        #expect(loadError(text)?.description == "t.yaml:9:14: error: station 'server' servers must be between 1 and 1000000, found 0")
    }

    @Test func replicationsAboveTheMaximum() {
        let text = base(replacingLine: 2, with: "duration: 1h\nreplications: 10001")
        #expect(loadError(text)?.description == "t.yaml:3:15: error: 'replications' must be between 1 and 10000, found 10001")
    }

    @Test func negativeSeed() {
        let text = base(replacingLine: 2, with: "duration: 1h\nseed: -1")
        #expect(loadError(text)?.description == "t.yaml:3:7: error: 'seed' must be a whole number from 0 to 18446744073709551615, found '-1'")
    }

    @Test func mappingAsName() {
        let text = base(replacingLine: 1, with: "name: { first: t }")
        #expect(loadError(text)?.description == "t.yaml:1:7: error: 'name' must be a single value, found a mapping")
    }

    /// The name is there but blank: the mistake is at the value, not at the document's start.
    @Test func blankName() {
        let text = base(replacingLine: 1, with: "description: d\nname: \"  \"")
        #expect(loadError(text)?.description == "t.yaml:2:7: error: 'name' cannot be empty")
    }

    @Test func unknownGenerator() {
        let text = base(replacingLine: 2, with: "duration: 1h\nrandom: { generator: mt }")
        #expect(loadError(text)?.description == "t.yaml:3:22: error: unknown generator 'mt' (known: mt19937, taus2)")
    }

    // MARK: Durations

    @Test func negativeDuration() {
        let text = base(replacingLine: 2, with: "duration: -5m")
        #expect(loadError(text)?.description == "t.yaml:2:11: error: 'duration': durations cannot be negative")
    }

    @Test func durationWithoutUnit() {
        let text = base(replacingLine: 2, with: "duration: 60")
        #expect(loadError(text)?.description
            == "t.yaml:2:11: error: 'duration': duration '60' needs a unit (ns, us, ms, s, m, h, d), e.g. '60s'")
    }

    @Test func durationWithUnknownUnit() {
        let text = base(replacingLine: 2, with: "duration: 5min")
        #expect(loadError(text)?.description
            == "t.yaml:2:11: error: 'duration': unknown duration unit 'min' (use ns, us, ms, s, m, h or d)")
    }

    @Test func zeroDuration() {
        let text = base(replacingLine: 2, with: "duration: 0s")
        #expect(loadError(text)?.description == "t.yaml:2:11: error: 'duration' must be longer than zero")
    }

    @Test func warmupAsLongAsTheDuration() {
        let text = base(replacingLine: 2, with: "duration: 1h\nwarmup: 60m")
        #expect(loadError(text)?.description == "t.yaml:3:9: error: 'warmup' must end before 'duration' (1h)")
    }

    @Test func warmupLongerThanTheDuration() {
        let text = base(replacingLine: 2, with: "duration: 1h\nwarmup: 2h")
        #expect(loadError(text)?.description == "t.yaml:3:9: error: 'warmup' must end before 'duration' (1h)")
    }

    @Test func warmupJustShorterThanTheDurationIsAccepted() throws {
        let text = base(replacingLine: 2, with: "duration: 1h\nwarmup: 59m59.999999999s")
        #expect(try ScenarioLoader.parse(text, file: "t.yaml").warmup == SimTime(nanoseconds: 3_599_999_999_999))
    }

    @Test func sampleIntervalLongerThanTheDuration() {
        let text = base(replacingLine: 2, with: "duration: 1h\nsample_interval: 61m")
        #expect(loadError(text)?.description == "t.yaml:3:18: error: 'sample_interval' cannot be longer than 'duration' (1h)")
    }

    // MARK: Missing keys

    @Test func missingName() {
        let text = base(replacingLine: 1, with: "")
        #expect(loadError(text)?.description == "t.yaml:1:1: error: the scenario needs 'name'")
    }

    @Test func missingNameIsReportedWhereTheMappingStarts() {
        let text = "# a comment first\n" + base(replacingLine: 1, with: "")
        #expect(loadError(text)?.description == "t.yaml:2:1: error: the scenario needs 'name'")
    }

    @Test func missingDuration() {
        let text = base(replacingLine: 2, with: "")
        #expect(loadError(text)?.description == "t.yaml:1:1: error: the scenario needs 'duration'")
    }

    @Test func nullDurationCountsAsMissing() {
        let text = base(replacingLine: 2, with: "duration: ~")
        #expect(loadError(text)?.description == "t.yaml:1:1: error: the scenario needs 'duration'")
    }

    @Test func missingSources() {
        let text = """
            name: t
            duration: 1h
            stations:
              server:
                service: 100ms

            """
        #expect(loadError(text)?.description == "t.yaml:1:1: error: the scenario needs 'sources'")
    }

    @Test func missingStations() {
        let text = """
            name: t
            duration: 1h
            sources:
              arrivals:
                interarrival: { exponential: { mean: 1s } }
                to: server

            """
        #expect(loadError(text)?.description == "t.yaml:1:1: error: the scenario needs 'stations'")
    }

    @Test func missingStationService() {
        let text = base(replacingLine: 10, with: "    capacity: 3")
        #expect(loadError(text)?.description == "t.yaml:9:5: error: station 'server' needs 'service'")
    }

    @Test func missingSourceInterarrival() {
        let text = base(replacingLine: 5, with: "")
        #expect(loadError(text)?.description == "t.yaml:5:5: error: source 'arrivals' needs 'interarrival'")
    }
}
