import EdgeProxy
import Testing

/// Hosts entering and leaving a cluster's host set by index (instances of a fleet going into
/// and out of service), for every policy.
@Suite struct MembershipTests {
    static let policies: [LoadBalancerPolicy] = [
        .roundRobin, .leastRequest(LeastRequestConfig()), .random, .ringHash(RingHashConfig()), .maglev(MaglevConfig()),
    ]

    static func picks(_ balancer: inout ClusterLoadBalancer, _ count: Int, random: inout LBFixture.SplitMix64) -> Set<Int> {
        var chosen = Set<Int>()
        for _ in 0..<count {
            if let host = balancer.chooseHost(activeRequests: [0, 0, 0, 0, 0, 0], random: &random) { chosen.insert(host) }
        }
        return chosen
    }

    @Test(arguments: policies)
    func onlyMembersArePicked(policy: LoadBalancerPolicy) throws {
        var endpoints = LBFixture.endpoints(ports: [80, 81, 82, 83, 84, 85])
        for host in [1, 4, 5] { endpoints[host].isMember = false }
        var random = LBFixture.SplitMix64(state: 7)
        var balancer = try ClusterLoadBalancer(endpoints: endpoints, policy: policy, random: &random)
        #expect(Self.picks(&balancer, 400, random: &random) == [0, 2, 3])

        balancer.setMembership(host: 4, true)
        balancer.setMembership(host: 0, false)
        #expect(Self.picks(&balancer, 400, random: &random) == [2, 3, 4])
        #expect(balancer.hostCount == 6, "indices stay put")
    }

    @Test(arguments: policies)
    func anEmptyHostSetPicksNothing(policy: LoadBalancerPolicy) throws {
        var endpoints = LBFixture.endpoints(ports: [80, 81])
        for host in endpoints.indices { endpoints[host].isMember = false }
        var random = LBFixture.SplitMix64(state: 3)
        var balancer = try ClusterLoadBalancer(endpoints: endpoints, policy: policy, random: &random)
        #expect(balancer.chooseHost(activeRequests: [0, 0], random: &random) == nil)
        balancer.setMembership(host: 1, true)
        #expect(balancer.chooseHost(activeRequests: [0, 0], random: &random) == 1)
    }

    /// Health is computed over the members: one unhealthy host of two members is 50% healthy
    /// (70% with the overprovisioning factor), not in panic, though two of four listed hosts
    /// would be unhealthy if non-members counted; non-members are not candidates in panic either.
    @Test func panicCountsMembersOnly() throws {
        var endpoints = LBFixture.endpoints(ports: [80, 81, 82, 83])
        endpoints[2].isMember = false
        endpoints[3].isMember = false
        var random = LBFixture.SplitMix64(state: 11)
        var balancer = try ClusterLoadBalancer(endpoints: endpoints, policy: .roundRobin, random: &random)
        balancer.setHealthy(host: 1, false)
        #expect(Self.picks(&balancer, 50, random: &random) == [0])
        #expect(!balancer.isInPanic(priority: 0))
        #expect(balancer.priorityLoad.healthAvailability == [70])
        balancer.setHealthy(host: 0, false)
        #expect(Self.picks(&balancer, 50, random: &random) == [0, 1])
        #expect(balancer.isInPanic(priority: 0))
    }
}
