import EdgeProxy
import Infra
import Sidecar
import SimKernel
import Testing

@Suite struct SidecarChainTests {
    /// The auth service is down: fail-closed answers 503 to everyone; fail-open lets everyone
    /// through and counts it.
    @Test(arguments: [false, true])
    func authFailureModes(failOpen: Bool) throws {
        let configuration = SidecarConfiguration(placement: .sidecar, services: ["web"], auth: SidecarHarness.auth(failOpen: failOpen))
        let harness = try SidecarHarness(configuration, down: ["auth"])
        let metrics = harness.run(for: .seconds(10))
        let requests = metrics.sidecar("requests")
        #expect(requests > 1_500)
        if failOpen {
            #expect(metrics.sidecar("failed_open", "sidecar.auth") == metrics.sidecar("service_calls", "sidecar.auth"))
            #expect(metrics.sidecar("denied") == 0)
            #expect(metrics.edge("responses_5xx") == 0)
        } else {
            #expect(metrics.sidecar("denied_auth_error") == metrics.sidecar("service_calls", "sidecar.auth"))
            #expect(metrics.sidecar("admitted") == 0)
            #expect(metrics.edge("responses_5xx") >= requests - 5)
        }
    }

    /// The rate-limit service is down: fail open by default, 500 (RLSE) with failure_mode_deny.
    @Test(arguments: [false, true])
    func rateLimitServiceFailureModes(deny: Bool) throws {
        let configuration = SidecarConfiguration(placement: .edgeOnly, services: [], globalRateLimit: SidecarHarness.global(perSecond: 1, failureModeDeny: deny))
        let harness = try SidecarHarness(configuration, down: ["ratelimit"])
        let metrics = harness.run(for: .seconds(10))
        let calls = metrics.sidecar("service_calls", "sidecar.ratelimit")
        #expect(calls > 1_500)
        #expect(metrics.sidecar("service_failures", "sidecar.ratelimit") == calls)
        if deny {
            #expect(metrics.edge("response_flag_RLSE") == calls)
            #expect(metrics.sidecar("admitted") == 0)
        } else {
            #expect(metrics.sidecar("failed_open", "sidecar.ratelimit") == calls)
            #expect(metrics.edge("responses_2xx") >= calls - 20, "a few are still in flight at the end")
        }
    }

    /// Ten free tenants allowed 2 requests a second each, sending about 20: the global limit
    /// admits about 20 a second in all, answers the rest 429 with flag RL (edge-only), and
    /// shadow mode counts the same excess without denying anything.
    @Test(arguments: [false, true])
    func globalLimitsHoldAndShadowModeOnlyCounts(shadow: Bool) throws {
        let configuration = SidecarConfiguration(placement: .edgeOnly, services: [], globalRateLimit: SidecarHarness.global(perSecond: 2, shadow: shadow))
        let harness = try SidecarHarness(configuration, rate: 200, tenants: 10)
        let metrics = harness.run(for: .seconds(20))
        if shadow {
            #expect(metrics.sidecar("denied") == 0)
            #expect(metrics.edge("response_flag_RL") == 0)
            #expect(metrics.sidecar("service_shadow_over_limit", "sidecar.ratelimit") > 3_000, "shadow mode counts what it would deny")
            #expect(metrics.sidecar("admitted") >= metrics.sidecar("requests") - 5)
        } else {
            let admitted = metrics.sidecar("admitted")
            // 10 tenants x 2 per second x 20 s, plus one window's worth at the edges.
            #expect(admitted >= 380 && admitted <= 420, "admitted \(admitted)")
            #expect(metrics.edge("response_flag_RL") == metrics.sidecar("denied_global_rate_limit"))
            #expect(metrics.sidecar("denied_global_rate_limit") > 3_000)
        }
    }

    /// Local token buckets, per instance and tier: two instances of 10 tokens a second each let
    /// about 20 requests a second through, whatever the offered rate.
    @Test func localBucketsLimitEachInstance() throws {
        let buckets = TierRateLimits.localDescriptors([.free: LocalTokenBucketConfiguration(maxTokens: 10, tokensPerFill: 10, fillInterval: .seconds(1))])
        let local = LocalRateLimitFilterConfiguration(
            limiter: LocalRateLimiterConfiguration(tokenBucket: nil, descriptors: buckets), filterEnabled: FractionalPercent(numerator: 100),
            filterEnforced: FractionalPercent(numerator: 100))
        let configuration = SidecarConfiguration(placement: .library, services: ["web"], localRateLimit: local)
        let harness = try SidecarHarness(configuration, rate: 200)
        let metrics = harness.run(for: .seconds(20))
        let admitted = metrics.sidecar("admitted")
        #expect(admitted >= 400 && admitted <= 440, "admitted \(admitted)")
        #expect(metrics.sidecar("denied_local_rate_limit") == metrics.sidecar("requests") - admitted)
        #expect(metrics.value("service.web", "filtered", "count") == metrics.sidecar("denied_local_rate_limit"))
    }

