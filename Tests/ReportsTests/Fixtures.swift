import Foundation
import Scenario
import SimKernel

/// A tiny scenario and two hand-made replication results with known summaries.
enum Fixtures {
    /// Its SHA-256 was computed outside Swift (Python's hashlib).
    static let scenarioText = """
        name: tiny
        seed: 7
        duration: 1h
        warmup: 1m
        sample_interval: 10m
        sources:
          arrivals:
            interarrival: { exponential: { mean: 1s } }
            to: server
        stations:
          server:
            servers: 1
            service: { exponential: { mean: 500ms } }

        """
    static let scenarioSHA256 = "d95a12fd839aca28cc9c56e559eb96abb97d09c383296ecdaa4389dab0f9ac0a"

    static func scenario(overrides: [String] = []) throws -> Scenario {
        try ScenarioLoader.parse(scenarioText, file: "tiny.yaml", overrides: overrides)
    }

    static let seriesKeys = [
        MetricKey("station.server", "queue_length", "jobs"),
        MetricKey("station.server", "arrival_rate", "1/s"),
    ]

    /// Metrics, in order: wait_mean, utilization, completed, response_p99 (undefined in the
    /// first replication), blocked (undefined in both).
    static func metrics(_ values: [Double]) -> MetricTable {
        var table = MetricTable()
        table.append("station.server", "wait_mean", "s", values[0])
        table.append("station.server", "utilization", "ratio", values[1])
        table.append("station.server", "completed", "jobs", values[2])
        table.append("network", "response_p99", "s", values[3])
        table.append("network", "blocked", "ratio", values[4])
        return table
    }

    static func series(times: [SimTime], values: [Double]) -> TimeSeries {
        var series = TimeSeries(keys: seriesKeys)
        series.times = times
        series.values = values
        return series
    }

    static let first = ReplicationResult(
        replication: 0, seed: 11, events: 100,
        metrics: metrics([0.5, 0.75, 10, .nan, .nan]),
        series: series(times: [.seconds(600), .seconds(1200)], values: [1.25, 8, .nan, 7.5]))

    static let second = ReplicationResult(
        replication: 1, seed: UInt64.max, events: 120,
        metrics: metrics([1.5, 0.25, 14, 2.5, .nan]),
        series: series(times: [.seconds(600), .seconds(1200)], values: [0.5, 9, 2, 0.1]))

    static let results = [first, second]
}

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("rehearse-reports-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Names in `directory`, hidden ones included, sorted.
    static func names(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }
}
