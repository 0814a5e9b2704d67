import Foundation
import Scenario
import SimKernel

/// `run.json`: what was run, with what, and what came out, for people and programs that need
/// to know whether two runs are the same run.
public struct RunManifest: Codable, Sendable {
    public struct ScenarioRecord: Codable, Sendable {
        public var name: String
        public var file: String
        public var sha256: String
        public var variant: String
        public var overrides: [String]
    }

    public struct ReplicationRecord: Codable, Sendable {
        public var replication: Int
        public var seed: UInt64
        public var events: UInt64
        public var digest: String
    }

    public var tool: String
    public var version: String
    public var scenario: ScenarioRecord
    public var seed: UInt64
    public var duration: String
    public var warmup: String
    public var sampleInterval: String
    public var randomGenerator: String
    public var replications: [ReplicationRecord]
    public var events: UInt64
    public var wallSeconds: Double
    public var eventsPerSecond: Double
    public var warnings: [String]

    public init(_ scenario: Scenario, results: [ReplicationResult], wallSeconds: Double) {
        tool = ToolInfo.name
        version = ToolInfo.version
        self.scenario = ScenarioRecord(
            name: scenario.name, file: scenario.file, sha256: SHA256.hex(scenario.text),
            variant: scenario.variant, overrides: scenario.overrides)
        seed = scenario.seed
        duration = DurationText.format(scenario.duration)
        warmup = DurationText.format(scenario.warmup)
        sampleInterval = DurationText.format(scenario.sampleInterval)
        randomGenerator = scenario.generator.rawValue
        replications = results.map {
            ReplicationRecord(replication: $0.replication, seed: $0.seed, events: $0.events, digest: ToolInfo.hex($0.digest))
        }
        events = results.reduce(0) { $0 + $1.events }
        self.wallSeconds = wallSeconds
        eventsPerSecond = wallSeconds > 0 ? Double(events) / wallSeconds : 0
        warnings = scenario.warnings.map(\.description)
    }

    enum CodingKeys: String, CodingKey {
        case tool, version, scenario, seed, duration, warmup, replications, events, warnings
        case sampleInterval = "sample_interval"
        case randomGenerator = "random_generator"
        case wallSeconds = "wall_seconds"
        case eventsPerSecond = "events_per_second"
    }

    public func json() -> String {
        StableJSON.text(self)
    }
}

public enum ToolInfo {
    public static let name = "rehearse"
    public static let version = "0.1.0"

    /// A 64-bit value as 16 lowercase hex digits.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
