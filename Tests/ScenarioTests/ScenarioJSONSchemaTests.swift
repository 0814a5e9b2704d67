import Foundation
import Scenario
import SimKernel
import Testing

/// Every schema in the document, with its JSON pointer: the root, `$defs`, and what sits in
/// the keywords that hold schemas.
private func subschemas(of schema: JSON, at pointer: String = "#") -> [(pointer: String, schema: JSON)] {
    guard case .object(let keywords) = schema else { return [(pointer, schema)] }
    var found = [(pointer, schema)]
    for (keyword, value) in keywords.sorted(by: { $0.key < $1.key }) {
        switch (keyword, value) {
        case ("$defs", .object(let members)), ("properties", .object(let members)), ("patternProperties", .object(let members)):
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                found += subschemas(of: member, at: "\(pointer)/\(keyword)/\(name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1"))")
            }
        case ("additionalProperties", _), ("items", _), ("propertyNames", _):
            found += subschemas(of: value, at: "\(pointer)/\(keyword)")
        case ("anyOf", .array(let items)), ("oneOf", .array(let items)), ("allOf", .array(let items)):
            for (index, item) in items.enumerated() { found += subschemas(of: item, at: "\(pointer)/\(keyword)/\(index)") }
        default:
            break
        }
    }
    return found
}

/// A YAML scalar as it would be written for a JSON value: booleans plain, strings quoted.
private func yaml(_ value: JSON) -> String {
    switch value {
    case .bool(let flag): return flag ? "true" : "false"
    case .string(let text): return "\"\(text)\""
    default: return value.description
    }
}

@Suite struct ScenarioJSONSchemaTests {
    @Test func theDocumentIsDraft202012WithItsIdentifier() throws {
        let document = try JSON(parsing: ScenarioJSONSchema.text)
        #expect(document["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
        #expect(document["$id"] == .string("https://rehearse.dev/schema/scenario.json"))
        #expect(document["required"] == .array([.string("name"), .string("duration")]))
        #expect(document["additionalProperties"] == .bool(false))
        #expect(ScenarioJSONSchema.text.hasSuffix("}\n"))
    }

