@testable import Fleet
import Infra
import SimKernel
import Testing

/// Deployments of release v2 (image 1) to ten instances running v1, at one minute.
@Suite struct DeploymentTests {
    static func deployment(_ strategy: DeploymentConfiguration.Strategy) -> DeploymentConfiguration {
        DeploymentConfiguration(at: .seconds(60), fleet: 0, image: 1, strategy: strategy)
    }

    /// A drifted instance is easy to see: patches drift half the time, and patched instances
    /// drift later at one per hour on average.
    static func fleet(desired: Int = 10) -> FleetConfiguration {
        var configuration = FleetHarness.configuration(desired: desired)
        configuration.drift = DriftConfiguration(patchProbability: 0.5, meanTimeToDrift: .seconds(3_600), errorProbability: 0.05, speed: 0.5)
        configuration.deregistrationDelay = .seconds(10)
        return configuration
    }

    /// Whatever the percentages, the instances in service never fall below the minimum
    /// healthy percentage of the desired capacity, those launched or in service (draining
    /// ones aside) never exceed the maximum, and the refresh ends with every instance on the
    /// new release.
    @Test(arguments: [(90, 100), (50, 100), (100, 110), (80, 150)])
    func instanceRefreshNeverDropsBelowTheMinimumHealthyPercentage(minimum: Int, maximum: Int) {
        let preferences = InstanceRefreshPreferences(minHealthyPercentage: minimum, maxHealthyPercentage: maximum, instanceWarmup: .seconds(30))
        let harness = FleetHarness(Self.fleet(), deployments: [Self.deployment(.immutableRefresh(preferences))], load: 20)
        let floor = (10 * minimum + 99) / 100
        var lowest = 10
        var highest = 0
        harness.run(until: .seconds(7_200)) { _ in
            lowest = min(lowest, harness.inService)
            highest = max(highest, harness.fleet.slots.filter(\.countsTowardCapacity).count)
        }
        #expect(lowest >= floor)
        #expect(highest <= max(10, 10 * maximum / 100))
        #expect(harness.metric("deployments_succeeded") == 1)
        #expect(harness.metric("launches")! >= 10 && harness.metric("launches")! <= Double(max(10, 10 * maximum / 100)))
        let running = harness.fleet.slots.filter { $0.state != .idle }
        #expect(running.count == 10 && running.allSatisfy { $0.state == .inService && $0.image == 1 && $0.release == 1 })
        #expect(harness.metric("in_service_min")! >= Double(floor))
    }

    /// Two refreshes and a blue/green deployment leave no drift; in-place patching does, and
    /// a later refresh replaces the drifted instances.
    @Test func driftAccumulatesOnlyWithInPlacePatching() {
        let immutable = [
            Self.deployment(.immutableRefresh(InstanceRefreshPreferences(instanceWarmup: .seconds(30)))),
            DeploymentConfiguration(at: .seconds(3_600), fleet: 0, image: 0, strategy: .blueGreen(BlueGreenPreferences(keepOriginal: .seconds(60)))),
        ]
        let replaced = FleetHarness(Self.fleet(), deployments: immutable, load: 10)
        replaced.run(until: .seconds(4 * 3_600), step: .seconds(60)) { _ in
            #expect(replaced.fleet.slots.allSatisfy { !$0.drifted })
        }
        #expect(replaced.metric("deployments_succeeded") == 2)
        #expect(replaced.metric("patches") == 0)
        #expect(replaced.metric("drifted_instances_max") == 0)

        let patchedThenReplaced = [
            Self.deployment(.inPlace(InPlacePreferences(batchSize: 2))),
            DeploymentConfiguration(
                at: .seconds(3 * 3_600), fleet: 0, image: 0, strategy: .immutableRefresh(InstanceRefreshPreferences(instanceWarmup: .seconds(30)))),
        ]
        let patched = FleetHarness(Self.fleet(), deployments: patchedThenReplaced, load: 10)
        patched.run(until: .seconds(3 * 3_600))
        let drifted = patched.fleet.slots.filter(\.drifted).count
        #expect(patched.metric("patches") == 10)
        #expect(drifted >= 5, "half drift at the patch, more over two hours")
        #expect(patched.metric("drifted_instances_end") == Double(drifted))
        // Drifted instances serve worse: they are slower than the others.
        let slow = patched.fleet.slots.indices.filter { patched.fleet.slots[$0].drifted }
        #expect(slow.allSatisfy { patched.instances[$0].configuration.speed == 0.5 && abs(patched.instances[$0].configuration.errorProbability - 0.05) < 1e-12 })
        patched.run(until: .seconds(5 * 3_600))
        #expect(patched.metric("deployments_succeeded") == 2)
        #expect(patched.metric("drifted_instances_end") == 0)
        #expect(patched.fleet.slots.allSatisfy { !$0.drifted })
    }

    /// A bad image fails the deployment through its alarm and the fleet rolls back to the
    /// release it ran.
    @Test func aBadReleaseTripsTheAlarmAndRollsBack() {
        var deployment = Self.deployment(.immutableRefresh(InstanceRefreshPreferences(instanceWarmup: .seconds(30))))
        deployment.autoRollback = true
        deployment.alarm = DeploymentAlarm(errorRatio: 0.05, period: .seconds(60), minimumRequests: 50)
        let defect = ReleaseDefect(image: 1, at: .zero, errorProbability: 0.3, speed: 1)
        let harness = FleetHarness(Self.fleet(), deployments: [deployment], defects: [defect], load: 100)
        harness.run(until: .seconds(2 * 3_600), step: .seconds(60))
        #expect(harness.metric("deployments_failed") == 1)
        #expect(harness.metric("deployment_alarms") == 1)
        #expect(harness.metric("rollbacks") == 1)
        let running = harness.fleet.slots.filter { $0.state != .idle }
        #expect(running.count == 10 && running.allSatisfy { $0.release == 0 && $0.state == .inService })
        #expect(harness.metric("errors_during_deployments")! > 0)
    }
}
