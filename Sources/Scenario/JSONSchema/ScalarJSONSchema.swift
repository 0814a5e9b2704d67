import Foundation
import SimKernel

/// The single values of YAML/ScalarValues.swift as `$defs`: durations, probabilities,
/// booleans, names and free text.
///
/// The readers take every scalar as text and convert it where it is used, so a slot that
/// wants text also takes what an editor sees as a number or a boolean (`name: 2026`), and a
/// boolean slot takes the spellings `YAMLNode.boolean` knows even when YAML calls them strings
/// (`yes`, `on`, or quoted).
enum ScalarJSONSchema {
    /// `DurationText.parse`: one or more number-and-unit parts (`250ms`, `1.5s`, `1h30m`),
    /// spaces around the whole allowed; a number has digits before or after a single point.
    static let durationPattern = #"^ *(([0-9]+(\.[0-9]+)?|\.[0-9]+)(ns|us|µs|ms|s|m|h|d))+ *$"#
    /// A duration that may start with a minus (the mean of a normal before truncation).
    static let signedDurationPattern = #"^-? *(([0-9]+(\.[0-9]+)?|\.[0-9]+)(ns|us|µs|ms|s|m|h|d))+ *$"#
    /// `YAMLNode.checkName`: identifiers as metric names and random streams use them.
    static let namePattern = "^[A-Za-z0-9_-]+$"

    /// The spellings `YAMLNode.boolean` reads as true and as false.
    static let trueSpellings: [JSONValue] = [true, "true", "True", "TRUE", "yes", "on"]
    static let falseSpellings: [JSONValue] = [false, "false", "False", "FALSE", "no", "off"]

    static let definitions: [String: JSONSchema] = [
        "duration": JSONSchema.string(pattern: durationPattern)
            .described("A duration with its unit: ns, us (or µs), ms, s, m, h, d; parts add up (1h30m). A bare number is an error.")
            .examples(["250ms", "1.5s", "5m", "1h", "2d", "1h30m"]),
        "positiveDuration": JSONSchema.ref("duration").with("pattern", "[1-9]")
            .described("A duration longer than zero, with its unit: 250ms, 1.5s, 5m, 1h, 2d."),
        "signedDuration": JSONSchema.string(pattern: signedDurationPattern)
            .described("A duration with its unit, which may be negative: -20ms."),
        "probability": JSONSchema.number(minimum: 0, maximum: 1).described("A probability or share, from 0 to 1."),
        "boolean": JSONSchema(["enum": .array(trueSpellings + falseSpellings)])
            .described("true or false (also yes/no, on/off)."),
        "true": JSONSchema(["enum": .array(trueSpellings)]).described("true (also yes, on)."),
        "text": JSONSchema(["type": ["string", "number", "boolean"]]).described("A single value, read as text."),
        "name": name(matching: namePattern)
            .described("A name made of letters, digits, '-' and '_' (no dots: they separate the parts of metric names and --set paths)."),
    ]

    /// A scalar whose text matches `pattern`: a plain YAML `2026` or `true` is text to the
    /// readers, though an editor sees a number or a boolean.
    static func name(matching pattern: String) -> JSONSchema {
        JSONSchema(["type": ["string", "integer", "boolean"], "pattern": .string(pattern)])
    }

    /// A duration given as a default.
    static func duration(_ time: SimTime) -> JSONValue {
        .string(DurationText.format(time))
    }

    /// A distribution of times given as a default: a constant (`30us`), or a lognormal by its
    /// median and p99, which read back as the same distribution to the nanosecond.
    static func duration(_ distribution: Distribution) -> JSONValue {
        switch distribution {
        case .constant(let seconds):
            return duration(SimTime(seconds: seconds))
        case .lognormal(let mu, let sigma):
            let median = SimTime(seconds: exp(mu))
            let p99 = SimTime(seconds: exp(mu + sigma * Distribution.z99))
            return ["lognormal": ["median": duration(median), "p99": duration(p99)]]
        default:
            preconditionFailure("a default distribution here is a constant or a lognormal")
        }
    }
}