    @Test func everyKeywordIsOneTheValidatorChecks() throws {
        let validator = try scenarioSchemaValidator()
        let known = JSONSchemaValidator.annotations.union(JSONSchemaValidator.assertions)
        for (pointer, schema) in subschemas(of: validator.root) {
            switch schema {
            case .object(let keywords):
                let unknown = Set(keywords.keys).subtracting(known)
                #expect(unknown.isEmpty, "\(pointer) uses \(unknown.sorted())")
                if case .string(let reference)? = keywords["$ref"] { #expect(validator.resolve(reference) != nil, "\(pointer): \(reference)") }
            case .bool:
                break
            default:
                Issue.record("\(pointer) is not a schema: \(schema)")
            }
        }
    }

    @Test func everyPropertyHasADescription() throws {
        let validator = try scenarioSchemaValidator()
        var count = 0
        // Mappings declare a type; the `properties` inside anyOf and oneOf branches only add
        // constraints to keys declared (and described) elsewhere.
        for (pointer, schema) in subschemas(of: validator.root) where schema["type"] != nil {
            guard case .object(let properties)? = schema["properties"] else { continue }
            for (name, property) in properties {
                count += 1
                guard case .string(let text)? = property["description"] else {
                    Issue.record("\(pointer)/properties/\(name) has no description")
                    continue
                }
                #expect(text.count >= 8, "\(pointer)/properties/\(name): '\(text)'")
            }
        }
        #expect(count > 150)
    }

    /// A default or an example the schema itself rejects would teach editors a mistake.
    @Test func everyDefaultAndExampleIsValidWhereItStands() throws {
        let validator = try scenarioSchemaValidator()
        var count = 0
        for (pointer, schema) in subschemas(of: validator.root) {
            var values: [JSON] = []
            if let value = schema["default"] { values.append(value) }
            if case .array(let examples)? = schema["examples"] { values += examples }
            for value in values {
                count += 1
                let errors = validator.errors(value, against: pointer)
                #expect(errors.isEmpty, "\(pointer): \(value): \(errors)")
            }
        }
        #expect(count > 80)
    }

    /// The schema's duration pattern and `DurationText.parse` agree on every spelling, except
    /// values no pattern should judge: finer than a nanosecond, or beyond 292 years.
    @Test(arguments: [
        "0s", "1ns", "250ms", "1.5s", "5m", "1h", "2d", "1h30m", "10us", "10µs", ".5s", "007s", " 5s ", "1d2h3m4s5ms6us7ns",
        "0.000000001s", "", "5", "5 s", "1h 30m", "-5s", "+5s", "5.s", "1.2.3s", "s", "5x", "5sec", "5S", "1e3s", "5ms5", "1,5s",
        "ms", "5μs", "\t5s", "5s\n",
    ])
    func durationPatternAgreesWithTheReader(text: String) throws {
        let validator = try scenarioSchemaValidator()
        let parsed: Bool
        do {
            _ = try DurationText.parse(text)
            parsed = true
        } catch {
            parsed = false
        }
        #expect(validator.isValid(.string(text), against: "#/$defs/duration") == parsed)
    }

    @Test func durationsTheParserRejectsForTheirSizeMatchThePattern() throws {
        let validator = try scenarioSchemaValidator()
        #expect(throws: DurationText.ParseError.finerThanNanosecond("1.0000000001s")) { try DurationText.parse("1.0000000001s") }
        #expect(validator.isValid(.string("1.0000000001s"), against: "#/$defs/duration"))
        #expect(throws: DurationText.ParseError.tooLarge) { try DurationText.parse("200000d") }
        #expect(validator.isValid(.string("200000d"), against: "#/$defs/duration"))
    }

    @Test(arguments: [("1s", true), ("0.5ms", true), ("0s1ns", true), ("0s", false), ("0.0s", false), ("0h0m", false)])
    func positiveDurationsHaveANonZeroDigit(text: String, positive: Bool) throws {
        let validator = try scenarioSchemaValidator()
        #expect(validator.isValid(.string(text), against: "#/$defs/positiveDuration") == positive)
        #expect((try DurationText.parse(text) > .zero) == positive)
    }

    @Test(arguments: [
        ("-20ms", true), ("- 20ms", true), ("20ms", true), ("-0.5s", true), ("--20ms", false), (" -20ms", false), ("-20", false), ("-", false),
    ])
    func signedDurationsTakeOneLeadingMinus(text: String, valid: Bool) throws {
        let validator = try scenarioSchemaValidator()
        #expect((distributionError("{ truncated_normal: { mean: \"\(text)\", stddev: 10ms } }") == nil) == valid)
        #expect(validator.isValid(.string(text), against: "#/$defs/signedDuration") == valid)
    }

    /// Every spelling the schema offers for a boolean is one `YAMLNode.boolean` reads, and
    /// the ones for true are read as true.
    @Test func booleanSpellingsAreTheReaders() throws {
        let validator = try scenarioSchemaValidator()
        guard case .array(let spellings)? = validator.resolve("#/$defs/boolean")?["enum"],
              case .array(let truths)? = validator.resolve("#/$defs/true")?["enum"]
        else {
            Issue.record("no boolean spellings")
            return
        }
        #expect(spellings.count == 12)
        for spelling in spellings {
            let change = ScenarioChange("compare/slow-hosts.yaml", set: "edge.clusters.web.per_host_stats=\(yaml(spelling))")
            #expect(try change.loadError() == nil, "\(spelling)")
            #expect(try change.schemaErrors(validator).isEmpty, "\(spelling)")
            // outlier_detection takes only true: the true spellings load, the false ones do not.
            let outlier = ScenarioChange("compare/slow-hosts.yaml", set: "edge.clusters.web.outlier_detection=\(yaml(spelling))")
            #expect((try outlier.loadError() == nil) == truths.contains(spelling), "\(spelling)")
            #expect(try outlier.schemaErrors(validator).isEmpty == truths.contains(spelling), "\(spelling)")
        }
        for wrong in ["Yes", "1", "maybe", "y", "\"\""] {
            let change = ScenarioChange("compare/slow-hosts.yaml", set: "edge.clusters.web.per_host_stats=\(wrong)")
            #expect(try change.loadError() != nil, "\(wrong)")
            #expect(!(try change.schemaErrors(validator)).isEmpty, "\(wrong)")
        }
    }

    @Test(arguments: [
        ("web", true), ("web-1", true), ("a_b", true), ("A9", true), ("2026", true), ("-", true),
        ("a.b", false), ("a b", false), ("é", false), ("a/b", false), ("web:", false),
    ])
    func namesMatchTheReadersCharacters(name: String, valid: Bool) throws {
        let validator = try scenarioSchemaValidator()
        let change = ScenarioChange("validation/mm1.yaml", replacing: "  arrivals:", with: "  \"\(name)\":")
        #expect((try change.loadError() == nil) == valid)
        #expect(try change.schemaErrors(validator).isEmpty == valid)
    }

    @Test(arguments: [
        ("0", true), ("0.5", true), (".5", true), ("1", true), ("1.0", true), ("00.25", true), ("+0.5", true), ("0.999", true),
        ("1.5", false), ("-0.5", false), ("2", false), ("abc", false), (".", false), ("+", false),
    ])
    func quantileKeysAreProbabilities(key: String, valid: Bool) throws {
        let validator = try scenarioSchemaValidator()
        var read = true
        do {
            _ = try YAMLNode.parse(key, file: "k.yaml").probability("key")
        } catch {
            read = false
        }
        #expect(read == valid)
        #expect(validator.isValid(.string(key), against: "#/$defs/distribution.empirical/properties/quantiles/propertyNames") == valid)
    }

    static let distributions: [(yaml: String, values: DistributionSchema.Values, valid: Bool)] = [
        ("12", .numbers, true),
        ("{ lognormal: { median: 12, p99: 2000 } }", .numbers, true),
        ("{ uniform: { min: 1, max: 5 } }", .numbers, true),
        ("{ truncated_normal: { mean: -3, stddev: 2 } }", .numbers, true),
        ("{ empirical: { quantiles: { 0: 1, 0.5: 3, 1: 10 } } }", .numbers, true),
        ("{ mixture: [ { weight: 2, constant: 1 }, { weight: 1, pareto: { shape: 2, scale: 1 } } ] }", .numbers, true),
        ("-1", .numbers, false),
        ("12ms", .numbers, false),
        ("{ exponential: { mean: 0 } }", .numbers, false),
        ("{ gamma: { shape: 0, scale: 1 } }", .numbers, false),
        ("{ lognormal: { mu: 1, sigma: -1 } }", .numbers, false),
        ("45ms", .durations, true),
        ("{ constant: 0s }", .durations, true),
        ("{ weibull: { shape: 1.5, scale: 100ms } }", .durations, true),
        ("{ mixture: [ { weight: 1, exponential: { mean: 1s } } ] }", .durations, true),
        ("12", .durations, false),
        ("{ exponential: { mean: 0s } }", .durations, false),
        ("{ mixture: [] }", .durations, false),
        ("{ mixture: [ { weight: 1 } ] }", .durations, false),
        ("{ mixture: [ { constant: 1s } ] }", .durations, false),
        ("{ mixture: [ { weight: 0, constant: 1s } ] }", .durations, false),
        ("{ mixture: [ { weight: 1, constant: 1s, exponential: { mean: 1s } } ] }", .durations, false),
        ("{ empirical: { quantiles: { 0: 1ms } } }", .durations, false),
        ("{ empirical: { quantiles: { 0: 1ms, 2: 5ms } } }", .durations, false),
        ("{ uniform: { min: 1ms } }", .durations, false),
        ("{ lognormal: { median: 1ms, p99: 5ms, mu: 1 } }", .durations, false),
        ("{ }", .durations, false),
        ("[ 1s ]", .durations, false),
    ]

    @Test(arguments: distributions)
    func distributionsAgreeWithTheReader(yaml: String, values: DistributionSchema.Values, valid: Bool) throws {
        let validator = try scenarioSchemaValidator()
        let pointer = values == .durations ? "#/$defs/distribution" : "#/$defs/numberDistribution"
        #expect((distributionError(yaml, values: values) == nil) == valid, "reader")
        let errors = validator.errors(JSON(try YAMLNode.parse(yaml, file: "d.yaml")), against: pointer)
        #expect(errors.isEmpty == valid, "schema: \(errors)")
    }
}

@Suite struct JSONValueTests {
    @Test func objectsPrintWithSortedKeysAndAFixedLayout() {
        let value: JSONValue = ["b": [1, 2.5, "x"], "a": ["nested": [["k": true]], "empty": [:], "none": []], "c": .null]
        #expect(value.text == """
            {
              "a": {
                "empty": {},
                "nested": [
                  {
                    "k": true
                  }
                ],
                "none": []
              },
              "b": [1, 2.5, "x"],
              "c": null
            }

            """)
    }

    @Test func stringsAreEscapedAsJSONRequires() {
        let value = JSONValue.string("a\"b\\c\nd\te\u{01}µ/")
        #expect(value.text == "\"a\\\"b\\\\c\\nd\\te\\u0001µ/\"\n")
    }

    @Test func numbersPrintExactly() {
        #expect(JSONValue.integer(UInt64.max).text == "18446744073709551615\n")
        #expect(JSONValue.real(50).text == "50\n")
        #expect(JSONValue.real(0.25).text == "0.25\n")
        #expect(JSONValue.real(-1e-9).text == "-1e-09\n")
    }

    @Test func theSchemaTextIsTheSameEveryTime() {
        #expect(ScenarioJSONSchema.document.text == ScenarioJSONSchema.text)
        #expect(ScenarioJSONSchema.text.utf8.count > 10_000)
    }
}
