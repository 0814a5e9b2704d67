import EdgeProxy
import Infra
import SimKernel
import Testing

@Suite struct ConservationTests {
    /// Every request that enters the edge ends exactly once: answered (by an upstream or by
    /// Envoy itself) or still in flight at the horizon, across a warm-up reset, with errors,
    /// retries, timeouts and overflows all happening.
    @Test func everyRequestEndsExactlyOnce() throws {
        var thresholds = CircuitBreakerThresholds()
        thresholds.maxRequests = 6
        thresholds.maxPendingRequests = 2
        var outlier = OutlierDetectionConfiguration()
        outlier.maxEjectionPercent = 50
        let cluster = EdgeConfiguration.Cluster(
            name: "web", service: "web", policy: .leastRequest(), circuitBreakers: thresholds, outlierDetection: outlier)
        let retry = try RetryPolicy(retryOn: [.fiveXX, .reset], numRetries: 2, perTryTimeout: .milliseconds(150), avoidPreviousHosts: true)
        let flaky = ServiceInstanceConfiguration(concurrency: 4, serviceTime: .exponential(mean: 0.05), errorProbability: 0.2, errorStatus: 503)
        let slow = ServiceInstanceConfiguration(concurrency: 2, queueCapacity: 5, serviceTime: .exponential(mean: 0.2))
        let harness = try EdgeHarness(
            instances: [flaky, slow, EdgeHarness.fast(20, concurrency: 4)], rate: 150, proxies: 3, cluster: cluster, retry: retry,
            timeout: .milliseconds(400), paths: ["/api/a", "/api/b", "/nowhere"])
        harness.simulation.observe(warmupEnd: .seconds(5), sampleInterval: .seconds(5))
        let metrics = harness.run(until: .seconds(60))
        let received = metrics.edge("requests")
        let answered = metrics.edge("responses")
        #expect(received > 7_000)
        #expect(received + metrics.edge("in_flight_start") == answered + metrics.edge("in_flight_end"))
        let byClass = (2...5).reduce(0.0) { $0 + metrics.edge("responses_\($1)xx") }
        #expect(byClass == answered)
        // All kinds of endings happened.
        for flag in ["UO", "UT", "NR", "URX"] {
            #expect(metrics.edge("response_flag_\(flag)") > 0, "no \(flag) at all")
        }
    }
}
