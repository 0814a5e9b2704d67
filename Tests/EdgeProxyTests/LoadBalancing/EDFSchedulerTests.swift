import EdgeProxy
import Testing

/// `EdfSchedulerTest.*` (test/common/upstream/edf_scheduler_test.cc), envoy-vectors.md §4.
@Suite struct EDFSchedulerTests {
    @Test func emptySchedulerPicksNothing() {
        var scheduler = EDFScheduler()
        #expect(scheduler.peekAgain(weight: { _ in 1 }) == nil)
        #expect(scheduler.pickAndAdd(weight: { _ in 1 }) == nil)
        var created = EDFScheduler.createWithPicks(entries: [], weight: { _ in 1 }, picks: 123)
        #expect(created.pickAndAdd(weight: { _ in 1 }) == nil)
    }

    @Test func unweighted() {
        var scheduler = EDFScheduler()
        for entry in 0..<128 { scheduler.add(weight: 1, entry: entry) }
        for _ in 0..<128 {
            for entry in 0..<128 {
                let peek = scheduler.peekAgain(weight: { _ in 1 })
                let pick = scheduler.pickAndAdd(weight: { _ in 1 })
                #expect(pick == entry)
                #expect(peek == pick)
            }
        }
    }

    @Test func weighted() throws {
        var scheduler = EDFScheduler()
        var pickCount = [Int](repeating: 0, count: 128)
        for entry in 0..<128 { scheduler.add(weight: Double(entry + 1), entry: entry) }
        for _ in 0..<(128 * 129 / 2) {
            let peek = scheduler.peekAgain(weight: { Double($0 + 1) })
            let picked = scheduler.pickAndAdd(weight: { Double($0 + 1) })
            let pick = try #require(picked)
            #expect(peek == pick)
            pickCount[pick] += 1
        }
        #expect(pickCount == (0..<128).map { $0 + 1 })
    }

    @Test func manyPeekahead() {
        var first = EDFScheduler()
        var second = EDFScheduler()
        for entry in 0..<128 {
            first.add(weight: 1, entry: entry)
            second.add(weight: 1, entry: entry)
        }
        var peeks: [Int?] = []
        for _ in 0..<10 { peeks.append(first.peekAgain(weight: { _ in 1 })) }
        for round in 0..<10 {
            let pick1 = first.pickAndAdd(weight: { _ in 1 })
            let pick2 = second.pickAndAdd(weight: { _ in 1 })
            #expect(pick1 == peeks[round])
            #expect(pick1 == pick2)
        }
    }

    /// `compareEdfSchedulers`: same entries in pick order, deadlines within 1e-5.
    private func expectEquivalent(_ lhs: EDFScheduler, _ rhs: EDFScheduler) {
        let left = lhs.queuedEntries()
        let right = rhs.queuedEntries()
        #expect(left.count == right.count)
        for (a, b) in zip(left, right) {
            #expect(abs(a.deadline - b.deadline) <= 1e-5)
            #expect(a.entry == b.entry)
        }
    }

    @Test func schedulerWithZeroPicksEqualToEmptyWithAddedEntries() {
        var added = EDFScheduler()
        for entry in 0..<128 { added.add(weight: Double(entry + 1), entry: entry) }
        let created = EDFScheduler.createWithPicks(entries: Array(0..<128), weight: { Double($0 + 1) }, picks: 0)
        expectEquivalent(added, created)
        #expect(created.currentTime == 0)
        #expect(created.orderOffset == 128)
    }

    @Test(arguments: [UInt32(5), 140, 501, 123_456, 894_571])
    func schedulerWithSomePicksEqualToEmptyWithAddedEntries(picks: UInt32) {
        let weights = (0..<128).map { (100.5 - 0.01) / 128.0 * Double($0) + 0.01 }
        var added = EDFScheduler()
        for entry in 0..<128 { added.add(weight: weights[entry], entry: entry) }
        for _ in 0..<picks { _ = added.pickAndAdd(weight: { weights[$0] }) }
        let created = EDFScheduler.createWithPicks(entries: Array(0..<128), weight: { weights[$0] }, picks: picks)
        expectEquivalent(added, created)
    }

    /// Weights {6, 3, 1} with P = 0…9 pre-picks: the first pick is host 0 six times, host 1
    /// three times, host 2 once (`WeightedInitializationPicksAllHosts`); the sequence is the
    /// [derived] one of envoy-vectors.md §5.
    @Test func firstPicksAfterPrePicksFollowTheWeights() {
        let weights: [Double] = [6, 3, 1]
        var firsts: [Int] = []
        for picks in UInt32(0)..<10 {
            var scheduler = EDFScheduler.createWithPicks(entries: [0, 1, 2], weight: { weights[$0] }, picks: picks)
            firsts.append(scheduler.pickAndAdd(weight: { weights[$0] })!)
        }
        #expect(firsts == [0, 1, 0, 0, 1, 0, 0, 2, 1, 0])
        #expect(firsts.filter { $0 == 0 }.count == 6)
        #expect(firsts.filter { $0 == 1 }.count == 3)
        #expect(firsts.filter { $0 == 2 }.count == 1)
    }

    @Test func picksAreReducedModulo429496729() {
        let weights: [Double] = [25, 75]
        var reduced = EDFScheduler.createWithPicks(entries: [0, 1], weight: { weights[$0] }, picks: 23)
        var large = EDFScheduler.createWithPicks(entries: [0, 1], weight: { weights[$0] }, picks: 429_496_729 + 23)
        for _ in 0..<8 {
            #expect(reduced.pickAndAdd(weight: { weights[$0] }) == large.pickAndAdd(weight: { weights[$0] }))
        }
    }

    /// `SchedulerWithRandomPicksFirstPickDistribution`: after a random number of pre-picks,
    /// first picks follow the weights within 1 % (400,000 schedulers per weight set).
    @Test(arguments: [[25.0, 75.0], [1.0, 99.0], [50.0, 50.0], [1.0, 20.0, 79.0]])
    func firstPickDistribution(weights: [Double]) {
        var random = LBFixture.SplitMix64(state: 42)
        let iterations = 400_000
        var counts = [Int](repeating: 0, count: weights.count)
        let entries = Array(weights.indices)
        for _ in 0..<iterations {
            let picks = UInt32(truncatingIfNeeded: random.random())
            var scheduler = EDFScheduler.createWithPicks(entries: entries, weight: { weights[$0] }, picks: picks)
            counts[scheduler.pickAndAdd(weight: { weights[$0] })!] += 1
        }
        for (entry, count) in counts.enumerated() {
            #expect(abs(100 * Double(count) / Double(iterations) - weights[entry]) <= 1.0)
        }
    }
}