    /// A shipper slower than the traffic: records are dropped, and every record produced is
    /// written, dropped, buffered or in transit.
    @Test func everyLogRecordIsAccountedFor() throws {
        let log = AccessLogConfiguration(bufferRecords: 200, flushRecords: 100, flushInterval: .seconds(1), shipperRate: 50, overflow: .drop)
        let configuration = SidecarConfiguration(placement: .sidecar, services: ["web"], accessLog: log)
        let harness = try SidecarHarness(configuration, rate: 300)
        let metrics = harness.run(for: .seconds(30))
        let produced = metrics.sidecar("records_produced", "sidecar.logging")
        let accounted = ["records_written", "records_dropped", "records_buffered_end", "records_in_transit_end"]
            .reduce(0.0) { $0 + metrics.sidecar($1, "sidecar.logging") }
        #expect(produced > 8_000)
        #expect(accounted == produced)
        #expect(metrics.sidecar("records_dropped", "sidecar.logging") > 4_000)
    }

    /// The sidecar adds its hops and CPU; the library does the same checks without the hops.
    @Test func aSidecarAddsMoreLatencyThanALibrary() throws {
        func added(_ placement: SidecarPlacement) throws -> Double {
            var configuration = SidecarConfiguration(placement: placement, services: ["web"], auth: SidecarHarness.auth())
            configuration.hop = .constant(0.000_5)
            let metrics = try SidecarHarness(configuration).run(for: .seconds(10))
            return metrics.value("sidecar", "added_latency_mean", "ms") ?? .nan
        }
        let sidecar = try added(.sidecar)
        let library = try added(.library)
        // Two hops of 0.5 ms and two proxy passes of 40 us.
        #expect(abs(sidecar - library - 1.08) < 0.05, "sidecar \(sidecar) ms, library \(library) ms")
    }
}

@Suite struct SidecarSeriesTests {
    /// The series over fixed intervals add up to the run's totals: requests and denials per
    /// second times the interval, and dropped log records.
    @Test func intervalsAddUpToTheTotals() throws {
        let buckets = TierRateLimits.localDescriptors([.free: LocalTokenBucketConfiguration(maxTokens: 10, tokensPerFill: 10, fillInterval: .seconds(1))])
        let local = LocalRateLimitFilterConfiguration(
            limiter: LocalRateLimiterConfiguration(tokenBucket: nil, descriptors: buckets), filterEnabled: FractionalPercent(numerator: 100),
            filterEnforced: FractionalPercent(numerator: 100))
        let log = AccessLogConfiguration(bufferRecords: 200, flushRecords: 100, flushInterval: .seconds(1), shipperRate: 50, overflow: .drop)
        let configuration = SidecarConfiguration(placement: .sidecar, services: ["web"], localRateLimit: local, accessLog: log)
        let harness = try SidecarHarness(configuration, rate: 200)
        harness.simulation.observe(warmupEnd: .zero, sampleInterval: .seconds(5))
        let metrics = harness.run(for: .seconds(30))
        let series = harness.simulation.timeSeries
        #expect(series.sampleCount == 6)
        func sum(_ component: String, _ metric: String) throws -> Double {
            let index = try #require(series.keys.firstIndex(of: MetricKey(component, metric, "per_s")))
            return (0..<series.sampleCount).reduce(0.0) { $0 + series.value(sample: $1, series: index) * 5 }
        }
        #expect(abs(try sum("sidecar", "requests") - metrics.sidecar("requests")) < 1e-6)
        #expect(abs(try sum("sidecar", "denied") - metrics.sidecar("denied")) < 1e-6)
        #expect(abs(try sum("sidecar.logging", "records_dropped") - metrics.sidecar("records_dropped", "sidecar.logging")) < 1e-6)
        #expect(metrics.sidecar("denied") > 1_000)
    }
}
