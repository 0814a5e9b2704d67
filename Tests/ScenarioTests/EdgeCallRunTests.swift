import Scenario
import SimKernel
import Testing

/// `web` calls `search` through the edge on every request, run end to end.
@Suite struct EdgeCallRunTests {
    private static func run(_ text: String, overrides: [String] = []) throws -> (metrics: MetricTable, digest: UInt64) {
        let result = ScenarioRunner.runReplication(try ScenarioLoader.parse(text, file: "c.yaml", overrides: overrides), index: 0)
        return (result.metrics, result.digest)
    }

    /// Every call becomes one internal request of the edge, which reaches `search` and comes
    /// back; the clients' counts hold only the clients' requests; both kinds are conserved,
    /// also when `web` instances crash while they wait on their calls.
    @Test(arguments: [[], ["faults=[ { at: 20s, stop_instances: { service: web, instances: [0, 1], for: 10s } } ]"]])
    func everyCallIsOneInternalRequestAnsweredOnce(overrides: [String]) throws {
        let (metrics, _) = try Self.run(edgeCallScenario, overrides: overrides)
        func value(_ component: String, _ metric: String) throws -> Double { try #require(metrics.value(component, metric, "count")) }
        let calls = try value("service.web.calls", "calls")
        let internalRequests = try value("edge", "internal_requests")
        let internalAnswered = try value("edge", "internal_responses")
        let internalInFlight = try value("edge", "internal_in_flight_end")
        #expect(calls > 5_000)
        #expect(internalRequests == calls, "one internal request per call")
        #expect(internalRequests == internalAnswered + internalInFlight, "internal requests are conserved")
        #expect(internalInFlight < 20)
        // Search serves nothing but the calls: those answered reached it, those in flight may not yet.
        let searched = try value("service.search", "requests_served")
        #expect(searched >= internalAnswered && searched <= internalRequests)
        #expect(try value("edge.cluster.search", "upstream_rq_total") == searched)
        #expect(try value("edge", "internal_responses_5xx") == 0)
        // The clients' requests, apart: none of the internal ones among them.
        let requests = try value("edge", "requests")
        let responses = try value("edge", "responses")
        #expect(requests == responses + (try value("edge", "in_flight_end")), "clients' requests are conserved")
        if overrides.isEmpty {
            let webAttempts = try value("edge.cluster.web", "upstream_rq_total")
            #expect(webAttempts <= requests && webAttempts >= responses && calls <= webAttempts)
        }
    }

    /// In one zone, with constant times and a light load, an answer through the edge comes
    /// back exactly after four internal hops, the proxy's request and response work, and
    /// search's 30 ms; clients' latencies do not mix with it.
    @Test func theAnswerComesAfterTheCalleesWorkAndTheHops() throws {
        let (metrics, _) = try Self.run(edgeCallScenario, overrides: ["zones=[a]"])
        let expected = 0.030 + 4 * 0.000_25 + 0.000_1 + 0.000_05
        let callTime = try #require(metrics.value("service.web.calls", "time_p50", "s"))
        #expect(abs(callTime - expected) < 0.000_05, "\(callTime)")
        let internalLatency = try #require(metrics.value("edge", "internal_latency_p50", "ms"))
        #expect(abs(internalLatency / 1000 - callTime) < 0.000_05)
        // A client's request: its own hops and the proxy's work, web's 20 ms, then the call.
        let clientLatency = try #require(metrics.value("edge", "latency_p50", "ms")) / 1000
        #expect(abs(clientLatency - (2 * 0.005 + 2 * 0.000_25 + 0.000_15 + 0.020 + expected)) < 0.000_1, "\(clientLatency)")
    }

    /// Search fails every request: Envoy retries each internal request twice (its route's
    /// policy), then web gives up on the request with its call failure status (502), which
    /// the clients' route retries once, as it retries only 502. (The retry circuit breakers
    /// are opened wide: Envoy's default of 3 retries at once would refuse most retries.)
    @Test func aFailingCalleeFailsTheCallerAfterEnvoysRetries() throws {
        var text = edgeCalls(
            replacingLine: 7, with: "  search: { instances: 4, concurrency: 8, service_time: 30ms, error_probability: 1 }")
        text = text.replacingOccurrences(
            of: "calls: [ { edge_route: search } ] }", with: "calls: [ { edge_route: search } ], call_failure_status: 502 }")
        text = text.replacingOccurrences(
            of: "route: { cluster: web, retry: { retry_on: [5xx], num_retries: 2 } }",
            with: "route: { cluster: web, retry: { retry_on: [retriable-status-codes], retriable_status_codes: [502], num_retries: 1 } }")
        text = text.replacingOccurrences(of: "lb: least_request }", with: "lb: least_request, circuit_breakers: { max_retries: 1000 } }")
        let (metrics, _) = try Self.run(text)
        func value(_ component: String, _ metric: String) throws -> Double { try #require(metrics.value(component, metric, "count")) }
        let internalRequests = try value("edge", "internal_requests")
        let internalAnswered = try value("edge", "internal_responses")
        #expect(internalAnswered > 1_000)
        #expect(try value("edge", "internal_responses_5xx") == internalAnswered, "every call fails")
        #expect(try value("edge", "internal_local_replies") == 0, "with search's own 500, after the retries")
        let attempts = try value("edge.cluster.search", "upstream_rq_total")
        #expect(attempts >= 3 * internalAnswered && attempts <= 3 * internalRequests, "three tries per internal request")
        #expect(try value("edge.cluster.search", "upstream_rq_retry_overflow") == 0)
        #expect(try value("edge.cluster.search", "upstream_rq_retry") >= 2 * internalAnswered)
        let failed = try value("service.web.calls", "failed")
        #expect(failed <= internalAnswered && failed > internalAnswered - 20)
        // Web answered 502, which the clients' route retried.
        let clients = try value("edge", "responses")
        #expect(try value("edge", "responses_5xx") == clients)
        #expect(abs(try value("edge.cluster.web", "upstream_rq_retry") - clients) < 20)
    }

    /// The shipped trade-off, reduced: through the edge a call takes longer and the proxies
    /// work twice as hard, but Envoy's retries absorb search's 1% of failures, which direct
    /// calls pass on to the clients.
    @Test func theShippedComparisonShowsWhatTheEdgeCostsAndBuys() throws {
        let path = packageRoot.appendingPathComponent("scenarios/tradeoffs/direct-vs-edge-calls.yaml").path
        let reduced = ["duration=30s", "warmup=5s", "traffic.rate=500"]
        let throughEdge = try ScenarioLoader.load(file: path, overrides: reduced)
        #expect(throughEdge.text.hasPrefix("# "), "opens with what it answers and how to run it")
        let direct = try ScenarioLoader.load(file: path, overrides: reduced + ["services.web.calls=[ { service: search } ]"])
        let edge = ScenarioRunner.runReplication(throughEdge, index: 0).metrics
        let straight = ScenarioRunner.runReplication(direct, index: 0).metrics
        func value(_ metrics: MetricTable, _ component: String, _ metric: String, _ unit: String) throws -> Double {
            try #require(metrics.value(component, metric, unit))
        }
        #expect(try value(edge, "service.web.calls", "time_p50", "s") > value(straight, "service.web.calls", "time_p50", "s"))
        let busy = try value(edge, "edge.proxies", "worker_utilization_mean", "ratio") / value(straight, "edge.proxies", "worker_utilization_mean", "ratio")
        #expect(busy > 1.8 && busy < 2.2, "every call is a second request through the proxies: \(busy)")
        #expect(try value(straight, "edge", "error_ratio", "ratio") > 0.005)
        #expect(try value(edge, "edge", "error_ratio", "ratio") < 0.001)
        #expect(straight.value("edge", "internal_requests", "count") == nil, "an edge nobody calls reports no internal requests")
    }

    @Test func theSameSeedGivesTheSameRun() throws {
        let first = try Self.run(edgeCallScenario)
        let second = try Self.run(edgeCallScenario)
        #expect(first.digest == second.digest)
        #expect(first.metrics.value("edge", "internal_latency_p99", "ms") == second.metrics.value("edge", "internal_latency_p99", "ms"))
    }

    /// The tenants' outcomes hear the clients' responses only: every tier's count adds up to
    /// the edge's client responses, though as many internal requests went through it.
    @Test func tenantsOutcomesCountOnlyClientRequests() throws {
        let (metrics, _) = try Self.run(tenantsEdgeCallScenario)
        let responses = try #require(metrics.value("edge", "responses", "count"))
        let internalResponses = try #require(metrics.value("edge", "internal_responses", "count"))
        let perTier = ["free", "standard", "premium", "enterprise"].map { metrics.value("tenants.tier.\($0)", "requests", "count") ?? .nan }
        #expect(responses > 1_000 && abs(internalResponses - responses) < 50)
        #expect(perTier.reduce(0, +) == responses, "\(perTier) against \(responses)")
    }
}
