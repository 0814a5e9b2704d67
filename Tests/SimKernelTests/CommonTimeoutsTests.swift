import SimKernel
import Testing

@Suite struct CommonTimeoutsTests {
    /// Entries live unless listed as finished. Only the first start arms the timer; expiry
    /// returns live entries in order and drops finished ones; re-arming goes to the oldest live.
    @Test func expiresLiveEntriesInOrderAndSkipsFinishedOnes() {
        var list = CommonTimeouts(duration: .seconds(10))
        var finished: Set<UInt32> = []
        let live = { (entry: CommonTimeouts.Entry) in !finished.contains(entry.subject) }
        #expect(list.start(subject: 1, generation: 0, at: .seconds(0)) == .seconds(10))
        #expect(list.start(subject: 2, generation: 0, at: .seconds(1)) == nil)
        #expect(list.start(subject: 3, generation: 0, at: .seconds(2)) == nil)
        #expect(list.start(subject: 4, generation: 0, at: .seconds(3)) == nil)
        finished = [1, 3]
        // The timer fires at 10 s: entry 1 finished long ago; nothing else is due yet.
        #expect(list.nextExpired(at: .seconds(10), isLive: live) == nil)
        #expect(list.rearm(isLive: live) == .seconds(11))
        #expect(list.nextExpired(at: .seconds(11), isLive: live)?.subject == 2)
        #expect(list.nextExpired(at: .seconds(11), isLive: live) == nil)
        // Entry 3 finished: the next live one is 4, due at 13 s.
        #expect(list.rearm(isLive: live) == .seconds(13))
        #expect(list.nextExpired(at: .seconds(13), isLive: live)?.subject == 4)
        #expect(list.rearm(isLive: live) == nil)
        #expect(list.count == 0)
        #expect(list.start(subject: 5, generation: 1, at: .seconds(20)) == .seconds(30))
    }
}

@Suite struct DiscreteDistributionTests {
    @Test func drawsIndicesInProportionToTheirWeights() {
        let distribution = DiscreteDistribution(weights: [1, 0, 3])
        #expect(abs(distribution.probability(of: 2) - 0.75) < 1e-12)
        #expect(distribution.probability(of: 1) == 0)
        let stream = RandomStream(name: "discrete", seed: 9)
        var counts = [0, 0, 0]
        for _ in 0..<40_000 { counts[distribution.sample(stream)] += 1 }
        #expect(counts[1] == 0)
        // Binomial(40000, 0.25): sd about 87; five sd.
        #expect(abs(counts[0] - 10_000) < 435)
    }
}
