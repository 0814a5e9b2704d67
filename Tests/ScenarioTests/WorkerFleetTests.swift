import Foundation
@testable import Scenario
import SimKernel
import Testing

/// Provisioning workers on a fleet scaled on the queue's backlog per instance.
@Suite struct WorkerFleetTests {
    static let scenario = """
        name: worker-fleet
        seed: 5
        duration: 25m
        sample_interval: 10s
        zones: [a, b]
        images: { w1: {} }
        fleets:
          workers:
            image: w1
            instance_type: { name: c6i.large, vcpus: 2, memory_gib: 4, hourly_price: 0.085 }
            desired_capacity: 1
            max_size: 8
            health_check: { type: ec2, grace_period: 30s }
            launch: { configure_at_boot: false }
            deregistration_delay: 30s
            autoscaling: { metric: backlog_per_instance, target: 100, scale_out_datapoints: 1, scale_out_cooldown: 180s, scale_in_datapoints: 3, instance_warmup: 30s }
        provisioning:
          signups: { rate: 0.1, bursts: [ { at: 1m, count: 3000, over: 10m } ] }
          api: { instances: 1, threads: 16 }
          table: { name: tenants, mode: on_demand }
          queue: { name: provisioning, visibility_timeout: 2m }
          workers: { fleet: workers, threads: 4 }
          steps: [ { name: work, duration: 4s } ]
        """

    @Test func aSignupBurstScalesTheWorkersOutOnBacklogBoundedByMaxWithCooldowns() throws {
        let scenario = try ScenarioLoader.parse(Self.scenario, file: "w.yaml")
        #expect(scenario.provisioning?.workers.fleet == "workers")
        let result = ScenarioRunner.runReplication(scenario, index: 0)
        let series = result.series
        let desired = try #require(series.keys.firstIndex { $0.component == "fleet.workers" && $0.metric == "desired_capacity" })
        var rises: [(time: SimTime, desired: Double)] = []
        var previous = 1.0
        for sample in 0..<series.sampleCount {
            let value = series.value(sample: sample, series: desired)
            if value > previous { rises.append((series.times[sample], value)) }
            previous = value
        }
        #expect(rises.count >= 2, "scales out in steps as the backlog grows: \(rises)")
        #expect(rises.allSatisfy { $0.desired <= 8 } && rises.last?.desired == 8, "bounded by max_size: \(rises)")
        for (earlier, later) in zip(rises, rises.dropFirst()) {
            #expect(later.time - earlier.time >= .seconds(170), "cooldown of 180 s (sampled every 10 s): \(rises)")
        }
        let metrics = result.metrics
        #expect(metrics.value("provisioning", "ready", "count")! > 2_900)
        #expect(metrics.value("fleet.workers", "instances_max", "count")! <= 8)
        // Back to one instance once the queue is empty (scale-in after its cooldown).
        #expect(metrics.value("fleet.workers", "desired_capacity_end", "count") == 1)
        #expect(ScenarioRunner.runReplication(scenario, index: 0).digest == result.digest)
    }

    @Test func aStaticPoolOfTheSameSizeIsSlowerThanTheScaledOne() throws {
        let scaled = ScenarioRunner.runReplication(try ScenarioLoader.parse(Self.scenario, file: "w.yaml"), index: 0)
        let fixed = ScenarioRunner.runReplication(
            try ScenarioLoader.parse(Self.scenario, file: "w.yaml", overrides: ["fleets.workers.autoscaling=~"]), index: 0)
        let p99 = { (r: ReplicationResult) in r.metrics.value("provisioning", "time_to_ready_p99", "s")! }
        #expect(p99(scaled) < p99(fixed), "scaled \(p99(scaled)) s, one instance \(p99(fixed)) s")
    }
}

/// Mistakes in putting the workers on a fleet, pointed at in the scenario. Lines of
/// `WorkerFleetTests.scenario`: 8 the fleet `workers:`, 16 its `autoscaling`, 22 `workers`.
@Suite struct WorkerFleetSchemaTests {
    static let webService = "\nservices: { web: { fleet: web, service_time: 1ms } }"

    @Test(arguments: [
        (22, "  workers: { fleet: workers, instances: 2, threads: 4 }", "", "w.yaml:22:21: error: workers need 'instances' or 'fleet', not both"),
        (22, "  workers: { threads: 4 }", "", "w.yaml:8:3: error: fleet 'workers' runs no service: give one service 'fleet: workers', or the workers ('provisioning.workers.fleet')"),
        (22, "  workers: { fleet: worker, threads: 4 }", "", "w.yaml:22:21: error: 'provisioning.workers.fleet' names unknown fleet 'worker'; did you mean 'workers'?"),
        (
            22, "  workers: { fleet: workers, threads: 4 }", "\nservices: { web: { fleet: workers, service_time: 1ms } }",
            "w.yaml:22:21: error: fleet 'workers' runs service 'web'; the provisioning workers need a fleet of their own"
        ),
        (8, "  web:", "\n  workers: { instances: 2, threads: 4 }" + webService, "w.yaml:16:28: error: fleet 'web' autoscaling metric backlog_per_instance is for the provisioning workers' fleet (the queue they drain)"),
    ])
    func mistakesArePointedAt(line: Int, replacement: String, appended: String, message: String) {
        var text = WorkerFleetTests.scenario.replacingLine(line, with: replacement)
        if line == 8 {
            // The fleet renamed runs the appended service; the workers, appended too, a pool.
            text = text.replacingLine(22, with: "")
        }
        text += appended
        #expect(loadError(text, file: "w.yaml")?.description == message)
    }
}
