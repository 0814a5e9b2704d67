import EdgeProxy
import Infra
import SimKernel
import Testing

/// Instances entering and leaving service while traffic flows: the proxies send only to
/// the instances in service.
@Suite struct MembershipRunTests {
    @Test(arguments: [false, true])
    func trafficFollowsTheHostSet(healthChecked: Bool) throws {
        var cluster = EdgeHarness.cluster()
        if healthChecked {
            cluster.healthCheck = HealthCheckConfiguration(interval: .seconds(5), timeout: .seconds(1), healthyThreshold: 2, unhealthyThreshold: 2)
        }
        let harness = try EdgeHarness(
            instances: Array(repeating: EdgeHarness.fast(), count: 4), rate: 400, proxies: 2, cluster: cluster, paths: ["/api/x"], outOfService: [2, 3])
        var table = harness.run(until: .seconds(10))
        #expect(table.host(0) > 1_000 && table.host(1) > 1_000)
        #expect(table.host(2) == 0 && table.host(3) == 0)

        harness.instances[2].setInService(true, in: harness.simulation)
        harness.instances[0].setInService(false, in: harness.simulation)
        let hostZeroBefore = table.host(0)
        table = harness.run(until: .seconds(20))
        #expect(table.host(2) > 1_000, "a new member gets traffic at once")
        #expect(table.host(0) - hostZeroBefore < 5, "only requests already on their way reach a host that left")
        #expect(table.host(3) == 0)
        #expect(table.edge("responses_5xx") == 0)
    }
}
