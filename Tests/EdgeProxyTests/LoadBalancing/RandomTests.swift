import EdgeProxy
import Testing

/// `RandomLoadBalancerTest.*` (random_lb_test.cc), envoy-vectors.md §7.
///
/// Peek semantics implemented (as Envoy): a peek draws `random()`, stashes it and returns the
/// host that draw selects; the next picks reuse the stashed draws in order instead of
/// drawing. At most as many peeks as healthy hosts may be outstanding; any host-set or
/// health change discards the stash.
@Suite struct RandomTests {
    @Test(arguments: [0, 1])
    func normal(priority: Int) throws {
        var random = ScriptedRandom([2, 3])
        var lb = try ClusterLoadBalancer(endpoints: LBFixture.endpoints(ports: [80, 81], priority: priority), policy: .random, random: &random)
        #expect(random.draws == 0)
        #expect(lb.peekAnotherHost(random: &random) == 0)
        #expect(lb.peekAnotherHost(random: &random) == 1)
        #expect(lb.chooseHost(random: &random) == 0)
        #expect(lb.chooseHost(random: &random) == 1)
        #expect(random.draws == 2)
        // No more stashed draws: the next pick draws (3 again, the mock's last value).
        #expect(lb.chooseHost(random: &random) == 1)
        #expect(random.draws == 3)
    }

    @Test(arguments: [0, 1])
    func failClusterOnPanic(priority: Int) throws {
        var random = ScriptedRandom([0])
        var lb = try ClusterLoadBalancer(
            endpoints: LBFixture.endpoints(ports: [80, 81], priority: priority, health: .unhealthy), policy: .random,
            common: CommonLoadBalancerConfig(failTrafficOnPanic: true), random: &random)
        #expect(lb.chooseHost(random: &random) == nil)
    }

    @Test func peeksAreLimitedToTheHealthyHostCount() throws {
        var random = ScriptedRandom([0])
        var lb = try ClusterLoadBalancer(endpoints: LBFixture.endpoints(ports: [80, 81]), policy: .random, random: &random)
        #expect(lb.peekAnotherHost(random: &random) == 0)
        #expect(lb.peekAnotherHost(random: &random) == 0)
        #expect(lb.peekAnotherHost(random: &random) == nil)
    }
}
