import EdgeProxy
import Testing

/// `RoundRobinLoadBalancerTest.*` (round_robin_lb_test.cc), envoy-vectors.md §5. Each test
/// runs with the hosts at priority 0 and at priority 1 (P0 empty), as Envoy's `TEST_P`.
@Suite struct RoundRobinTests {
    private func makeBalancer(
        _ endpoints: [UpstreamEndpoint], common: CommonLoadBalancerConfig = CommonLoadBalancerConfig(),
        random: inout ScriptedRandom
    ) throws -> ClusterLoadBalancer {
        try ClusterLoadBalancer(endpoints: endpoints, policy: .roundRobin, common: common, random: &random)
    }

    @Test(arguments: [0, 1])
    func normal(priority: Int) throws {
        var random = ScriptedRandom([0])
        var lb = try makeBalancer(LBFixture.endpoints(ports: [80, 81], priority: priority), random: &random)
        // Peeks follow the round robin; picks then consume them.
        #expect(lb.peekAnotherHost(random: &random) == 0)
        #expect(lb.peekAnotherHost(random: &random) == 1)
        #expect(lb.chooseHost(random: &random) == 0)
        #expect(lb.chooseHost(random: &random) == 1)
        #expect(lb.chooseHost(random: &random) == 0)
        // Picks ahead of peeks: peeks resume at the next pick.
        #expect(lb.peekAnotherHost(random: &random) == 1)
        #expect(lb.chooseHost(random: &random) == 1)
        #expect(lb.chooseHost(random: &random) == 0)

        // Host set change with no peeks in progress: the index continues (5 % 3 = 2).
        lb.replaceEndpoints(LBFixture.endpoints(ports: [80, 81, 82], priority: priority))
        peekThenPick(&lb, [2, 0, 1], &random)
        peekThenPick(&lb, [2], &random)

        // Peek ahead, change the host set: the peeks are discarded.
        #expect(lb.peekAnotherHost(random: &random) == 0)
        #expect(lb.peekAnotherHost(random: &random) == 1)
        lb.replaceEndpoints(LBFixture.endpoints(ports: [80, 81, 82, 83], priority: priority))
        #expect(lb.chooseHost(random: &random) == 1)
        peekThenPick(&lb, [2, 3], &random)
    }

