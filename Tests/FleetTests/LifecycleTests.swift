@testable import Fleet
import Infra
import SimKernel
import Testing

@Suite struct LifecycleTests {
    /// A scale-out launches one instance (two in service at first, in zones 0 and 1, so the
    /// third zone gets it): its states follow the lifecycle at the times its timings give, and
    /// it serves calls only once in service.
    @Test func anInstanceFollowsTheLifecycleInOrderAndServesOnlyInService() {
        let harness = FleetHarness(FleetHarness.configuration(desired: 2, max: 4), load: 100)
        harness.setDesired(3)
        let slot = try! #require(harness.fleet.slots.indices.first { harness.fleet.slots[$0].state == .pending })
        #expect(harness.fleet.zone(of: slot) == 2)
        var transitions: [(SimTime, InstanceState)] = [(.zero, .pending)]
        var servedBeforeService: UInt64 = 0
        harness.run(until: .seconds(200), step: .milliseconds(100)) { time in
            let state = harness.fleet.slots[slot].state
            if state != transitions.last!.1 { transitions.append((time, state)) }
            if state != .inService { servedBeforeService = harness.instances[slot].servedTotal }
            #expect(harness.instances[slot].isInService == (state == .inService))
        }
        // Pending 20 s, boot 5 s, 29 master requests of 100 ms, 45 s apply, the return's
        // 100 ms, 60 s of application start.
        #expect(transitions.map(\.1) == [.pending, .booting, .configuring, .starting, .inService])
        #expect(transitions.map(\.0) == [.zero, .seconds(20), .seconds(25), .milliseconds(73_000), .milliseconds(133_000)])
        #expect(servedBeforeService == 0)
        #expect(harness.instances[slot].servedTotal > 1_000)
        #expect(harness.metric("launch_to_service_mean", "s") == 133)

        harness.setDesired(2)
        #expect(harness.count(.draining) == 1)
        harness.run(until: .seconds(201), step: .milliseconds(100))
        let gone = try! #require(harness.fleet.slots.indices.first { harness.fleet.slots[$0].state == .idle && harness.fleet.slots[$0].generation > 0 })
        let servedAtTermination = harness.instances[gone].servedTotal
        harness.run(until: .seconds(260))
        #expect(!harness.instances[gone].isUp && !harness.instances[gone].isInService)
        #expect(harness.instances[gone].servedTotal == servedAtTermination)
        #expect(harness.inService == 2)
        // Draining let the instance finish what it held: no call was reset.
        #expect(harness.service.lost.total == 0)
        #expect(harness.load!.answered > 20_000)
    }

    /// Two hundred instances launched at once queue at the Salt master's five threads; ten do not.
    @Test func aMassLaunchQueuesAtTheSaltMaster() {
        func meanLaunchToService(_ launches: Int) -> Double {
            let harness = FleetHarness(FleetHarness.configuration(desired: 1, max: launches + 1))
            harness.setDesired(launches + 1)
            harness.run(until: .seconds(1_200), step: .seconds(10))
            #expect(harness.inService == launches + 1)
            return harness.metric("launch_to_service_mean", "s")!
        }
        let few = meanLaunchToService(10)
        let many = meanLaunchToService(200)
        // Each highstate needs 3 s of one master thread: ten wait at most 6 s; two hundred
        // wait up to 2 minutes, a minute on average.
        #expect(few < 133 + 6)
        #expect(many > few + 50)
    }

    /// An instance that crashes stays in the host set (refusing calls) until health checks
    /// notice, then is replaced.
    @Test func aCrashedInstanceIsNoticedAndReplaced() {
        var configuration = FleetHarness.configuration(desired: 3)
        configuration.meanTimeBetweenFailures = .seconds(3_600)
        let harness = FleetHarness(configuration)
        var sawImpaired = false
        harness.run(until: .seconds(7_200)) { _ in
            if harness.count(.impaired) > 0 {
                sawImpaired = true
                // Unnoticed, a crashed instance keeps its place in the host set.
                #expect(harness.inService == 3)
            }
        }
        #expect(sawImpaired)
        #expect(harness.metric("instance_failures")! > 0)
        #expect(harness.metric("replacements") == harness.metric("instance_failures"))
        #expect(harness.count(.inService) + harness.count(.impaired) + harness.count(.pending) + harness.count(.booting)
            + harness.count(.configuring) + harness.count(.starting) == 3)
    }
}
