import Foundation
import Reports
import Scenario
import SimKernel

/// Runs and results for the HTML report and notebook tests: a small simulated M/M/1, a
/// scenario with hostile names, and hand-made edge results (clusters, hosts, services).
enum ReportFixtures {
    /// An M/M/1 at utilization 0.5: the mean wait is rho / (mu - lambda) = 0.5 s. The URL is
    /// in a comment, so it appears only in the escaped YAML of the report.
    static let mm1Text = """
        # theory: https://en.wikipedia.org/wiki/M/M/1_queue
        name: mm1-check
        description: An M/M/1 queue at utilization 0.5, held against Erlang C.
        seed: 11
        duration: 2h
        warmup: 5m
        replications: 3
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

    /// Station names are restricted to letters, digits, '-' and '_'; a scenario's name and
    /// description are free text. (Hostile component names are in the edge results below.)
    static let hostileName = "<script>alert(1)</script>"

    static let hostileText = """
        name: "<script>alert(1)</script>"
        description: '<img src=x onerror="alert(2)"> & ''quoted'''
        seed: 5
        duration: 30m
        warmup: 1m
        sample_interval: 5m
        sources:
          arrivals:
            interarrival: { exponential: { mean: 1s } }
            to: srv
        stations:
          srv:
            servers: 1
            service: { exponential: { mean: 400ms } }

        """

    static func scenario(_ text: String, file: String = "fixture.yaml") throws -> Scenario {
        try ScenarioLoader.parse(text, file: file)
    }

    /// Replications of a scenario, run as `rehearse run` runs them.
    static func run(_ scenario: Scenario, replications: Int) -> [ReplicationResult] {
        (0..<replications).map { ScenarioRunner.runReplication(scenario, index: $0) }
    }

    static func mm1() throws -> (Scenario, [ReplicationResult]) {
        let scenario = try scenario(mm1Text, file: "mm1-check.yaml")
        return (scenario, run(scenario, replications: 3))
    }

    // MARK: - Hand-made edge results

    static let clusters = ["round-robin", "least-request", "x\"><svg onload=alert(3)>"]
    static let hosts = 4

    /// Edge, cluster, host, service and proxy metrics as the edge reports them, for
    /// `replications` replications with values that differ a little between them.
    static func edgeResults(replications: Int = 2, samples: Int = 12, interval: Int64 = 10) -> [ReplicationResult] {
        (0..<replications).map { replication in
            let r = Double(replication)
            var metrics = MetricTable()
            metrics.append("edge", "requests", "count", 60_000 + 100 * r)
            metrics.append("edge", "throughput", "per_s", 500 + r)
            for status in ["2xx", "3xx", "4xx", "5xx"] {
                metrics.append("edge", "responses_\(status)", "count", status == "2xx" ? 58_000 + r : status == "5xx" ? 2_000 - r : 0)
            }
            metrics.append("edge", "error_ratio", "ratio", 0.033 + 0.001 * r)
            metrics.append("edge", "response_flag_UH", "count", 0)
            metrics.append("edge", "response_flag_UO", "count", 12 + r)
            metrics.append("edge", "latency_p50", "ms", 30 + r)
            metrics.append("edge", "latency_p99", "ms", 900 + 10 * r)
            for (index, cluster) in clusters.enumerated() {
                let c = "edge.cluster.\(cluster)"
                metrics.append(c, "upstream_rq_total", "count", 20_000 + r)
                metrics.append(c, "upstream_rq_5xx", "count", Double(index) * 100)
                metrics.append(c, "upstream_rq_time_p50", "ms", 20 + Double(index))
                metrics.append(c, "upstream_rq_time_p99", "ms", 300 * Double(index + 1) + r)
                for host in 0..<hosts {
                    metrics.append("\(c).host.\(host)", "upstream_rq_total", "count", 5_000 + Double(host * (index + 1) * 100) + r)
                }
            }
            for service in ["web-a", "web-b"] {
                metrics.append("service.\(service)", "instances", "count", 4)
                metrics.append("service.\(service)", "utilization_mean", "ratio", 0.6 + 0.01 * r)
                metrics.append("service.\(service)", "utilization_max", "ratio", 0.9)
                metrics.append("service.\(service)", "utilization_min", "ratio", 0.4)
            }
            for proxy in 0..<2 {
                metrics.append("edge.proxy.\(proxy)", "worker_utilization", "ratio", 0.2 + 0.01 * r)
            }

            var keys = [
                MetricKey("edge", "throughput", "per_s"), MetricKey("edge", "error_ratio", "ratio"),
                MetricKey("edge", "latency_mean", "ms"), MetricKey("edge", "in_flight_mean", "count"),
            ]
            for cluster in clusters {
                keys += [MetricKey("edge.cluster.\(cluster)", "upstream_rq", "per_s"), MetricKey("edge.cluster.\(cluster)", "upstream_rq_5xx", "per_s")]
            }
            keys += [MetricKey("service.web-a", "utilization_mean", "ratio"), MetricKey("service.web-a", "utilization_max", "ratio")]
            var series = TimeSeries(keys: keys)
            for sample in 0..<samples {
                series.times.append(SimTime.seconds(Int64(sample + 1) * interval))
                for (index, _) in keys.enumerated() {
                    series.values.append(Double(index + 1) * 10 + Double(sample % 7) + r)
                }
            }
            return ReplicationResult(replication: replication, seed: UInt64(100 + replication), events: 1_000, metrics: metrics, series: series)
        }
    }

    /// A scenario for hand-made edge results: the M/M/1's, without its queueing network.
    static func edgeScenario() throws -> Scenario {
        var scenario = try scenario(mm1Text.replacingOccurrences(of: "mm1-check", with: "edge-check"), file: "edge-check.yaml")
        scenario.network = nil
        return scenario
    }

    /// The page's text without the scenario's YAML (the only place URLs may appear).
    static func withoutYAML(_ html: String) -> String {
        guard let start = html.range(of: "<pre>"), let end = html.range(of: "</pre>", range: start.upperBound..<html.endIndex) else {
            return html
        }
        return String(html[..<start.lowerBound]) + String(html[end.upperBound...])
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}
