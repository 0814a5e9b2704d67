import EdgeProxy
import SimKernel
import Testing

/// `MaglevLoadBalancerTest.*` (maglev_lb_test.cc), envoy-vectors.md §3. The tests query
/// hashes 0 ..< 3M and expect slot `hash % M`.
@Suite struct MaglevTests {
    private func makeBalancer(
        _ endpoints: [UpstreamEndpoint], tableSize: UInt64, localityWeights: [UInt32]? = nil
    ) throws -> ClusterLoadBalancer {
        var random = ScriptedRandom([0])
        return try ClusterLoadBalancer(
            endpoints: endpoints, policy: .maglev(MaglevConfig(tableSize: tableSize)),
            common: CommonLoadBalancerConfig(localityWeightedBalancing: localityWeights != nil),
            localityWeights: localityWeights ?? [], random: &random)
    }

    private func expectTable(_ lb: inout ClusterLoadBalancer, _ slots: [Int], sourceLocation: SourceLocation = #_sourceLocation) {
        var random = ScriptedRandom([0])
        for hash in 0..<(3 * slots.count) {
            #expect(lb.chooseHost(hash: UInt64(hash), random: &random) == slots[hash % slots.count], sourceLocation: sourceLocation)
        }
    }

    @Test func singleHost() throws {
        var lb = try makeBalancer(LBFixture.endpoints(ports: [90]), tableSize: 7)
        #expect(lb.maglevStats == MaglevStats(minEntriesPerHost: 1, maxEntriesPerHost: 1))
        var random = ScriptedRandom([0])
        for hash in UInt64(0)..<5 { #expect(lb.chooseHost(hash: hash, random: &random) == 0) }
    }

    @Test func basic() throws {
        var lb = try makeBalancer(LBFixture.endpoints(ports: Array(90...95)), tableSize: 7)
        #expect(lb.maglevStats == MaglevStats(minEntriesPerHost: 1, maxEntriesPerHost: 2))
        expectTable(&lb, [2, 4, 0, 1, 5, 0, 3])
    }

    @Test func derivedPermutationInputs() {
        #expect(XXHash64.hash("127.0.0.1:90") == 13_180_206_916_909_469_397)
        #expect(XXHash64.hash("127.0.0.1:90", seed: 1) == 1_521_841_302_816_948_213)
        let offsets = (90...95).map { XXHash64.hash(LBFixture.address($0)) % 7 }
        let skips = (90...95).map { XXHash64.hash(LBFixture.address($0), seed: 1) % 6 + 1 }
        #expect(offsets == [2, 3, 0, 3, 1, 1])
        #expect(skips == [4, 6, 2, 3, 3, 5])
    }

    /// `BasicStability`: the table depends on keys only, not on host order.
    @Test func basicStability() throws {
        var lb = try makeBalancer(LBFixture.endpoints(ports: Array(90...95)), tableSize: 7)
        expectTable(&lb, [2, 4, 0, 1, 5, 0, 3])
        let shuffled = [93, 90, 95, 91, 94, 92]
        var reordered = try makeBalancer(LBFixture.endpoints(ports: shuffled), tableSize: 7)
        let expectedPorts = [92, 94, 90, 91, 95, 90, 93]
        var random = ScriptedRandom([0])
        for hash in 0..<21 {
            let host = reordered.chooseHost(hash: UInt64(hash), random: &random)
            #expect(LBFixture.key(reordered, host) == LBFixture.address(expectedPorts[hash % 7]))
        }
    }

    /// `BasicWithHostName` (= `BasicWithMetadataHashKey`, `BasicWithBoundedLoad`).
    @Test func basicWithHostName() throws {
        var lb = try makeBalancer((90...95).map { UpstreamEndpoint(hashKey: "\($0)") }, tableSize: 7)
        #expect(lb.maglevStats == MaglevStats(minEntriesPerHost: 1, maxEntriesPerHost: 2))
        expectTable(&lb, [2, 5, 0, 3, 4, 1, 0])
    }

    @Test func basicWithRetryHostPredicate() throws {
        var lb = try makeBalancer(LBFixture.endpoints(ports: Array(90...95)), tableSize: 7)
        var random = ScriptedRandom([0])
        #expect(lb.chooseHost(hash: 10, random: &random) == 1)
        #expect(lb.chooseHost(hash: 10, hostSelectionRetryCount: 2, shouldSelectAnotherHost: { _ in false }, random: &random) == 1)
        #expect(lb.chooseHost(hash: 10, hostSelectionRetryCount: 2, shouldSelectAnotherHost: { $0 == 1 }, random: &random) == 0)
        #expect(lb.chooseHost(hash: 10, hostSelectionRetryCount: 2, shouldSelectAnotherHost: { _ in true }, random: &random) == 5)
    }

    @Test func weighted() throws {
        var lb = try makeBalancer(LBFixture.endpoints(ports: [90, 91], weights: [1, 2]), tableSize: 17)
        #expect(lb.maglevStats == MaglevStats(minEntriesPerHost: 6, maxEntriesPerHost: 11))
        expectTable(&lb, [1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1])
        #expect(XXHash64.hash(LBFixture.address(90)) % 17 == 1 && XXHash64.hash(LBFixture.address(90), seed: 1) % 16 + 1 == 6)
        #expect(XXHash64.hash(LBFixture.address(91)) % 17 == 9 && XXHash64.hash(LBFixture.address(91), seed: 1) % 16 + 1 == 14)
    }

    @Test func weightedSingleHost() throws {
        var lb = try makeBalancer(LBFixture.endpoints(ports: [90], weights: [7]), tableSize: 17)
        #expect(lb.maglevStats == MaglevStats(minEntriesPerHost: 1, maxEntriesPerHost: 1))
        expectTable(&lb, [Int](repeating: 0, count: 17))
    }

    @Test func localityWeightedSameLocalityWeights() throws {
        var lb = try makeBalancer(
            LBFixture.endpoints(ports: [90, 91], weights: [1, 2], localities: [0, 1]), tableSize: 17, localityWeights: [1, 1])
        #expect(lb.maglevStats == MaglevStats(minEntriesPerHost: 8, maxEntriesPerHost: 9))
        expectTable(&lb, [1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1])
    }

    @Test func localityWeightedGlobalPanic() throws {
        var lb = try makeBalancer(
            LBFixture.endpoints(ports: [90, 91], weights: [1, 2], localities: [0, 1], health: .unhealthy),
            tableSize: 17, localityWeights: [1, 1])
        #expect(lb.isInPanic(priority: 0))
        #expect(lb.maglevStats == MaglevStats(minEntriesPerHost: 8, maxEntriesPerHost: 9))
        expectTable(&lb, [1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1])
    }

    /// :90 zone A, :91 zone C, :92 zone B; localities in order [A, B, C] weighted {8, 0, 2}.
    @Test func localityWeightedDifferentLocalityWeights() throws {
        var lb = try makeBalancer(
            LBFixture.endpoints(ports: [90, 91, 92], weights: [1, 2, 3], localities: [0, 2, 1]),
            tableSize: 17, localityWeights: [8, 0, 2])
        #expect(lb.maglevStats == MaglevStats(minEntriesPerHost: 4, maxEntriesPerHost: 13))
        expectTable(&lb, [1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0])
    }

    @Test func localityWeightedAllZeroLocalityWeights() throws {
        var lb = try makeBalancer(LBFixture.endpoints(ports: [90]), tableSize: 17, localityWeights: [0])
        var random = ScriptedRandom([0])
        #expect(lb.chooseHost(hash: 0, random: &random) == nil)
    }

    @Test func localityWeightedLopsided() throws {
        var lb = try makeBalancer(
            LBFixture.endpoints(ports: Array(0..<1024), localities: (0..<1024).map { $0 == 0 ? 0 : 1 }, health: .unhealthy),
            tableSize: MaglevConfig.defaultTableSize, localityWeights: [127, 1])
        #expect(lb.maglevStats == MaglevStats(minEntriesPerHost: 1, maxEntriesPerHost: 65537 - 1023))
        var counts = [Int](repeating: 0, count: 1024)
        var random = ScriptedRandom([0])
        for hash in UInt64(0)..<65537 {
            let picked = lb.chooseHost(hash: hash, random: &random)
            counts[try #require(picked)] += 1
        }
        #expect(counts[1...].allSatisfy { $0 == 1 })
        #expect(counts[0] == 65537 - 1023)
    }

    @Test func noPrimeNumber() {
        var random = ScriptedRandom([0])
        #expect(throws: LoadBalancerConfigError("The table size of maglev must be prime number")) {
            _ = try ClusterLoadBalancer(
                endpoints: LBFixture.endpoints(ports: [90]), policy: .maglev(MaglevConfig(tableSize: 8)), random: &random)
        }
    }

    @Test func defaultMaglevTableSize() {
        #expect(MaglevConfig().tableSize == 65537)
        #expect(MaglevConfig.defaultTableSize == 65537)
    }

    @Test func noHost() throws {
        var lb = try makeBalancer([], tableSize: 7)
        var random = ScriptedRandom([0])
        #expect(lb.chooseHost(random: &random) == nil)
    }

    @Test func standaloneTableMatchesTheCluster() throws {
        let table = try MaglevLoadBalancer(hashKeys: (90...95).map(LBFixture.address), config: MaglevConfig(tableSize: 7))
        #expect((0..<7).map { table.host(atSlot: $0) } == [2, 4, 0, 1, 5, 0, 3])
        #expect(table.stats == MaglevStats(minEntriesPerHost: 1, maxEntriesPerHost: 2))
    }
}
