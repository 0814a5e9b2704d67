import EdgeProxy
import Testing

/// `LeastRequestLoadBalancerTest.*` (least_request_lb_test.cc), envoy-vectors.md §6, each
/// with the hosts at priority 0 and at priority 1.
@Suite struct LeastRequestTests {
    private func makeBalancer(
        _ endpoints: [UpstreamEndpoint], config: LeastRequestConfig = LeastRequestConfig()
    ) throws -> ClusterLoadBalancer {
        var seedRandom = ScriptedRandom([0])
        return try ClusterLoadBalancer(endpoints: endpoints, policy: .leastRequest(config), random: &seedRandom)
    }

    @Test(arguments: [0, 1])
    func normal(priority: Int) throws {
        var lb = try makeBalancer(LBFixture.endpoints(ports: [80, 81], priority: priority))
        // Draws: priority 0; samples 2 % 2 = 0 (:80, 1 active), 3 % 2 = 1 (:81, 2 active).
        var random = ScriptedRandom([0, 2, 3])
        #expect(lb.chooseHost(activeRequests: [1, 2], random: &random) == 0)
        #expect(random.draws == 3)
        random = ScriptedRandom([0, 2, 3])
        #expect(lb.chooseHost(activeRequests: [2, 1], random: &random) == 1)
    }

    @Test(arguments: [0, 1])
    func powerOfNChoices(priority: Int) throws {
        let hosts = LBFixture.endpoints(ports: [80, 81, 82, 83], priority: priority)
        let active: [UInt32] = [4, 3, 2, 1]
        var lbDefault = try makeBalancer(hosts)
        var lb2 = try makeBalancer(hosts, config: LeastRequestConfig(choiceCount: 2))
        var lb5 = try makeBalancer(hosts, config: LeastRequestConfig(choiceCount: 5))

        var random = ScriptedRandom([0])
        #expect(lbDefault.chooseHost(activeRequests: active, random: &random) == 0)
        #expect(random.draws == 3)
        random = ScriptedRandom([0])
        #expect(lb2.chooseHost(activeRequests: active, random: &random) == 0)
        #expect(random.draws == 3)
        random = ScriptedRandom([0])
        #expect(lb5.chooseHost(activeRequests: active, random: &random) == 0)
        #expect(random.draws == 6)
        random = ScriptedRandom([0, 3, 0, 3, 2, 1])
        #expect(lb5.chooseHost(activeRequests: active, random: &random) == 3)
        #expect(random.draws == 6)
    }

    @Test(arguments: [0, 1])
    func fullScanOneHostWithLeastRequests(priority: Int) throws {
        var lb = try makeBalancer(
            LBFixture.endpoints(ports: [80, 81, 82, 83, 84], priority: priority),
            config: LeastRequestConfig(selectionMethod: .fullScan))
        var random = ScriptedRandom([0])
        #expect(lb.chooseHost(activeRequests: [4, 3, 2, 1, 5], random: &random) == 3)
    }

    @Test(arguments: [0, 1])
    func fullScanMultipleHostsWithLeastRequests(priority: Int) throws {
        var lb = try makeBalancer(
            LBFixture.endpoints(ports: [80, 81, 82, 83, 84], priority: priority),
            config: LeastRequestConfig(selectionMethod: .fullScan))
        var random = LBFixture.SplitMix64(state: 7)
        var counts = [Int](repeating: 0, count: 5)
        let active: [UInt32] = [3, 3, 1, 1, 1]
        try active.withUnsafeBufferPointer { buffer in
            for _ in 0..<1_000_000 {
                let picked = lb.chooseHost(activeRequests: buffer, random: &random)
                counts[try #require(picked)] += 1
            }
        }
        #expect(counts[0] == 0 && counts[1] == 0)
        for host in 2...4 { #expect(abs(counts[host] - 1_000_000 / 3) <= 5000) }
    }

    @Test(arguments: [0, 1])
    func weightImbalance(priority: Int) throws {
        try expectWeightImbalanceSequences(LeastRequestConfig(), priority: priority)
    }

    /// An invalid bias (-1) falls back to 1.0: the same sequences.
    @Test(arguments: [0, 1])
    func weightImbalanceWithInvalidActiveRequestBias(priority: Int) throws {
        #expect(LeastRequestConfig(activeRequestBias: -1).effectiveActiveRequestBias == 1.0)
        #expect(LeastRequestConfig(activeRequestBias: .nan).effectiveActiveRequestBias == 1.0)
        try expectWeightImbalanceSequences(LeastRequestConfig(activeRequestBias: -1), priority: priority)
    }

    private func expectWeightImbalanceSequences(_ config: LeastRequestConfig, priority: Int) throws {
        var lb = try makeBalancer(LBFixture.endpoints(ports: [80, 81], weights: [1, 2], priority: priority), config: config)
        var random = ScriptedRandom([0])
        func picks(_ count: Int, _ active: [UInt32]) -> [Int?] {
            (0..<count).map { _ in lb.chooseHost(activeRequests: active, random: &random) }
        }
        // 2:1 for :81.
        #expect(picks(6, [0, 0]) == [1, 0, 1, 1, 0, 1])
        // :81 with one active request: 1:1.
        #expect(picks(5, [0, 1]) == [1, 0, 1, 0, 1])
        // :80 with one active request and :81 with none: 4:1.
        #expect(picks(10, [1, 0]) == [0, 1, 1, 1, 0, 1, 1, 1, 1, 0])
    }

    @Test func singleHostAndPeek() throws {
        var lb = try makeBalancer(LBFixture.endpoints(ports: [80]))
        var random = ScriptedRandom([0])
        #expect(lb.peekAnotherHost(random: &random) == nil)
        #expect(lb.chooseHost(random: &random) == 0)
    }

    @Test func noHosts() throws {
        var lb = try makeBalancer([])
        var random = ScriptedRandom([0])
        #expect(lb.chooseHost(random: &random) == nil)
    }

    @Test func configuredBiasForcesTheWeightedPathForEqualWeights() {
        let weights: [UInt32] = [1, 1]
        let active: [UInt32] = [0, 0]
        active.withUnsafeBufferPointer { buffer in
            let plain = LeastRequestLoadBalancer(hosts: [0, 1], weights: weights, activeRequests: buffer, seed: 0)
            let biased = LeastRequestLoadBalancer(
                hosts: [0, 1], weights: weights, activeRequests: buffer, seed: 0,
                config: LeastRequestConfig(activeRequestBias: 1.0))
            #expect(!plain.isWeighted)
            #expect(biased.isWeighted)
        }
    }

    @Test func choiceCountBelowTwoIsRejected() {
        var random = ScriptedRandom([0])
        #expect(throws: LoadBalancerConfigError.self) {
            _ = try ClusterLoadBalancer(
                endpoints: LBFixture.endpoints(ports: [80]), policy: .leastRequest(LeastRequestConfig(choiceCount: 1)), random: &random)
        }
    }
}
