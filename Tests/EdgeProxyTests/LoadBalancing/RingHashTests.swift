import EdgeProxy
import SimKernel
import Testing

/// `RingHashLoadBalancerTest.*` (ring_hash_lb_test.cc), envoy-vectors.md §2, each with the
/// hosts at priority 0 and at priority 1 (P0 empty), as Envoy's `TEST_P`.
@Suite struct RingHashTests {
    private func makeBalancer(
        _ endpoints: [UpstreamEndpoint], _ config: RingHashConfig,
        localityWeights: [UInt32]? = nil
    ) throws -> ClusterLoadBalancer {
        var random = ScriptedRandom([0])
        return try ClusterLoadBalancer(
            endpoints: endpoints, policy: .ringHash(config),
            common: CommonLoadBalancerConfig(localityWeightedBalancing: localityWeights != nil),
            localityWeights: localityWeights ?? [], random: &random)
    }

    private func pick(_ lb: inout ClusterLoadBalancer, _ hash: UInt64) -> Int? {
        var random = ScriptedRandom([0])
        return lb.chooseHost(hash: hash, random: &random)
    }

    private static let basicRing: [UInt64] = [
        833_437_586_790_550_860, 928_266_305_478_181_108, 1_033_482_794_131_418_490,
        3_551_244_743_356_806_947, 3_851_675_632_748_031_481, 5_583_722_120_771_150_861,
        6_311_230_543_546_372_928, 7_700_377_290_971_790_572, 13_144_177_310_400_110_813,
        13_444_792_449_719_432_967, 15_516_499_411_664_133_160, 16_117_243_373_044_804_889,
    ]

    @Test func basicRingKeysHashAsDerived() {
        #expect(XXHash64.hash("127.0.0.1:90_0") == 16_117_243_373_044_804_889)
        #expect(XXHash64.hash("127.0.0.1:90_1") == 1_033_482_794_131_418_490)
        #expect(XXHash64.hash("127.0.0.1:94_1") == 833_437_586_790_550_860)
    }

    @Test(arguments: [0, 1])
    func basic(priority: Int) throws {
        var lb = try makeBalancer(LBFixture.endpoints(ports: Array(90...95), priority: priority), RingHashConfig(minimumRingSize: 12))
        #expect(lb.ringHashStats == RingHashStats(size: 12, minHashesPerHost: 2, maxHashesPerHost: 2))
        let ring = try RingHashLoadBalancer(
            hashKeys: (90...95).map(LBFixture.address), config: RingHashConfig(minimumRingSize: 12))
        #expect(ring.hashes == Self.basicRing)
        #expect((0..<12).map { ring.host(atEntry: $0) } == [4, 2, 0, 5, 3, 1, 1, 3, 5, 2, 4, 0])

        #expect(pick(&lb, 0) == 4)
        #expect(pick(&lb, UInt64.max) == 4)
        #expect(pick(&lb, 3_551_244_743_356_806_947) == 5)
        #expect(pick(&lb, 3_551_244_743_356_806_948) == 3)
        var random = ScriptedRandom([16_117_243_373_044_804_880])
        #expect(lb.chooseHost(random: &random) == 0)
        #expect(lb.stats.healthyPanic == 0)

        for host in 0..<6 { lb.setHealthy(host: host, false) }
        #expect(pick(&lb, 0) == 4)
        #expect(lb.stats.healthyPanic == 1)
    }

