import EdgeProxy
import Infra
import SimKernel
import Testing

@Suite struct LatencyCompositionTests {
    /// With constant times and too few requests to queue anywhere, a client sees exactly its
    /// two hops (1 ms each), the proxy's request and response CPU (50 and 20 µs), the two hops
    /// between proxy and instance (250 µs each) and the service (10 ms): 12.57 ms. The way in
    /// and the final response cost no events of their own, yet both are in the latency.
    @Test func aRequestIsEveryHopAndEveryWorker() throws {
        let harness = try EdgeHarness(instances: [EdgeHarness.fast(10)], rate: 2, paths: ["/api"])
        let metrics = harness.run(until: .seconds(600))
        #expect(metrics.edge("requests") > 1_000)
        #expect(metrics.edge("responses_2xx") >= metrics.edge("requests") - 1)
        let mean = try #require(metrics.value("edge", "latency_mean", "ms"))
        #expect(abs(mean - 12.57) < 1e-6, "mean latency \(mean) ms")
        let p99 = try #require(metrics.value("edge", "latency_p99", "ms"))
        #expect(abs(p99 - 12.57) < 0.02, "p99 \(p99) ms")
        // Each request keeps one of the 4 workers busy for 70 µs in all.
        let utilization = try #require(metrics.value("edge.proxy.0", "worker_utilization", "ratio"))
        let expected = metrics.edge("requests") * 0.000_07 / (4 * 600)
        #expect(abs(utilization - expected) / expected < 0.001, "utilization \(utilization), expected \(expected)")
    }
}
