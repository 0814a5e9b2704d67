import Foundation
import Scenario
import SimKernel

/// The package root, found from this file's path (Tests/ScenarioTests/TestSupport.swift).
let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // ScenarioTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // package root

let validationDirectory = packageRoot.appendingPathComponent("scenarios/validation")

/// The shipped validation scenarios, sorted by name.
func shippedScenarioFiles() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: validationDirectory.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted()
}

/// The diagnostic `ScenarioLoader.parse` throws for `text`, or nil when the text loads.
func loadError(_ text: String, file: String = "t.yaml", overrides: [String] = []) -> Diagnostic? {
    do {
        _ = try ScenarioLoader.parse(text, file: file, overrides: overrides)
        return nil
    } catch {
        return error
    }
}

/// The diagnostic `DistributionSchema.read` throws for a YAML snippet, or nil when it reads.
func distributionError(_ yaml: String, values: DistributionSchema.Values = .durations) -> Diagnostic? {
    do {
        _ = try DistributionSchema.read(try YAMLNode.parse(yaml, file: "d.yaml"), "service", values: values)
        return nil
    } catch {
        return error
    }
}

/// Reads a distribution from a YAML snippet.
func distribution(_ yaml: String, values: DistributionSchema.Values = .durations) throws -> Distribution {
    try DistributionSchema.read(try YAMLNode.parse(yaml, file: "d.yaml"), "service", values: values)
}

/// A span in seconds as the scenario reader computes it: exact nanoseconds, then seconds.
func ms(_ milliseconds: Int64) -> Double { SimTime.milliseconds(milliseconds).seconds }
func sec(_ seconds: Int64) -> Double { SimTime.seconds(seconds).seconds }

/// A small valid scenario (ten lines), the base most tests change one line of:
///
///     1  name: t
///     2  duration: 1h
///     3  sources:
///     4    arrivals:
///     5      interarrival: { exponential: { mean: 1s } }
///     6      to: server
///     7  stations:
///     8    server:
///     9      servers: 1
///     10     service: { exponential: { mean: 100ms } }
let baseScenario = """
    name: t
    duration: 1h
    sources:
      arrivals:
        interarrival: { exponential: { mean: 1s } }
        to: server
    stations:
      server:
        servers: 1
        service: { exponential: { mean: 100ms } }

    """

/// `baseScenario` with line `number` (from one) replaced by `replacement` (which may hold
/// several lines, or be empty to delete the line).
func base(replacingLine number: Int, with replacement: String) -> String {
    baseScenario.replacingLine(number, with: replacement)
}

extension String {
    /// This text with line `number` (from one) replaced by `replacement` (which may hold
    /// several lines, or be empty to delete the line).
    func replacingLine(_ number: Int, with replacement: String) -> String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if replacement.isEmpty {
            lines.remove(at: number - 1)
        } else {
            lines[number - 1] = replacement
        }
        return lines.joined(separator: "\n")
    }
}

/// `baseScenario` with `extra` lines appended at the end.
func base(appending extra: String) -> String {
    baseScenario + extra + "\n"
}
