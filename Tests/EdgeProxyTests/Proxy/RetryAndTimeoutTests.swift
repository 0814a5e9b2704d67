import EdgeProxy
import Infra
import SimKernel
import Testing

@Suite struct RetryAndTimeoutTests {
    /// Host 0 answers 503 to everything. With `retry_on: 5xx` and the previous-hosts predicate,
    /// every request that first lands on host 0 is retried on host 1, so clients see no error.
    @Test func aRetryOn503GoesToAnotherHost() throws {
        let retry = try RetryPolicy(retryOn: [.fiveXX], numRetries: 1, avoidPreviousHosts: true)
        let harness = try EdgeHarness(
            instances: [EdgeHarness.failing(status: 503), EdgeHarness.fast()], rate: 200, cluster: EdgeHarness.cluster(), retry: retry,
            paths: ["/api/x"])
        let metrics = harness.run(until: .seconds(20))
        #expect(metrics.edge("requests") > 3_000)
        #expect(metrics.edge("responses_5xx") == 0)
        // Each 503 was retried once, on host 1: host 0 saw first attempts only (a few may
        // still be in flight at the end).
        let retries = metrics.cluster("upstream_rq_retry")
        #expect(retries == metrics.cluster("upstream_rq_5xx"))
        #expect((0...3).contains(metrics.host(0) - retries))
        #expect(metrics.host(0) > 1_000)
        #expect(metrics.host(0) + metrics.host(1) == metrics.cluster("upstream_rq_total"))
    }

    /// Without the predicate, round robin's position moves on between a request and its retry,
    /// so some retries land on the failing host again and their clients get the 503.
    @Test func withoutThePredicateSomeRetriesFailAgain() throws {
        let retry = try RetryPolicy(retryOn: [.fiveXX], numRetries: 1)
        let harness = try EdgeHarness(
            instances: [EdgeHarness.failing(status: 503), EdgeHarness.fast()], rate: 200, cluster: EdgeHarness.cluster(), retry: retry,
            paths: ["/api/x"])
        let metrics = harness.run(until: .seconds(20))
        #expect(metrics.edge("responses_5xx") > 100)
        #expect(metrics.edge("response_flag_URX") == metrics.edge("responses_5xx"))
    }

    /// Without a retry policy the errors reach the clients: half of the requests fail.
    /// Envoy's default retry circuit breaker allows three retries in flight per proxy; beyond
    /// them a retriable error goes to the client (`upstream_rq_retry_overflow`).
    @Test func theRetryCircuitBreakerLimitsConcurrentRetries() throws {
        let retry = try RetryPolicy(retryOn: [.fiveXX], numRetries: 1, avoidPreviousHosts: true)
        let harness = try EdgeHarness(
            instances: [EdgeHarness.failing(status: 503), EdgeHarness.fast()], rate: 400, cluster: EdgeHarness.cluster(maxRetries: 3),
            retry: retry, paths: ["/api/x"])
        let metrics = harness.run(until: .seconds(20))
        let overflow = metrics.cluster("upstream_rq_retry_overflow")
        #expect(overflow > 100)
        #expect(metrics.edge("responses_5xx") == overflow)
        #expect(metrics.cluster("upstream_rq_retry") + overflow == metrics.cluster("upstream_rq_5xx"))
    }

    @Test func withoutARetryPolicyErrorsReachTheClient() throws {
        let harness = try EdgeHarness(instances: [EdgeHarness.failing(status: 503), EdgeHarness.fast()], rate: 200, paths: ["/api/x"])
        let metrics = harness.run(until: .seconds(20))
        #expect(metrics.cluster("upstream_rq_retry") == 0)
        #expect(metrics.edge("responses_5xx") == metrics.cluster("upstream_rq_5xx"))
        #expect(abs(metrics.edge("responses_5xx") / metrics.edge("responses") - 0.5) < 0.02)
    }

    /// Host 0 takes a second per request; the per-try timeout (100 ms) resets the attempt,
    /// which is retried on host 1: clients get 200 after about 100 ms plus the back-off.
    @Test func aPerTryTimeoutFiresAndRetries() throws {
        let retry = try RetryPolicy(retryOn: [.fiveXX], numRetries: 1, perTryTimeout: .milliseconds(100), avoidPreviousHosts: true)
        let harness = try EdgeHarness(
            instances: [EdgeHarness.fast(1_000, concurrency: 1_000), EdgeHarness.fast()], rate: 100, cluster: EdgeHarness.cluster(),
            retry: retry, paths: ["/api/x"])
        let metrics = harness.run(until: .seconds(30))
        let timeouts = metrics.cluster("upstream_rq_per_try_timeout")
        #expect(timeouts > 1_000)
        // Host 0 saw first attempts only; the last few may not have timed out yet.
        #expect((0...10).contains(metrics.host(0) - timeouts))
        #expect(metrics.cluster("upstream_rq_retry") == timeouts)
        #expect(metrics.edge("responses_5xx") == 0)
        #expect(metrics.edge("response_flag_UT") == 0)
        // Half the requests waited out the 100 ms per-try timeout (plus up to 25 ms back-off).
        let p90 = metrics.value("edge", "latency_p90", "ms")!
        #expect(p90 > 100 && p90 < 140)
    }

    /// With no retries left, a per-try timeout is the client's 504 with flag UT.
    @Test func aTimeoutWithoutRetriesIsA504() throws {
        let harness = try EdgeHarness(instances: [EdgeHarness.fast(1_000, concurrency: 1_000)], rate: 50, timeout: .milliseconds(200), paths: ["/api/x"])
        let metrics = harness.run(until: .seconds(10))
        #expect(metrics.cluster("upstream_rq_timeout") > 400)
        #expect(metrics.edge("response_flag_UT") == metrics.cluster("upstream_rq_timeout"))
        #expect(metrics.edge("responses_5xx") == metrics.edge("response_flag_UT"))
        #expect(metrics.edge("responses_2xx") == 0)
    }

    @Test func aRequestWithoutARouteIsA404() throws {
        let harness = try EdgeHarness(instances: [EdgeHarness.fast()], rate: 50, paths: ["/api/x", "/elsewhere"])
        let metrics = harness.run(until: .seconds(10))
        #expect(metrics.edge("response_flag_NR") > 100)
        #expect(metrics.edge("responses_4xx") == metrics.edge("response_flag_NR"))
        #expect(metrics.cluster("upstream_rq_total") + metrics.edge("response_flag_NR") + metrics.edge("in_flight_end") >= metrics.edge("requests"))
    }
}
