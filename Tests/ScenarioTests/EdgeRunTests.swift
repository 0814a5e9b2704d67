import Scenario
import SimKernel
import Testing

/// Scenarios with an edge, run through the scenario runner.
@Suite struct EdgeRunTests {
    /// Priority 0 loses one of its two hosts: its health is 140 x 1/2 = 70, so it keeps 70% of
    /// the load and priority 1 (the failover service) takes the other 30%.
    @Test func trafficSpillsToTheFailoverPriorityAsHealthDrops() throws {
        let text = """
            name: failover
            duration: 2m
            services:
              web: { instances: 2, concurrency: 32, service_time: 5ms }
              dr: { instances: 2, concurrency: 32, service_time: 5ms }
            edge:
              proxies: { count: 2, workers: 2 }
              virtual_hosts:
                - domains: ["*"]
                  routes: [ { match: { prefix: / }, route: { cluster: web } } ]
              clusters:
                web:
                  service: web
                  failover: [dr]
                  lb: round_robin
                  health_check: { interval: 1s, timeout: 500ms, healthy_threshold: 1, unhealthy_threshold: 1 }
                  per_host_stats: true
            traffic:
              rate: 400
              requests: [ { authority: a.example.com, path: /x } ]
            faults:
              - { at: 0s, stop_instances: { service: web, instances: [0] } }

            """
        let scenario = try ScenarioLoader.parse(text, file: "f.yaml")
        let metrics = ScenarioRunner.runReplication(scenario, index: 0).metrics
        let hosts = (0..<4).map { metrics.value("edge.cluster.web.host.\($0)", "upstream_rq_total", "count") ?? .nan }
        let total = hosts.reduce(0, +)
        #expect(total > 40_000)
        #expect(hosts[0] / total < 0.01, "the stopped host kept traffic: \(hosts)")
        #expect(abs((hosts[2] + hosts[3]) / total - 0.30) < 0.01, "failover share: \(hosts)")
        #expect(abs(hosts[1] / total - 0.70) < 0.01)
    }

    /// Host weights reach the balancer: slow instances at weight 1 beside weight-3 ones get a
    /// quarter of the share under weighted round robin (Envoy's EDF).
    @Test func instanceWeightsSteerWeightedRoundRobin() throws {
        let text = """
            name: weights
            duration: 1m
            services:
              web: { instances: 4, concurrency: 32, service_time: 5ms, weight: 3, slow: { instances: 2, speed: 0.5, weight: 1 } }
            edge:
              proxies: { count: 1, workers: 2 }
              virtual_hosts:
                - domains: ["*"]
                  routes: [ { match: { prefix: / }, route: { cluster: web } } ]
              clusters:
                web: { service: web, lb: round_robin, per_host_stats: true }
            traffic:
              rate: 400
              requests: [ { authority: a.example.com, path: /x } ]

            """
        let metrics = ScenarioRunner.runReplication(try ScenarioLoader.parse(text, file: "w.yaml"), index: 0).metrics
        let hosts = (0..<4).map { metrics.value("edge.cluster.web.host.\($0)", "upstream_rq_total", "count") ?? .nan }
        let total = hosts.reduce(0, +)
        // Weights 1, 1, 3, 3: shares 1/8, 1/8, 3/8, 3/8, exactly up to the last EDF round.
        for (host, share) in zip(hosts, [0.125, 0.125, 0.375, 0.375]) {
            #expect(abs(host / total - share) < 0.001, "shares \(hosts)")
        }
    }
}