    @Test(arguments: [0, 1])
    func basicWithMurmur2(priority: Int) throws {
        let config = RingHashConfig(minimumRingSize: 12, hashFunction: .murmurHash2)
        var lb = try makeBalancer(LBFixture.endpoints(ports: Array(80...85), priority: priority), config)
        #expect(lb.ringHashStats == RingHashStats(size: 12, minHashesPerHost: 2, maxHashesPerHost: 2))
        let ring = try RingHashLoadBalancer(hashKeys: (80...85).map(LBFixture.address), config: config)
        #expect(ring.hashes == [
            1_358_027_074_129_602_068, 4_361_834_613_929_391_114, 7_224_494_972_555_149_682,
            7_701_421_856_454_313_576, 8_649_315_368_077_433_379, 8_739_448_859_063_030_639,
            9_887_544_217_113_020_895, 10_150_910_876_324_007_731, 15_168_472_011_420_622_455,
            15_427_156_902_705_414_897, 16_375_050_414_328_759_093, 17_613_279_263_364_193_813,
        ])
        #expect((0..<12).map { ring.host(atEntry: $0) } == [5, 3, 4, 1, 2, 4, 1, 2, 3, 0, 5, 0])
        #expect(pick(&lb, 0) == 5)
        #expect(pick(&lb, UInt64.max) == 5)
        #expect(pick(&lb, 1_358_027_074_129_602_068) == 5)
        #expect(pick(&lb, 1_358_027_074_129_602_069) == 3)
        var random = ScriptedRandom([10_150_910_876_324_007_730])
        #expect(lb.chooseHost(random: &random) == 2)
        #expect(lb.stats.healthyPanic == 0)
    }

    /// `BasicWithHostname`, `BasicWithMetadataHashKey` and `BasicWithDoundedLoad`: the hash
    /// key is "90"…"95".
    @Test(arguments: [0, 1])
    func basicWithHostname(priority: Int) throws {
        let hosts = (90...95).map { UpstreamEndpoint(hashKey: "\($0)", priority: priority) }
        var lb = try makeBalancer(hosts, RingHashConfig(minimumRingSize: 12))
        #expect(lb.ringHashStats == RingHashStats(size: 12, minHashesPerHost: 2, maxHashesPerHost: 2))
        let ring = try RingHashLoadBalancer(hashKeys: (90...95).map { "\($0)" }, config: RingHashConfig(minimumRingSize: 12))
        #expect(ring.hashes == [
            1_975_508_444_536_362_413, 2_376_063_919_839_173_711, 2_386_806_903_309_390_596,
            6_749_904_478_991_551_885, 6_803_900_775_736_438_537, 7_225_015_537_174_310_577,
            8_787_465_352_164_086_522, 11_282_020_843_382_717_940, 13_723_418_369_486_627_818,
            13_776_502_110_861_797_421, 14_338_313_586_354_474_791, 15_364_271_037_087_512_980,
        ])
        #expect((0..<12).map { ring.host(atEntry: $0) } == [5, 5, 3, 4, 3, 2, 0, 2, 1, 0, 1, 4])
        #expect(pick(&lb, 0) == 5)
        #expect(pick(&lb, UInt64.max) == 5)
        #expect(pick(&lb, 7_225_015_537_174_310_577) == 2)
        #expect(pick(&lb, 6_803_900_775_736_438_537) == 3)
        var random = ScriptedRandom([0])
        #expect(lb.chooseHost(random: &random) == 5)
        #expect(lb.stats.healthyPanic == 0)
        for host in 0..<6 { lb.setHealthy(host: host, false) }
        #expect(pick(&lb, 0) == 5)
        #expect(lb.stats.healthyPanic == 1)
    }

    @Test(arguments: [0, 1])
    func basicWithRetryHostPredicate(priority: Int) throws {
        var lb = try makeBalancer(LBFixture.endpoints(ports: Array(90...95), priority: priority), RingHashConfig(minimumRingSize: 12))
        var random = ScriptedRandom([0])
        #expect(lb.chooseHost(hash: 0, random: &random) == 4)
        #expect(lb.chooseHost(hash: 0, hostSelectionRetryCount: 2, shouldSelectAnotherHost: { _ in false }, random: &random) == 4)
        #expect(lb.chooseHost(hash: 0, hostSelectionRetryCount: 2, shouldSelectAnotherHost: { $0 == 4 }, random: &random) == 2)
        #expect(lb.chooseHost(hash: 0, hostSelectionRetryCount: 2, shouldSelectAnotherHost: { _ in true }, random: &random) == 0)
        #expect(lb.chooseHost(hash: 0, hostSelectionRetryCount: 13, shouldSelectAnotherHost: { _ in true }, random: &random) == 2)
    }

    @Test(arguments: [0, 1])
    func unevenHosts(priority: Int) throws {
        var lb = try makeBalancer(LBFixture.endpoints(ports: [80, 81], priority: priority), RingHashConfig(minimumRingSize: 3))
        #expect(lb.ringHashStats == RingHashStats(size: 4, minHashesPerHost: 2, maxHashesPerHost: 2))
        let ring = try RingHashLoadBalancer(hashKeys: [LBFixture.address(80), LBFixture.address(81)], config: RingHashConfig(minimumRingSize: 3))
        #expect(ring.hashes == [
            5_454_692_015_285_649_509, 7_859_399_908_942_313_493, 13_838_424_394_637_650_569, 16_064_866_803_292_627_174,
        ])
        #expect(pick(&lb, 0) == 0)

        lb.replaceEndpoints(LBFixture.endpoints(ports: [81, 82], priority: priority))
        let replaced = try RingHashLoadBalancer(hashKeys: [LBFixture.address(81), LBFixture.address(82)], config: RingHashConfig(minimumRingSize: 3))
        #expect(replaced.hashes == [
            7_859_399_908_942_313_493, 8_241_336_090_459_785_962, 12_882_406_409_176_325_258, 16_064_866_803_292_627_174,
        ])
        #expect((0..<4).map { replaced.host(atEntry: $0) } == [0, 1, 1, 0])
        #expect(pick(&lb, 0) == 0)
        #expect(LBFixture.key(lb, pick(&lb, 0)) == LBFixture.address(81))
    }

    private static let tinyRingLookups: [(UInt64, Int)] = [
        (928_266_305_478_181_108, 2), (4_443_673_547_860_492_590, 2), (5_583_722_120_771_150_861, 1),
        (6_311_230_543_546_372_928, 1), (13_444_792_449_719_432_967, 2), (16_117_243_373_044_804_889, 0),
    ]

    @Test(arguments: [0, 1])
    func hostWeightedTinyRing(priority: Int) throws {
        var lb = try makeBalancer(
            LBFixture.endpoints(ports: [90, 91, 92], weights: [1, 2, 3], priority: priority),
            RingHashConfig(minimumRingSize: 6, maximumRingSize: 6))
        #expect(lb.ringHashStats == RingHashStats(size: 6, minHashesPerHost: 1, maxHashesPerHost: 3))
        for (hash, host) in Self.tinyRingLookups { #expect(pick(&lb, hash) == host) }
    }

    /// Counts over `count` hashes spread evenly: `i × (UInt64.max / count)`.
    private func histogram(_ lb: inout ClusterLoadBalancer, hashes count: UInt64, hosts: Int) throws -> [Int] {
        var counts = [Int](repeating: 0, count: hosts)
        for i in 0..<count {
            let picked = pick(&lb, i &* (UInt64.max / count))
            counts[try #require(picked)] += 1
        }
        return counts
    }

    @Test(arguments: [0, 1])
    func hostWeightedLargeRing(priority: Int) throws {
        var lb = try makeBalancer(
            LBFixture.endpoints(ports: [90, 91, 92], weights: [1, 2, 3], priority: priority), RingHashConfig(minimumRingSize: 6144))
        #expect(lb.ringHashStats == RingHashStats(size: 6144, minHashesPerHost: 1024, maxHashesPerHost: 3072))
        #expect(try histogram(&lb, hashes: 6000, hosts: 3) == [987, 1932, 3081])
    }

    @Test(arguments: [0, 1])
    func zeroLocalityWeights(priority: Int) throws {
        var lb = try makeBalancer(
            LBFixture.endpoints(ports: [90, 91], localities: [0, 1], priority: priority), RingHashConfig(), localityWeights: [0, 0])
        var random = ScriptedRandom([0])
        #expect(lb.chooseHost(random: &random) == nil)
    }

    @Test(arguments: [0, 1])
    func localityWeightedTinyRing(priority: Int) throws {
        var lb = try makeBalancer(
            LBFixture.endpoints(ports: [90, 91, 92, 93], localities: [0, 1, 2, 3], priority: priority),
            RingHashConfig(minimumRingSize: 6, maximumRingSize: 6), localityWeights: [1, 2, 3, 0])
        #expect(lb.ringHashStats == RingHashStats(size: 6, minHashesPerHost: 1, maxHashesPerHost: 3))
        for (hash, host) in Self.tinyRingLookups { #expect(pick(&lb, hash) == host) }
    }

    @Test(arguments: [0, 1])
    func localityWeightedLargeRing(priority: Int) throws {
        var lb = try makeBalancer(
            LBFixture.endpoints(ports: [90, 91, 92, 93], localities: [0, 1, 2, 3], priority: priority),
            RingHashConfig(minimumRingSize: 6144), localityWeights: [1, 2, 3, 0])
        #expect(lb.ringHashStats == RingHashStats(size: 6144, minHashesPerHost: 1024, maxHashesPerHost: 3072))
        #expect(try histogram(&lb, hashes: 6000, hosts: 4) == [987, 1932, 3081, 0])
    }

    @Test(arguments: [0, 1])
    func hostAndLocalityWeightedTinyRing(priority: Int) throws {
        var lb = try makeBalancer(
            LBFixture.endpoints(ports: [90, 91, 92, 93], weights: [1, 2, 1, 2], localities: [0, 0, 1, 1], priority: priority),
            RingHashConfig(minimumRingSize: 9, maximumRingSize: 9), localityWeights: [1, 2])
        #expect(lb.ringHashStats == RingHashStats(size: 9, minHashesPerHost: 1, maxHashesPerHost: 4))
        let lookups: [(UInt64, Int)] = [
            (928_266_305_478_181_108, 2), (3_851_675_632_748_031_481, 3), (5_583_722_120_771_150_861, 1),
            (6_311_230_543_546_372_928, 1), (7_700_377_290_971_790_572, 3), (12_559_126_875_973_811_811, 3),
            (13_444_792_449_719_432_967, 2), (13_784_988_426_630_141_778, 3), (16_117_243_373_044_804_889, 0),
        ]
        for (hash, host) in lookups { #expect(pick(&lb, hash) == host) }
    }

    @Test(arguments: [0, 1])
    func hostAndLocalityWeightedLargeRing(priority: Int) throws {
        var lb = try makeBalancer(
            LBFixture.endpoints(ports: [90, 91, 92, 93], weights: [1, 2, 1, 2], localities: [0, 0, 1, 1], priority: priority),
            RingHashConfig(minimumRingSize: 9216), localityWeights: [1, 2])
        #expect(lb.ringHashStats == RingHashStats(size: 9216, minHashesPerHost: 1024, maxHashesPerHost: 4096))
        #expect(try histogram(&lb, hashes: 9000, hosts: 4) == [924, 2009, 2053, 4014])
    }

    @Test(arguments: [0, 1])
    func smallFractionalScale(priority: Int) throws {
        var lb = try makeBalancer(
            LBFixture.endpoints(ports: [90, 91, 92, 93], priority: priority), RingHashConfig(minimumRingSize: 2, maximumRingSize: 2))
        #expect(lb.ringHashStats == RingHashStats(size: 2, minHashesPerHost: 0, maxHashesPerHost: 1))
        let counts = try histogram(&lb, hashes: 1024, hosts: 4)
        #expect(counts.filter { $0 == 0 }.count == 2)
        #expect(counts.reduce(0, +) == 1024)
        // [derived] the two hosts on the ring are :90 and :92.
        #expect(counts[1] == 0 && counts[3] == 0)
    }

    @Test(arguments: [0, 1])
    func largeFractionalScale(priority: Int) throws {
        var lb = try makeBalancer(
            LBFixture.endpoints(ports: [90, 91], priority: priority), RingHashConfig(minimumRingSize: 1023, maximumRingSize: 1023))
        #expect(lb.ringHashStats == RingHashStats(size: 1023, minHashesPerHost: 511, maxHashesPerHost: 512))
        #expect(try histogram(&lb, hashes: 1023, hosts: 2) == [526, 497])
    }

    @Test(arguments: [0, 1])
    func lopsidedWeightSmallScale(priority: Int) throws {
        var lb = try makeBalancer(
            LBFixture.endpoints(ports: Array(0..<1024), localities: (0..<1024).map { $0 == 0 ? 0 : 1 }, priority: priority),
            RingHashConfig(minimumRingSize: 1024, maximumRingSize: 1024), localityWeights: [127, 1])
        #expect(lb.ringHashStats == RingHashStats(size: 1024, minHashesPerHost: 0, maxHashesPerHost: 1016))
        let lookups: [(UInt64, Int)] = [
            (11_664_790_346_325_243_808, 1), (15_894_554_872_961_148_518, 128), (13_958_138_884_277_627_155, 256),
            (15_803_774_069_438_192_949, 384), (3_829_253_010_855_396_576, 512), (17_918_147_347_826_565_154, 640),
            (6_442_769_608_292_299_103, 768), (5_881_074_926_069_334_434, 896),
        ]
        for (hash, host) in lookups { #expect(pick(&lb, hash) == host) }
    }

    @Test func badRingSizeBounds() {
        var random = ScriptedRandom([0])
        #expect(throws: LoadBalancerConfigError("ring hash: minimum_ring_size (20) > maximum_ring_size (10)")) {
            _ = try ClusterLoadBalancer(
                endpoints: LBFixture.endpoints(ports: [90]),
                policy: .ringHash(RingHashConfig(minimumRingSize: 20, maximumRingSize: 10)), random: &random)
        }
        #expect(RingHashConfig().minimumRingSize == 1024)
        #expect(RingHashConfig().maximumRingSize == 8_388_608)
        #expect(RingHashConfig().hashFunction == .xxHash)
    }

    @Test func noHost() throws {
        var lb = try makeBalancer([], RingHashConfig())
        var random = ScriptedRandom([0])
        #expect(lb.chooseHost(random: &random) == nil)
        #expect(lb.peekAnotherHost(random: &random) == nil)
    }

    /// `RingHashFailoverTest.BasicFailover` (§2.14).
    @Test func basicFailover() throws {
        var lb = try makeBalancer(
            [
                UpstreamEndpoint(hashKey: LBFixture.address(80), priority: 0, health: .unhealthy),
                UpstreamEndpoint(hashKey: LBFixture.address(82), priority: 1),
            ],
            RingHashConfig(minimumRingSize: 12))
        #expect(lb.ringHashStats == RingHashStats(size: 12, minHashesPerHost: 12, maxHashesPerHost: 12))
        var random = ScriptedRandom([0])
        #expect(LBFixture.key(lb, lb.chooseHost(random: &random)) == LBFixture.address(82))

        lb.setHealthy(host: 0, true)
        #expect(LBFixture.key(lb, lb.chooseHost(random: &random)) == LBFixture.address(80))
        lb.setHealthy(host: 0, false)
        #expect(LBFixture.key(lb, lb.chooseHost(random: &random)) == LBFixture.address(82))

        // P0 = [:80 healthy, :81 unhealthy] (health 70), P1 = [:82]: loads 70 / 30.
        lb.replaceEndpoints([
            UpstreamEndpoint(hashKey: LBFixture.address(80), priority: 0),
            UpstreamEndpoint(hashKey: LBFixture.address(81), priority: 0, health: .unhealthy),
            UpstreamEndpoint(hashKey: LBFixture.address(82), priority: 1),
        ])
        random = ScriptedRandom([69])
        #expect(LBFixture.key(lb, lb.chooseHost(random: &random)) == LBFixture.address(80))
        #expect(lb.priorityLoad.healthy == [70, 30])
        random = ScriptedRandom([71])
        #expect(LBFixture.key(lb, lb.chooseHost(random: &random)) == LBFixture.address(82))
    }
}
