@testable import Fleet
import Infra
import SimKernel
import Testing

/// Target tracking on the utilization the instances measure: 4 request slots each, 50 ms
/// mean service, so that a load of λ calls per second needs λ × 0.05 / 4 / target instances.
@Suite struct ScalingTests {
    static func tracked(desired: Int, min: Int, max: Int, target: Double = 0.5) -> FleetConfiguration {
        var configuration = FleetHarness.configuration(desired: desired, min: min, max: max)
        configuration.autoscaling = TargetTrackingConfiguration(
            metric: .cpuUtilization, target: target, instanceWarmup: .seconds(60), scaleOutCooldown: .seconds(300), scaleInCooldown: .seconds(300))
        return configuration
    }

    /// 190 calls per second: 0.19 on 10 instances, so the group scales in (to 4, 0.59), out
    /// again (to 5) and stays there, at 0.475: inside the band target tracking leaves alone,
    /// between the scale-in threshold (90% of the target) and the target.
    @Test func targetTrackingConvergesToTheTargetUnderASteadyLoad() {
        let harness = FleetHarness(Self.tracked(desired: 10, min: 1, max: 20), load: 190, warmup: .seconds(2_400))
        harness.run(until: .seconds(4_800), step: .seconds(60))
        #expect(harness.fleet.groups[harness.fleet.activeGroup].desired == 5)
        #expect(harness.inService == 5)
        let utilization = harness.simulation.report().value("service.web", "utilization_mean", "ratio")!
        #expect(utilization > 0.45 && utilization < 0.5, "utilization \(utilization)")
        #expect(harness.metric("scale_ins")! + harness.metric("scale_outs")! == 0, "settled: no change in the last 40 minutes")
    }

    /// A step from 100 to 400 calls per second (10 instances' worth) against a maximum of 8:
    /// the group scales out, never beyond 8, with scale-outs at least the cooldown apart.
    @Test func aStepScalesOutBoundedByMaxWithCooldownsRespected() {
        let harness = FleetHarness(Self.tracked(desired: 3, min: 2, max: 8), load: 100)
        var changes: [(time: SimTime, desired: Int)] = []
        var highest = 0
        harness.run(until: .seconds(2_400), step: .seconds(5)) { time in
            if time == .seconds(600) { harness.load!.rate = 400 }
            let desired = harness.fleet.groups[harness.fleet.activeGroup].desired
            highest = max(highest, desired)
            if desired != (changes.last?.desired ?? 3) { changes.append((time, desired)) }
        }
        let outs = changes.filter { $0.time >= .seconds(600) }
        #expect(!outs.isEmpty)
        #expect(outs.first!.time > .seconds(600 + 3 * 60 - 1), "three datapoints above the target first")
        #expect(highest == 8)
        #expect(harness.inService == 8)
        for (earlier, later) in zip(outs, outs.dropFirst()) {
            #expect(later.time - earlier.time >= .seconds(300), "scale-outs at \(earlier.time) and \(later.time)")
        }
        #expect(harness.metric("time_to_capacity_count")! >= 1)
    }

    /// Scale-in waits for the scale-in cooldown after the last scaling, and never goes below
    /// the minimum size.
    @Test func scaleInRespectsItsCooldownAndTheMinimum() {
        let harness = FleetHarness(Self.tracked(desired: 12, min: 4, max: 12), load: 20)
        var changes: [SimTime] = []
        var lowest = 12
        var last = 12
        harness.run(until: .seconds(5_400), step: .seconds(5)) { time in
            let desired = harness.fleet.groups[harness.fleet.activeGroup].desired
            lowest = min(lowest, desired)
            if desired != last { changes.append(time) }
            last = desired
        }
        #expect(lowest == 4)
        #expect(!changes.isEmpty)
        for (earlier, later) in zip(changes, changes.dropFirst()) {
            #expect(later - earlier >= .seconds(300))
        }
    }
}
