@testable import Fleet
import Infra
import SimKernel
import Testing

@Suite struct CostTests {
    /// Cost is the integral of the billed instances times the price: summed here second by
    /// second over a run with scale-outs, scale-ins, failures, replacements and a stopped
    /// warm pool (not billed), and compared with what the fleet reports.
    @Test func costEqualsTheIntegralOfRunningInstancesTimesPrice() {
        var configuration = FleetHarness.configuration(desired: 4, min: 2, max: 10)
        configuration.meanTimeBetweenFailures = .seconds(2 * 3_600)
        configuration.warmPool = WarmPoolConfiguration(state: .stopped, minSize: 2, maxPreparedCapacity: 8)
        let harness = FleetHarness(configuration)
        var instanceSeconds = 0.0
        var pooled = 0.0
        harness.run(until: .seconds(4 * 3_600), step: .seconds(1)) { time in
            if time == .seconds(1_800) { harness.setDesired(9) }
            if time == .seconds(5_400) { harness.setDesired(3) }
            if time == .seconds(9_000) { harness.setDesired(6) }
            // What ran during the second that just ended is what runs at its end (state
            // changes fall on whole seconds here but for failures, a second's error each).
            instanceSeconds += Double(harness.fleet.slots.filter { $0.state != .idle && $0.state != .warmPool }.count)
            pooled += Double(harness.count(.warmPool))
        }
        let price = FleetHarness.instanceType.hourlyPrice
        let expected = instanceSeconds / 3_600 * price
        let reported = harness.metric("cost", "usd")!
        let failures = harness.metric("instance_failures")!
        #expect(failures > 0)
        #expect(pooled > 0)
        #expect(harness.metric("warm_pool_launches")! > 0)
        // Each change that does not fall on a whole second (failures, launches' phases) is
        // off by at most one instance-second.
        let changes = harness.metric("launches")! + harness.metric("terminations")! + 2 * failures
        #expect(abs(reported - expected) <= changes / 3_600 * price, "reported \(reported), integrated \(expected)")
        #expect(harness.metric("instance_hours", "h")! == reported / price)
    }
}
