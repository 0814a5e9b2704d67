import AWSModels
import Scenario
import Testing

/// A service calling another through the edge, the base the edge-call tests change one line
/// of (`search` is a route clients never send: weight 0):
///
///     6    web: { instances: 4, concurrency: 8, service_time: 20ms, calls: [ { edge_route: search } ] }
///     7    search: { instances: 4, concurrency: 8, service_time: 30ms }
///    14            route: { cluster: web, retry: { retry_on: [5xx], num_retries: 2 } }
///    16            route: { cluster: search, retry: { retry_on: [5xx], num_retries: 2 } }
///    24      - { name: search, weight: 0, authority: web.example.com, path: /search/items }
let edgeCallScenario = """
    name: c
    duration: 1m
    zones: [a, b]
    network: { same_zone: 250us, cross_zone: 1ms, client: 5ms }
    services:
      web: { instances: 4, concurrency: 8, service_time: 20ms, calls: [ { edge_route: search } ] }
      search: { instances: 4, concurrency: 8, service_time: 30ms }
    edge:
      proxies: { count: 2, workers: 2, request_cpu: 100us, response_cpu: 50us }
      virtual_hosts:
        - domains: ["*"]
          routes:
            - match: { prefix: /api }
              route: { cluster: web, retry: { retry_on: [5xx], num_retries: 2 } }
            - match: { prefix: /search }
              route: { cluster: search, retry: { retry_on: [5xx], num_retries: 2 } }
      clusters:
        web: { service: web, lb: least_request }
        search: { service: search, lb: least_request }
    traffic:
      rate: 100
      requests:
        - { name: api, authority: web.example.com, path: /api/items, headers: { x-tenant-id: "{tenant}" } }
        - { name: search, weight: 0, authority: web.example.com, path: /search/items }

    """

func edgeCalls(replacingLine number: Int, with replacement: String) -> String {
    edgeCallScenario.replacingLine(number, with: replacement)
}

@Suite struct EdgeCallSchemaTests {
    @Test func callsThroughTheEdgeNameTheirRequestClass() throws {
        let text = edgeCalls(
            replacingLine: 6,
            with: "  web: { instances: 4, service_time: 20ms, calls: [ { service: search }, { edge_route: search, probability: 0.2 } ] }")
        let platform = try #require(try ScenarioLoader.parse(text, file: "c.yaml").platform)
        let calls = try #require(platform.services[0].calls)
        #expect(calls.calls == [.service(ServiceCall(service: 1)), .edge(EdgeCall(requestClass: 1, probability: 0.2))])
        #expect(calls.callsThroughEdge)
        #expect(platform.traffic?.classes.map(\.weight) == [1, 0])
    }

    @Test(arguments: [
        (
            6, "  web: { instances: 4, service_time: 20ms, calls: [ { edge_route: serch } ] }",
            "c.yaml:6:67: error: service 'web' call 1 names unknown route 'serch' (routes: api, search); did you mean 'search'?"
        ),
        (
            24, "    - { name: search, weight: 0, authority: web.example.com, path: /nothing }",
            "c.yaml:6:83: error: service 'web' call 1: route 'search' matches no route of the edge (Envoy would answer 404)"
        ),
        (
            6, "  web: { instances: 4, service_time: 20ms, calls: [ { edge_route: api } ] }",
            "c.yaml:6:67: error: service 'web' call 1 leads back to its caller: calls go round in a circle:"
                + " 'web' -> 'web' (through the edge, route 'api')"
        ),
        (
            7, "  search: { instances: 4, service_time: 30ms, calls: [ { edge_route: api } ] }",
            "c.yaml:6:83: error: service 'web' call 1 leads back to its caller: calls go round in a circle:"
                + " 'web' -> 'search' (through the edge, route 'search') -> 'web' (through the edge, route 'api')"
        ),
        (
            7, "  search: { instances: 4, service_time: 30ms, calls: [ { service: index } ] }\n"
                + "  index: { instances: 1, service_time: 1ms, calls: [ { edge_route: api, probability: 0.1 } ] }",
            "c.yaml:6:83: error: service 'web' call 1 leads back to its caller: calls go round in a circle:"
                + " 'web' -> 'search' (through the edge, route 'search') -> 'index' -> 'web' (through the edge, route 'api')"
        ),
        (
            6, "  web: { instances: 4, service_time: 20ms, calls: [ { edge_route: search, service: search } ] }",
            "c.yaml:6:75: error: unknown key 'service' in service 'web' call 1 (expected 'edge_route', 'probability')"
        ),
        (
            6, "  web: { instances: 4, service_time: 20ms, calls: [ { edge_route: search, probability: 1.5 } ] }",
            "c.yaml:6:88: error: service 'web' call 1 probability is a probability and must lie in [0, 1], found 1.5"
        ),
        (
            23, "    - { name: api, weight: 0, authority: web.example.com, path: /api/items }",
            "c.yaml:23:5: error: every request kind of 'traffic.requests' has weight 0: clients would send nothing"
        ),
    ])
    func mistakesArePointedAt(line: Int, replacement: String, message: String) {
        #expect(loadError(edgeCalls(replacingLine: line, with: replacement), file: "c.yaml")?.description == message)
    }

