import EdgeProxy
import Testing

/// The priority arithmetic of `LoadBalancerBase` (envoy-spec.md §1.1–1.2).
@Suite struct PriorityLoadTests {
    /// The worked example of `recalculatePerPriorityState`'s comment: health 10/20/10 and
    /// degraded 20/10/0 give healthy loads 16/28/14 and degraded loads 28/14/0 (the first
    /// healthy priority takes the rounding remainder).
    @Test func healthyThenDegradedDistribution() {
        let counts = [
            PriorityHostCounts(hosts: 14, healthy: 1, degraded: 2),
            PriorityHostCounts(hosts: 14, healthy: 2, degraded: 1),
            PriorityHostCounts(hosts: 14, healthy: 1, degraded: 0),
        ]
        let load = PriorityLoad(counts: counts, panicThreshold: 0)
        #expect(load.healthAvailability == [10, 20, 10])
        #expect(load.degradedAvailability == [20, 10, 0])
        #expect(load.healthy == [16, 28, 14])
        #expect(load.degraded == [28, 14, 0])
        #expect(load.panic == [false, false, false])
        #expect(load.choosePriority(hash: 15) == (0, .healthy))
        #expect(load.choosePriority(hash: 16) == (1, .healthy))
        #expect(load.choosePriority(hash: 58) == (0, .degraded))
        #expect(load.choosePriority(hash: 99) == (1, .degraded))

        // With the default threshold every priority (about 21 % available) is in panic:
        // load follows host counts, the remainder to the first non-empty priority.
        let panicking = PriorityLoad(counts: counts)
        #expect(panicking.panic == [true, true, true])
        #expect(panicking.healthy == [34, 33, 33])
        #expect(panicking.degraded == [0, 0, 0])
    }

    @Test func overprovisioningAndIntegerDivision() {
        // 1 of 2 healthy: 140 × 1 / 2 = 70; P1 takes the other 30.
        let load = PriorityLoad(counts: [PriorityHostCounts(hosts: 2, healthy: 1), PriorityHostCounts(hosts: 1, healthy: 1)])
        #expect(load.healthy == [70, 30])
        #expect(load.panic == [false, false])
        #expect(load.choosePriority(hash: 69) == (0, .healthy))
        #expect(load.choosePriority(hash: 71) == (1, .healthy))
        // 4 of 6 healthy: 93, not in panic (66 % ≥ 50 %) although below 100.
        let partial = PriorityLoad(counts: [PriorityHostCounts(hosts: 6, healthy: 4)])
        #expect(partial.healthAvailability == [93])
        #expect(partial.healthy == [100])
        #expect(partial.panic == [false])
    }

    @Test func excludedHostsLeaveTheHostCount() {
        let load = PriorityLoad(counts: [PriorityHostCounts(hosts: 3, healthy: 1, excluded: 2)])
        #expect(load.healthAvailability == [100])
        #expect(load.panic == [false])
    }

    @Test func panicDisabledWithNothingAvailable() {
        let load = PriorityLoad(counts: [PriorityHostCounts(hosts: 0, healthy: 0), PriorityHostCounts(hosts: 2, healthy: 0)], panicThreshold: 0)
        #expect(load.healthy == [100, 0])
        #expect(load.panic == [false, false])
        #expect(load.totalHealthyHosts == 0)
    }

    @Test func panicThresholdIsRounded() {
        #expect(CommonLoadBalancerConfig().panicThresholdPercent == 50)
        #expect(CommonLoadBalancerConfig(healthyPanicThreshold: 33.5).panicThresholdPercent == 34)
        #expect(CommonLoadBalancerConfig(healthyPanicThreshold: 0).panicThresholdPercent == 0)
        #expect(CommonLoadBalancerConfig(healthyPanicThreshold: 150).panicThresholdPercent == 100)
    }
}
