import Foundation
import Scenario
import SimKernel
import Testing

/// `tenants:` and `workload:` read from YAML, assembled and run.
@Suite struct TenancyScenarioTests {
    /// A small scenario; tests change one line of it (line numbers as shown).
    static let text = """
        name: t
        duration: 2m
        zones: [a, b]
        services:
          web: { instances: 4, concurrency: 16, service_time: { lognormal: { median: 20ms, p99: 200ms } } }
        edge:
          proxies: { count: 2, workers: 2 }
          virtual_hosts:
            - domains: ["*"]
              routes: [ { match: { prefix: / }, route: { cluster: web } } ]
          clusters:
            web: { service: web, lb: least_request }
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
          bursts:
            - { name: b, largest: 10, multiplier: 3, from: 30s, to: 60s }
          slo: { free: 50ms }

        """

    static func replacing(line: Int, with replacement: String) -> String {
        var lines = text.components(separatedBy: "\n")
        lines[line - 1] = replacement
        return lines.joined(separator: "\n")
    }

    static func loadError(_ text: String) -> String? {
        do {
            _ = try ScenarioLoader.parse(text, file: "t.yaml")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func theScenarioReadsAsWritten() throws {
        let scenario = try ScenarioLoader.parse(Self.text, file: "t.yaml")
        let tenants = try #require(scenario.platform?.tenants)
        let workload = try #require(scenario.platform?.workload)
        #expect(tenants.count == 2000 && tenants.regions.map(\.utcOffsetHours) == [-5, 0])
        #expect(workload.calendar.peakClock == .local && workload.calendar.speed == 60 && workload.calendar.startHourUTC == 12)
        #expect(workload.routes.first?.product == 0 && workload.bursts.first?.largest == 10)
        #expect(workload.slo == [.milliseconds(50), .seconds(1), .seconds(1), .seconds(1)])
        #expect(scenario.platform?.traffic == nil)
    }

    @Test(arguments: [
        (14, "  count: -3", "t.yaml:14:10: error: 'tenants.count' must be between 1 and 100000000, found -3"),
        (16, "  tiers: { free: 0.6, standard: 0.3, premium: 0.09 }", "t.yaml:16:10: error: 'tenants.tiers' shares sum to 0.98999"),
        (16, "  tiers: { free: 0.6, gold: 0.4 }", "t.yaml:16:23: error: unknown tier 'gold' (tiers: free, standard, premium, enterprise)"),
        (
            17, "  regions: { us-east-1: 0.6, mars-1: 0.4 }",
            "t.yaml:17:30: error: region 'mars-1' is not a known AWS region: give its time zone as { share: 0.4, utc_offset: HOURS }"
        ),
        (17, "  regions: { mars-1: { share: 1, utc_offset: 20 } }", "t.yaml:17:46: error: region 'mars-1' utc_offset must lie in [-12, 14] hours, found 20"),
        (21, "  diurnal: { trough: 0.25 }", "t.yaml:21:12: error: 'workload.diurnal' needs exactly one of 'peak_hour_utc' and 'peak_hour_local'"),
        (21, "  diurnal: { peak_hour_utc: 24, trough: 0.25 }", "t.yaml:21:29: error: 'workload.diurnal.peak_hour_utc' must lie in [0, 24), found 24"),
        (22, "  clock: { weekday: monday }", "t.yaml:22:21: error: 'workload.clock.weekday' must be one of mon, tue, wed, thu, fri, sat, sun, found 'monday'"),
        (
            24, "    - { name: api, product: wiki, authority: jira.example.com, path: /rest/api }",
            "t.yaml:24:29: error: route 'api' names unknown product 'wiki' (known: jira)"
        ),
        (26, "    - { name: b, largest: 10, multiplier: 0.5, from: 30s, to: 60s }", "t.yaml:26:43: error: burst 'b' multiplier must be at least 1 (bursts add traffic), found 0.5"),
        (26, "    - { name: b, largest: 10, multiplier: 3, from: 30s, to: 20s }", "t.yaml:26:61: error: burst 'b' must end ('to') after it starts ('from')"),
        (26, "    - { name: b, largest: 10, multiplier: 3, from: 3m, to: 4m }", "t.yaml:26:52: error: burst 'b' starts after the run ends (2m)"),
        (27, "  slo: { gold: 1s }", "t.yaml:27:10: error: unknown tier 'gold' (tiers: free, standard, premium, enterprise)"),
        (27, "  sol: { free: 1s }", "t.yaml:27:3: error: unknown key 'sol' in 'workload'; did you mean 'slo'?"),
        (13, "people:", "t.yaml:20:3: error: 'workload' needs 'tenants': the population whose requests it describes"),
        (19, "traffic:", "t.yaml:20:3: error: 'traffic' needs 'rate'"),
    ])
    func errorsPointAtTheirPlace(line: Int, replacement: String, expected: String) {
        let message = Self.loadError(Self.replacing(line: line, with: replacement))
        #expect(message?.hasPrefix(expected) == true, "\(message ?? "loaded")")
    }

    @Test func theEdgeTakesExactlyOneSourceOfRequests() {
        let both = Self.text + "traffic: { rate: 10, requests: [ { authority: a, path: /x } ] }\n"
        #expect(Self.loadError(both) == "t.yaml:20:3: error: 'workload' and 'traffic' both describe the edge's clients: keep exactly one of them")
        let noEdge = Self.text.replacingOccurrences(of: "edge:", with: "edgy:")
        #expect(Self.loadError(noEdge) == "t.yaml:20:3: error: 'workload' needs 'edge': the proxies its requests go through")
        let noWorkload = Self.text.components(separatedBy: "workload:")[0]
        #expect(Self.loadError(noWorkload) == "t.yaml:14:3: error: 'tenants' needs 'workload': what the tenants send")
    }

    /// Every response the edge sends reaches one tier's count; the lists name real tenants.
    @Test func perTierCountsAddUpToTheEdgesResponses() throws {
        let scenario = try ScenarioLoader.parse(Self.text, file: "t.yaml")
        let metrics = ScenarioRunner.runReplication(scenario, index: 0).metrics
        let responses = try #require(metrics.value("edge", "responses", "count"))
        let tiers = ["free", "standard", "premium", "enterprise"]
        let perTier = tiers.map { metrics.value("tenants.tier.\($0)", "requests", "count") ?? .nan }
        #expect(responses > 3_000)
        #expect(perTier.reduce(0, +) == responses, "\(perTier) against \(responses)")
        let tenants = tiers.map { metrics.value("tenants.tier.\($0)", "tenants", "count") ?? .nan }
        #expect(tenants.reduce(0, +) == 2000)
        // Free's objective of 50 ms is missed now and then; the others' 1 s hardly ever.
        let free = try #require(metrics.value("tenants.tier.free", "slo_attainment", "ratio"))
        #expect(free > 0.5 && free < 1)
        #expect(try #require(metrics.value("tenants.tier.standard", "slo_attainment", "ratio")) > free)
        let top = try #require(metrics.value("tenants.top_p99.01", "tenant", "id"))
        #expect(top >= 0 && top < 2000)
        #expect(metrics.value("tenants", "memory_per_tenant", "bytes")! <= 64)
    }

    /// The shipped example, reduced: the same results with one thread or two, and the same
    /// tenants in every replication.
    @Test func theShippedExampleRunsTheSameOnAnyNumberOfThreads() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scenarios/tenants-diurnal.yaml").path
        let scenario = try ScenarioLoader.load(
            file: path, overrides: ["tenants.count=3500", "duration=30s", "warmup=5s", "workload.bursts=~", "workload.clock.speed=1440"])
        let one = ScenarioRunner.run(scenario, replications: 2, jobs: 1)
        let two = ScenarioRunner.run(scenario, replications: 2, jobs: 2)
        #expect(one.map(\.digest) == two.map(\.digest))
        #expect(one[0].digest != one[1].digest)
        let users = { (result: ReplicationResult) in result.metrics.value("tenants.tier.free", "active_users", "count") }
        #expect(users(one[0]) == users(one[1]))
    }
}