    /// Without an edge there is nothing to call through.
    @Test func callsThroughTheEdgeNeedAnEdge() {
        let text = """
            name: c
            duration: 1m
            services:
              web: { instances: 1, service_time: 20ms, calls: [ { edge_route: search } ] }

            """
        #expect(loadError(text, file: "c.yaml")?.description == "c.yaml:4:67: error: service 'web' call 1 goes through the edge, and the scenario has no 'edge'")
    }

    /// The tenants' workload has routes too; one of weight 0 is for the applications alone.
    @Test func workloadRoutesOfWeightZeroAreForTheApplications() throws {
        let scenario = try ScenarioLoader.parse(tenantsEdgeCallScenario, file: "t.yaml")
        let workload = try #require(scenario.platform?.workload)
        #expect(workload.routes.map(\.request.weight) == [1, 0])
        #expect(try #require(scenario.platform?.services[0].calls).calls == [.edge(EdgeCall(requestClass: 1))])
        let unsent = tenantsEdgeCallScenario.replacingOccurrences(
            of: "    - { name: api, product: jira,", with: "    - { name: api, weight: 0, product: jira,")
        #expect(loadError(unsent, file: "t.yaml")?.description
            == "t.yaml:28:5: error: product 'jira' has tenants but no route of positive weight in 'workload.routes'")
    }
}

/// A tenant population whose `web` calls `search` through the edge on every request.
let tenantsEdgeCallScenario = """
    name: t
    duration: 1m
    zones: [a, b]
    services:
      web: { instances: 4, concurrency: 16, service_time: 20ms, calls: [ { edge_route: search } ] }
      search: { instances: 4, concurrency: 16, service_time: 10ms }
    edge:
      proxies: { count: 2, workers: 2 }
      virtual_hosts:
        - domains: ["*"]
          routes:
            - { match: { prefix: /search }, route: { cluster: search } }
            - { match: { prefix: / }, route: { cluster: web } }
      clusters:
        web: { service: web, lb: least_request }
        search: { service: search, lb: least_request }
    tenants:
      count: 2000
      active_users: { lognormal: { median: 3, p99: 100 } }
      tiers: { free: 0.6, standard: 0.3, premium: 0.09, enterprise: 0.01 }
      regions: { us-east-1: 0.6, eu-west-1: 0.4 }
      products: { jira: 1 }
    workload:
      requests_per_active_user_per_minute: 2
      diurnal: { peak_hour_local: 14, trough: 0.25 }
      clock: { start_hour_utc: 12, speed: 60 }
      routes:
        - { name: api, product: jira, authority: jira.example.com, path: /rest/api }
        - { name: search, weight: 0, authority: jira.example.com, path: /search }

    """
