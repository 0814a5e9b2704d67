import EdgeProxy
import Infra
import SimKernel
import Testing

/// An instance that crashes while serving: the calls it held are reset at once (flag UR),
/// retried where the route retries resets, and never answered twice.
@Suite struct CrashTests {
    static func harness(retry: RetryPolicy?) throws -> EdgeHarness {
        // Two instances at one second per call, ten calls a second each: about ten in service
        // on each when one crashes.
        try EdgeHarness(
            instances: [EdgeHarness.fast(1_000), EdgeHarness.fast(1_000)], rate: 20, cluster: EdgeHarness.cluster(),
            retry: retry, paths: ["/api/x"])
    }

    @Test func heldCallsAreResetWhenTheInstanceCrashes() throws {
        let harness = try Self.harness(retry: nil)
        _ = harness.run(until: .seconds(10))
        harness.instances[0].crash(in: harness.simulation)
        let table = harness.run(until: .seconds(20))
        let lost = try #require(table.value("service.web", "lost_in_crash", "count"))
        #expect(lost >= 4 && lost <= 20)
        #expect(table.edge("response_flag_UR") == lost)
        #expect(table.cluster("upstream_rq_reset") == lost)
        // The crashed instance refuses what the balancer still sends it (no health checks).
        #expect(table.edge("response_flag_UF") > 0)
        #expect(table.edge("requests") == table.edge("responses") + table.edge("in_flight_end"))
    }

    @Test func resetsAreRetriedOnAnotherHost() throws {
        let retry = try RetryPolicy(retryOn: [.reset, .connectFailure], numRetries: 2, avoidPreviousHosts: true)
        let harness = try Self.harness(retry: retry)
        _ = harness.run(until: .seconds(10))
        harness.instances[0].crash(in: harness.simulation)
        let table = harness.run(until: .seconds(12))
        let lost = try #require(table.value("service.web", "lost_in_crash", "count"))
        #expect(lost >= 4)
        #expect(table.edge("response_flag_UR") == 0)
        #expect(table.edge("responses_5xx") == 0)
        #expect(table.cluster("upstream_rq_retry") >= lost)
        #expect(table.edge("requests") == table.edge("responses") + table.edge("in_flight_end"))
    }
}