    private func peekThenPick(_ lb: inout ClusterLoadBalancer, _ picks: [Int], _ random: inout ScriptedRandom) {
        for host in picks { #expect(lb.peekAnotherHost(random: &random) == host) }
        for host in picks { #expect(lb.chooseHost(random: &random) == host) }
    }

    @Test(arguments: [0, 1])
    func seed(priority: Int) throws {
        var random = ScriptedRandom([1])
        var lb = try makeBalancer(LBFixture.endpoints(ports: [80, 81, 82], priority: priority), random: &random)
        #expect(lb.seed == 1)
        #expect((0..<4).map { _ in lb.chooseHost(random: &random) } == [1, 2, 0, 1])
    }

    @Test(arguments: [0, 1])
    func weighted(priority: Int) throws {
        var random = ScriptedRandom([0])
        var lb = try makeBalancer(LBFixture.endpoints(ports: [80, 81], weights: [1, 2], priority: priority), random: &random)
        #expect(picks(&lb, 6, &random) == [1, 0, 1, 1, 0, 1])
        // Weights changed in place (no refresh): the new weights apply after one pick cycle.
        lb.setWeight(host: 0, 2)
        lb.setWeight(host: 1, 1)
        #expect(picks(&lb, 8, &random) == [1, 0, 0, 1, 0, 0, 1, 0])
        // A host added (refresh): it takes part in the next round.
        lb.replaceEndpoints(LBFixture.endpoints(ports: [80, 81, 82], weights: [2, 1, 3], priority: priority))
        #expect(picks(&lb, 12, &random) == [2, 0, 2, 1, 0, 2, 2, 0, 2, 1, 0, 2])
        // :81 and :82 removed, :83 (w4) added, :80 back to w1.
        lb.replaceEndpoints(LBFixture.endpoints(ports: [80, 83], weights: [1, 4], priority: priority))
        #expect(picks(&lb, 10, &random) == [1, 1, 1, 0, 1, 1, 1, 1, 0, 1])
    }

    private func picks(_ lb: inout ClusterLoadBalancer, _ count: Int, _ random: inout ScriptedRandom) -> [Int?] {
        (0..<count).map { _ in lb.chooseHost(random: &random) }
    }

    @Test(arguments: [0, 1])
    func weightedSeed(priority: Int) throws {
        var random = ScriptedRandom([1])
        var lb = try makeBalancer(LBFixture.endpoints(ports: [80, 81], weights: [1, 2], priority: priority), random: &random)
        #expect(picks(&lb, 6, &random) == [0, 1, 1, 0, 1, 1])
    }

    @Test(arguments: [0, 1])
    func weightedInitializationPicksAllHosts(priority: Int) throws {
        var counts = [0, 0, 0]
        var firsts: [Int] = []
        for value in UInt64(0)..<10 {
            // random() returns `value` twice: the seed, then the priority draw.
            var random = ScriptedRandom([value])
            var lb = try makeBalancer(LBFixture.endpoints(ports: [80, 81, 82], weights: [6, 3, 1], priority: priority), random: &random)
            let picked = lb.chooseHost(random: &random)
            let host = try #require(picked)
            #expect(random.draws == 2)
            counts[host] += 1
            firsts.append(host)
        }
        #expect(counts == [6, 3, 1])
        #expect(firsts == [0, 1, 0, 0, 1, 0, 0, 2, 1, 0])
    }

    @Test(arguments: [0, 1])
    func maxUnhealthyPanic(priority: Int) throws {
        var random = ScriptedRandom([0])
        var hosts = LBFixture.endpoints(ports: [80, 81, 82, 83, 84, 85], priority: priority, health: .unhealthy)
        hosts[0].health = .healthy
        hosts[1].health = .healthy
        var lb = try makeBalancer(hosts, random: &random)
        // 2 of 6 healthy (33 % < 50 %): picks go to all hosts.
        #expect(picks(&lb, 3, &random) == [0, 1, 2])
        // 4 of 6 healthy: back to the healthy hosts, whose own index starts at the seed.
        lb.setHealthy(host: 2, true)
        lb.setHealthy(host: 3, true)
        #expect(picks(&lb, 2, &random) == [0, 1])
        #expect(lb.stats.healthyPanic == 3)
    }

    @Test(arguments: [0, 1])
    func maxUnhealthyPanicDisableOnPanic(priority: Int) throws {
        var random = ScriptedRandom([0])
        var hosts = LBFixture.endpoints(ports: [80, 81, 82, 83, 84, 85], priority: priority, health: .unhealthy)
        hosts[0].health = .healthy
        hosts[1].health = .healthy
        var lb = try makeBalancer(hosts, common: CommonLoadBalancerConfig(failTrafficOnPanic: true), random: &random)
        #expect(lb.chooseHost(random: &random) == nil)
        lb.setHealthy(host: 2, true)
        lb.setHealthy(host: 3, true)
        #expect(picks(&lb, 2, &random) == [0, 1])
        #expect(lb.stats.healthyPanic == 1)
    }

    @Test(arguments: [0, 1])
    func disablePanicMode(priority: Int) throws {
        var random = ScriptedRandom([0])
        var lb = try makeBalancer(
            LBFixture.endpoints(ports: [80], priority: priority, health: .unhealthy),
            common: CommonLoadBalancerConfig(healthyPanicThreshold: 0), random: &random)
        #expect(lb.chooseHost(random: &random) == nil)
        #expect(lb.stats.healthyPanic == 0)
    }

    @Test func noHosts() throws {
        var random = ScriptedRandom([0])
        var lb = try makeBalancer([], random: &random)
        #expect(lb.chooseHost(random: &random) == nil)
    }

    /// `FailoverTest.BasicFailover`: P0 unhealthy, P1 healthy.
    @Test func basicFailover() throws {
        var random = ScriptedRandom([0])
        let hosts = [
            UpstreamEndpoint(hashKey: LBFixture.address(80), priority: 0, health: .unhealthy),
            UpstreamEndpoint(hashKey: LBFixture.address(82), priority: 1),
        ]
        var lb = try makeBalancer(hosts, random: &random)
        #expect(lb.peekAnotherHost(random: &random) == 1)
        #expect(lb.chooseHost(random: &random) == 1)
    }

    /// `HostSelectionWithFilter`: a predicate accepting only host 0, with 2 retries.
    @Test(arguments: [0, 1])
    func hostSelectionWithFilter(priority: Int) throws {
        var random = ScriptedRandom([0])
        var lb = try makeBalancer(LBFixture.endpoints(ports: [80, 81], priority: priority), random: &random)
        for _ in 0..<3 {
            #expect(lb.chooseHost(hostSelectionRetryCount: 2, shouldSelectAnotherHost: { $0 != 0 }, random: &random) == 0)
        }
        #expect(lb.chooseHost(shouldSelectAnotherHost: { $0 != 0 }, random: &random) == 1)
        #expect(lb.chooseHost(shouldSelectAnotherHost: { $0 != 0 }, random: &random) == 0)
        #expect(lb.chooseHost(shouldSelectAnotherHost: { $0 != 0 }, random: &random) == 1)
    }

    /// `FailoverTest.BasicDegradedHosts`: P0 all degraded takes the load; degraded hosts are
    /// not preconnected (no healthy host).
    @Test func basicDegradedHosts() throws {
        var random = ScriptedRandom([0])
        var lb = try makeBalancer([UpstreamEndpoint(hashKey: LBFixture.address(80), health: .degraded)], random: &random)
        #expect(lb.peekAnotherHost(random: &random) == nil)
        #expect(lb.chooseHost(random: &random) == 0)
    }

    /// `FailoverTest.BasicFailoverDegradedHosts`: healthy P1 beats degraded P0.
    @Test func basicFailoverDegradedHosts() throws {
        var random = ScriptedRandom([0])
        var lb = try makeBalancer(
            [UpstreamEndpoint(hashKey: LBFixture.address(80), health: .degraded), UpstreamEndpoint(hashKey: LBFixture.address(82), priority: 1)],
            random: &random)
        #expect(lb.chooseHost(random: &random) == 1)
    }

    /// `FailoverTest.PrioritiesWithNotAllWarmedHosts` and `PrioritiesWithZeroWarmedHosts`.
    @Test func prioritiesWithPartlyAndNotWarmedHosts() throws {
        var random = ScriptedRandom([0])
        var partly = try makeBalancer(
            [
                UpstreamEndpoint(hashKey: LBFixture.address(80)), UpstreamEndpoint(hashKey: LBFixture.address(81), health: .unhealthy),
                UpstreamEndpoint(hashKey: LBFixture.address(82), priority: 1),
            ], random: &random)
        #expect(picks(&partly, 3, &random) == [0, 0, 0])
        var none = try makeBalancer(
            [
                UpstreamEndpoint(hashKey: LBFixture.address(80), health: .unhealthy), UpstreamEndpoint(hashKey: LBFixture.address(81), health: .unhealthy),
                UpstreamEndpoint(hashKey: LBFixture.address(82), priority: 1),
            ], random: &random)
        #expect(picks(&none, 3, &random) == [2, 2, 2])
    }

    /// Envoy refreshes only the priority whose hosts changed: P0's scheduler keeps its place
    /// when a P1 host changes health, and restarts when a P0 host does.
    @Test func healthChangesRefreshOnlyTheirPriority() throws {
        var random = ScriptedRandom([0])
        var hosts = LBFixture.endpoints(ports: [80, 81], weights: [1, 2])
        hosts += LBFixture.endpoints(ports: [82, 83, 84], priority: 1)
        var lb = try makeBalancer(hosts, random: &random)
        #expect(picks(&lb, 2, &random) == [1, 0])
        lb.setHealthy(host: 4, false)
        #expect(picks(&lb, 4, &random) == [1, 1, 0, 1])
        lb.setHealthy(host: 4, true)
        #expect(picks(&lb, 2, &random) == [1, 0])
        lb.setWeight(host: 2, 5)
        lb.setHealthy(host: 2, false)
        #expect(picks(&lb, 4, &random) == [1, 1, 0, 1])
        // A change in P0 itself rebuilds its scheduler from the seed.
        lb.setHealthy(host: 1, false)
        lb.setHealthy(host: 1, true)
        #expect(picks(&lb, 3, &random) == [1, 0, 1])
    }
}
