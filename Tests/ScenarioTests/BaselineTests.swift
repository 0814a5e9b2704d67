import Foundation
import Scenario
import SimKernel
import Testing

/// The baseline in a reduced form: a hundredth of the tenants for five minutes, the whole
/// path present.
@Suite struct BaselineTests {
    static let components = [
        "edge", "edge.proxies", "edge.cluster.jira-web", "edge.cluster.confluence-web", "sidecar", "sidecar.auth", "sidecar.ratelimit",
        "sidecar.logging", "service.jira-web", "service.confluence-web", "service.auth", "service.ratelimit", "service.jira-web.calls",
        "service.confluence-web.calls", "sdk.jira-web.dynamodb", "dynamodb.tenants", "fleet.jira", "fleet.confluence", "fleets", "packer",
        "salt", "tenants", "tenants.tier.free", "tenants.tier.enterprise", "provisioning", "provisioning.api", "provisioning.workers",
        "sqs.provisioning", "sdk.provisioning-workers.sqs",
    ]

    @Test func theBaselineRunsEndToEndInAReducedForm() throws {
        let path = packageRoot.appendingPathComponent("scenarios/baseline.yaml").path
        let full = try ScenarioLoader.load(file: path)
        #expect(full.text.hasPrefix("# "), "opens with what it answers and how to run it")
        #expect(full.warnings.isEmpty)
        #expect(full.platform?.tenants?.count == 350_000 && full.duration == .seconds(3_600))
        let scenario = try ScenarioLoader.load(file: path, overrides: ["tenants.count=3500", "duration=5m", "warmup=30s"])
        let metrics = ScenarioRunner.runReplication(scenario, index: 0).metrics
        let present = Set(metrics.keys.map(\.component))
        for component in Self.components {
            #expect(present.contains(component), "\(component) reports")
        }
        func value(_ component: String, _ metric: String, _ unit: String = "count") throws -> Double {
            try #require(metrics.value(component, metric, unit))
        }
        let requests = try value("edge", "requests")
        #expect(requests > 10_000)
        // Conservation at the edge: what was in flight at the warm-up and what came in either
        // got its response or is still in flight.
        #expect(try value("edge", "in_flight_start") + requests == value("edge", "responses") + value("edge", "in_flight_end"))
        let responses = try value("edge", "responses")
        let byClass = try ["2xx", "3xx", "4xx", "5xx"].map { try value("edge", "responses_\($0)") }.reduce(0, +)
        #expect(byClass == responses)
        // The tenants' view adds up to the edge's.
        let tierRequests = try ["free", "standard", "premium", "enterprise"].map { try value("tenants.tier.\($0)", "requests") }.reduce(0, +)
        #expect(tierRequests == responses)
        #expect(try value("service.jira-web.calls", "calls") > 0 && value("provisioning", "ready") > 0)
        #expect(try value("fleets", "cost", "usd") > 0)
    }

    /// The day and the flash crowd are the baseline's estate with another clock and a burst.
    @Test(arguments: ["monday-peak.yaml", "black-friday.yaml"])
    func theBaselinesVariantsLoad(file: String) throws {
        let scenario = try ScenarioLoader.load(file: packageRoot.appendingPathComponent("scenarios/\(file)").path)
        #expect(scenario.text.hasPrefix("# ") && scenario.warnings.isEmpty)
        #expect(scenario.platform?.tenants?.count == 350_000 && scenario.provisioning != nil && !(scenario.platform?.fleets.isEmpty ?? true))
    }

    /// Black Friday's flash crowd, early and at a hundredth of the tenants: the per-tenant
    /// limits deny far more than without it, and the tenants throttled most are large ones.
    @Test func theFlashCrowdTopsTheThrottledList() throws {
        let path = packageRoot.appendingPathComponent("scenarios/black-friday.yaml").path
        let reduced = [
            "tenants.count=3500", "duration=5m", "warmup=30s", "workload.bursts.0.from=1m", "workload.bursts.0.to=4m",
            "provisioning.signups.bursts.0.at=1m", "provisioning.signups.bursts.0.count=300",
        ]
        let metrics = ScenarioRunner.runReplication(try ScenarioLoader.load(file: path, overrides: reduced), index: 0).metrics
        let calm = ScenarioRunner.runReplication(try ScenarioLoader.load(file: path, overrides: reduced + ["workload.bursts=~"]), index: 0).metrics
        let denied = try #require(metrics.value("sidecar", "denied_global_rate_limit", "count"))
        let deniedWhenCalm = try #require(calm.value("sidecar", "denied_global_rate_limit", "count"))
        #expect(denied > 3 * deniedWhenCalm, "the crowd runs into the limits: \(denied) against \(deniedWhenCalm)")
        let listed = (1...9).map { metrics.value("tenants.top_throttled.0\($0)", "active_users", "count") ?? .nan }.filter { !$0.isNaN }
        let throttled = try #require(metrics.value("tenants.top_throttled.01", "throttled", "count"))
        #expect(throttled > 0 && listed.count >= 2)
        // The 50 largest of 3,500 tenants drawn from lognormal(median 3, p99 200) have tens of
        // users or more; the median tenant has three, and stays under its limit.
        #expect(listed.allSatisfy { $0 >= 30 }, "\(listed)")
    }
}
