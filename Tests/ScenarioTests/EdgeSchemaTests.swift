import EdgeProxy
import Foundation
import Scenario
import SimKernel
import Testing

/// A small edge scenario, the base the tests change one line of:
///
///     1  name: e
///     2  duration: 1m
///     3  zones: [a, b]
///     4  services:
///     5    web: { instances: 4, concurrency: 8, service_time: 20ms }
///     6  edge:
///     7    proxies: { count: 2, workers: 2 }
///     8    virtual_hosts:
///     9      - domains: ["*"]
///    10        routes:
///    11          - match: { prefix: /api }
///    12            route: { cluster: web, retry: { retry_on: [5xx], num_retries: 2 } }
///    13    clusters:
///    14      web: { service: web, lb: least_request }
///    15  traffic:
///    16    rate: 100
///    17    requests:
///    18      - { authority: web.example.com, path: /api/items, headers: { x-tenant-id: "{tenant}" } }
let edgeScenario = """
    name: e
    duration: 1m
    zones: [a, b]
    services:
      web: { instances: 4, concurrency: 8, service_time: 20ms }
    edge:
      proxies: { count: 2, workers: 2 }
      virtual_hosts:
        - domains: ["*"]
          routes:
            - match: { prefix: /api }
              route: { cluster: web, retry: { retry_on: [5xx], num_retries: 2 } }
      clusters:
        web: { service: web, lb: least_request }
    traffic:
      rate: 100
      requests:
        - { authority: web.example.com, path: /api/items, headers: { x-tenant-id: "{tenant}" } }

    """

func edge(replacingLine number: Int, with replacement: String) -> String {
    edgeScenario.replacingLine(number, with: replacement)
}

@Suite struct EdgeSchemaTests {
    @Test func theBaseReadsAsWritten() throws {
        let scenario = try ScenarioLoader.parse(edgeScenario, file: "e.yaml")
        let platform = try #require(scenario.platform)
        #expect(scenario.network == nil)
        #expect(platform.zones == ["a", "b"])
        #expect(platform.services.map(\.instances) == [4])
        let edge = try #require(platform.edge)
        #expect(edge.proxies.count == 2 && edge.proxies.workers == 2)
        #expect(edge.clusters.map(\.name) == ["web"])
        #expect(edge.clusters[0].policy == .leastRequest())
        #expect(edge.clusters[0].circuitBreakers == CircuitBreakerThresholds())
        let traffic = try #require(platform.traffic)
        #expect(traffic.rate == 100 && traffic.zoneShares == [0.5, 0.5])
        let selection = try #require(edge.routes.route(for: traffic.classes[0].attributes(tenant: 3)).selection)
        #expect(selection.retryPolicy?.numRetries == 2)
        #expect(selection.timeout == .seconds(15))
    }

    @Test(arguments: [
        (12, "          route: { cluster: wbe }", "e.yaml:12:29: error: virtual host 'vhost-1' route 1 routes to unknown cluster 'wbe'; did you mean 'web'?"),
        (14, "    web: { service: web, lb: least_requests }", "e.yaml:14:30: error: unknown load-balancing policy 'least_requests' in cluster 'web'; did you mean 'least_request'? (known: round_robin, least_request, random, ring_hash, maglev)"),
        (14, "    web: { service: api, lb: random }", "e.yaml:14:21: error: cluster 'web' names unknown service 'api'"),
        (14, "    web: { service: web, lb: { maglev: { table_size: 8 } } }", "e.yaml:14:30: error: cluster 'web': The table size of maglev must be prime number"),
        (14, "    web: { service: web, lb: { ring_hash: { minimum_ring_size: 20, maximum_ring_size: 10 } } }", "e.yaml:14:30: error: cluster 'web': ring hash: minimum_ring_size (20) > maximum_ring_size (10)"),
        (12, "          route: { cluster: web, retry: { retry_on: [5xx, resets] } }", "e.yaml:12:53: error: unknown retry_on condition 'resets'; known: 5xx, gateway-error, reset, connect-failure, retriable-4xx, refused-stream, retriable-status-codes, envoy-ratelimited, reset-before-request"),
        (7, "  proxies: { count: 0 }", "e.yaml:7:21: error: 'edge.proxies.count' must be between 1 and 100000, found 0"),
        (16, "  rate: -5", "e.yaml:16:9: error: 'traffic.rate' (requests per second) must be positive, found -5"),
        (11, "        - match: { prefix: /api, path: /api }", "e.yaml:11:18: error: virtual host 'vhost-1' route 1 match needs exactly one of 'prefix', 'path' and 'safe_regex'"),
    ])
    func errorsPointAtTheirPlace(line: Int, replacement: String, expected: String) {
        #expect(loadError(edge(replacingLine: line, with: replacement), file: "e.yaml")?.description == expected)
    }

    @Test func anEdgeNeedsTraffic() {
        let text = edgeScenario.components(separatedBy: "traffic:")[0]
        #expect(loadError(text, file: "e.yaml")?.description == "e.yaml:7:3: error: 'edge' needs 'traffic', or 'tenants' and 'workload': the clients whose requests it routes")
    }

    @Test func routingOnAPerTenantHeaderIsRefused() {
        let text = edge(replacingLine: 11, with: "        - match: { prefix: /api, headers: [ { name: x-tenant-id, exact: \"7\" } ] }")
        #expect(loadError(text, file: "e.yaml")?.description
            == "e.yaml:16:3: error: route matching on the per-tenant header 'x-tenant-id' is not supported: it is resolved once per request class")
    }

    @Test func clientZonesMustBeZones() {
        let text = edgeScenario.replacingOccurrences(of: "  rate: 100\n", with: "  rate: 100\n  zones: { a: 0.5, c: 0.5 }\n")
        #expect(loadError(text, file: "e.yaml")?.description == "e.yaml:17:20: error: client zone 'c' is not one of the zones (a, b)")
    }

    @Test func shippedEdgeScenariosLoad() throws {
        for path in ["scenarios/tradeoffs/lb-policies.yaml", "scenarios/bench/edge-least-request.yaml"] {
            let scenario = try ScenarioLoader.load(file: packageRoot.appendingPathComponent(path).path)
            #expect(scenario.warnings.isEmpty)
            #expect(scenario.platform?.edge != nil)
        }
    }
}
