import EdgeProxy
import Infra
import SimKernel
import Testing

@Suite struct CircuitBreakerAndOutlierTests {
    /// One host serving one request at a time for 100 ms; the proxy may have 2 requests in
    /// flight and 3 pending. Clients sending 100/s overflow the rest: 503 with flag UO.
    @Test func overflowPastMaxPendingRequestsIsA503() throws {
        var thresholds = CircuitBreakerThresholds()
        thresholds.maxRequests = 2
        thresholds.maxPendingRequests = 3
        let cluster = EdgeConfiguration.Cluster(name: "web", service: "web", circuitBreakers: thresholds, perHostStatistics: true)
        let slow = ServiceInstanceConfiguration(concurrency: 1, serviceTime: .constant(0.1))
        let harness = try EdgeHarness(instances: [slow], rate: 100, cluster: cluster, paths: ["/api/x"])
        let metrics = harness.run(until: .seconds(60))
        let overflow = metrics.cluster("upstream_rq_pending_overflow")
        #expect(overflow > 4_000)
        #expect(metrics.edge("response_flag_UO") == overflow)
        #expect(metrics.edge("responses_5xx") == overflow)
        #expect(metrics.edge("local_replies") == overflow)
        // The host served about ten per second, all the time.
        #expect(abs(metrics.edge("responses_2xx") / 60 - 10) < 0.5)
        #expect(metrics.cluster("upstream_rq_pending_total") > 500)
    }

    /// Host 0 fails everything. Five consecutive 5xx eject it at once; it comes back at the
    /// first outlier-detection tick at least 30 s (the base ejection time) later, fails five
    /// more times and is ejected again, now for 60 s.
    @Test func fiveConsecutive5xxEjectAHostUntilTheEjectionTimeHasPassed() throws {
        var outlier = OutlierDetectionConfiguration()
        outlier.maxEjectionPercent = 50
        let cluster = EdgeConfiguration.Cluster(name: "web", service: "web", outlierDetection: outlier, perHostStatistics: true)
        let harness = try EdgeHarness(
            instances: [EdgeHarness.failing(status: 500), EdgeHarness.fast(), EdgeHarness.fast()], rate: 30, cluster: cluster, paths: ["/api/x"])
        var metrics = harness.run(until: .seconds(35))
        #expect(metrics.host(0) == 5)
        #expect(metrics.cluster("outlier_detection_ejections_enforced_consecutive_5xx") == 1)
        #expect(metrics.cluster("outlier_detection_ejections_active") == 1)
        // Ticks at 10 s, 20 s, 30 s, 40 s: ejected at about 0.5 s, it returns at the 40 s tick.
        metrics = harness.run(until: .milliseconds(39_900))
        #expect(metrics.host(0) == 5)
        metrics = harness.run(until: .seconds(45))
        #expect(metrics.host(0) == 10)
        #expect(metrics.cluster("outlier_detection_ejections_enforced_consecutive_5xx") == 2)
        // The second ejection lasts 60 s: host 0 stays out until the 110 s tick.
        metrics = harness.run(until: .seconds(109))
        #expect(metrics.host(0) == 10)
        metrics = harness.run(until: .seconds(115))
        #expect(metrics.host(0) == 15)
    }

    /// One healthy host of four is 25% (under the 50% panic threshold): Envoy then spreads over
    /// all hosts, including those failing their health checks. Two of four (50%) is not panic.
    @Test(arguments: [(3, true), (2, false)])
    func fewerThanHalfHealthyPutsTheClusterInPanic(down: Int, panic: Bool) throws {
        let check = HealthCheckConfiguration(interval: .seconds(1), timeout: .milliseconds(500), healthyThreshold: 2, unhealthyThreshold: 2)
        let cluster = EdgeConfiguration.Cluster(name: "web", service: "web", healthCheck: check, perHostStatistics: true)
        let harness = try EdgeHarness(instances: Array(repeating: EdgeHarness.fast(), count: 4), rate: 100, cluster: cluster, paths: ["/api/x"], down: down)
        let metrics = harness.run(until: .seconds(20))
        if panic {
            #expect(metrics.cluster("lb_healthy_panic") == metrics.cluster("upstream_rq_total"))
            #expect(metrics.host(0) > 300)
            #expect(metrics.cluster("upstream_cx_connect_fail") == metrics.host(0) + metrics.host(1) + metrics.host(2))
            #expect(metrics.edge("response_flag_UF") == metrics.cluster("upstream_cx_connect_fail"))
        } else {
            #expect(metrics.cluster("lb_healthy_panic") == 0)
            #expect(metrics.host(0) == 0 && metrics.host(1) == 0)
            #expect(metrics.edge("responses_5xx") == 0)
        }
    }
}
