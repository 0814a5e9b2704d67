import Infra
import Scenario
import SimKernel
import Testing

/// A service's `routes:`: resolved to the traffic's request classes, and served as written.
@Suite struct RouteBehaviourTests {
    /// The edge scenario of EdgeSchemaTests with two request classes, `items` and `search`.
    static let scenario = edge(replacingLine: 18, with: """
            - { name: items, authority: web.example.com, path: /api/items, weight: 0.7 }
            - { name: search, authority: web.example.com, path: /api/search, weight: 0.3 }
        """)

    static func withRoutes(_ routes: String) -> String {
        scenario.replacingOccurrences(
            of: "  web: { instances: 4, concurrency: 8, service_time: 20ms }",
            with: "  web: { instances: 4, concurrency: 8, service_time: 20ms, routes: \(routes) }")
    }

    @Test func routesAreResolvedToRequestClasses() throws {
        let platform = try #require(try ScenarioLoader.parse(Self.withRoutes("{ search: { service_time: 80ms, error_probability: 0.5 } }"), file: "r.yaml").platform)
        #expect(platform.services[0].instance.routes == [
            RouteBehaviour(), RouteBehaviour(serviceTime: .constant(0.08), errorProbability: 0.5),
        ])
    }

    @Test(arguments: [
        ("{ serch: { service_time: 80ms } }", "r.yaml:5:70: error: service 'web' route 'serch' is not a route of the traffic (routes: items, search); did you mean 'search'?"),
        ("{ search: {} }", "r.yaml:5:78: error: service 'web' route 'search' changes nothing: give its 'service_time' or 'error_probability'"),
    ])
    func mistakesArePointedAt(routes: String, message: String) {
        #expect(loadError(Self.withRoutes(routes), file: "r.yaml")?.description == message)
    }

    /// Searches (30%) take 80 ms and fail half the time, items (70%) 20 ms and never: the
    /// edge's latency and errors carry both.
    @Test func eachRouteIsServedAsWritten() throws {
        let text = Self.withRoutes("{ search: { service_time: 80ms, error_probability: 0.5 } }")
            .replacingOccurrences(of: "retry: { retry_on: [5xx], num_retries: 2 }", with: "retry: { retry_on: [reset], num_retries: 1 }")
        let metrics = ScenarioRunner.runReplication(try ScenarioLoader.parse(text, file: "r.yaml"), index: 0).metrics
        let responses = try #require(metrics.value("edge", "responses", "count"))
        let errors = try #require(metrics.value("edge", "responses_5xx", "count"))
        // 30% of the requests are searches, half of which fail: 15%, within 4 sd.
        #expect(abs(errors / responses - 0.15) < 4 * (0.15 * 0.85 / responses).squareRoot())
        let p50 = try #require(metrics.value("edge", "latency_p50", "ms"))
        let p90 = try #require(metrics.value("edge", "latency_p90", "ms"))
        #expect(p50 < 40 && p90 > 80, "items near 20 ms, searches above 80 ms: p50 \(p50), p90 \(p90)")
    }
}
