import EdgeProxy
import SimKernel
import Testing

@Suite("Retry back-off (JitteredExponentialBackOffStrategy)")
struct RetryBackOffTests {
    func draws(_ backOff: inout RetryBackOff, _ random: inout ScriptedRandom, _ count: Int) -> [UInt64] {
        (0..<count).map { _ in backOff.nextMilliseconds(random: &random) }
    }

    @Test func defaultPolicyIntervalsDoubleFromTwentyFiveAndCapAtTwoHundredFifty() throws {
        var backOff = try RetryPolicy(retryOn: .fiveXX).makeBackOff()
        #expect(backOff.baseMilliseconds == 25)
        #expect(backOff.maxMilliseconds == 250)
        var intervals: [UInt64] = []
        var random = ScriptedRandom([UInt64.max])
        for _ in 0..<7 {
            intervals.append(backOff.nextIntervalMilliseconds)
            _ = backOff.nextMilliseconds(random: &random)
        }
        #expect(intervals == [25, 50, 100, 200, 250, 250, 250])
    }

    @Test func drawsAreRandomModuloTheInterval() throws {
        var backOff = try RetryPolicy(retryOn: .fiveXX).makeBackOff()
        var random = ScriptedRandom([9999])
        // 9999 % 25, % 50, % 100, % 200, % 250, % 250
        #expect(draws(&backOff, &random, 6) == [24, 49, 99, 199, 249, 249])
        backOff.reset()
        var low = ScriptedRandom([30, 30, 30])
        #expect(draws(&backOff, &low, 3) == [5, 30, 30])
    }

    @Test func durationsAreMilliseconds() throws {
        var backOff = try RetryPolicy(retryOn: .fiveXX).makeBackOff()
        var random = ScriptedRandom([24, 49, 99])
        #expect(backOff.next(random: &random) == .milliseconds(24))
        #expect(backOff.next(random: &random) == .milliseconds(49))
        #expect(backOff.next(random: &random) == .milliseconds(99))
    }

    /// `backoff_strategy_test.cc` (envoy-vectors.md §11).
    @Test func envoyVectorBaseTwentyFiveMaxThirty() {
        var backOff = RetryBackOff(baseMilliseconds: 25, maxMilliseconds: 30)
        var random = ScriptedRandom([27])
        #expect(draws(&backOff, &random, 2) == [2, 27])
        backOff.reset()
        #expect(draws(&backOff, &random, 2) == [2, 27])
        backOff.reset(baseMilliseconds: 26)
        #expect(draws(&backOff, &random, 1) == [1])
    }

    @Test func envoyVectorBaseFiveMaxHundred() {
        var backOff = RetryBackOff(baseMilliseconds: 5, maxMilliseconds: 100)
        var random = ScriptedRandom([9999])
        #expect(draws(&backOff, &random, 7) == [4, 9, 19, 39, 79, 99, 99])
        backOff.reset()
        #expect(draws(&backOff, &random, 7) == [4, 9, 19, 39, 79, 99, 99])
        backOff.reset(baseMilliseconds: 4)
        #expect(draws(&backOff, &random, 1) == [3])
    }

    @Test func envoyVectorNoOverflow() {
        var backOff = RetryBackOff(baseMilliseconds: 1, maxMilliseconds: UInt64.max)
        var random = ScriptedRandom([UInt64.max - 1])
        for _ in 0..<100 { _ = backOff.nextMilliseconds(random: &random) }
        #expect(backOff.nextMilliseconds(random: &random) == UInt64.max - 1)
    }

    @Test func configuredIntervalsRoundToMilliseconds() throws {
        let policy = try RetryPolicy(retryOn: .fiveXX, baseInterval: .milliseconds(100))
        #expect(policy.baseInterval == .milliseconds(100))
        #expect(policy.maxInterval == .seconds(1))  // 10 x base
        let sub = try RetryPolicy(retryOn: .fiveXX, baseInterval: .microseconds(300), maxInterval: .microseconds(700))
        #expect(sub.baseInterval == .milliseconds(1))
        #expect(sub.maxInterval == .milliseconds(1))
        let capped = try RetryPolicy(retryOn: .fiveXX, baseInterval: .milliseconds(10), maxInterval: .milliseconds(35))
        var backOff = capped.makeBackOff()
        var random = ScriptedRandom([UInt64.max])
        var intervals: [UInt64] = []
        for _ in 0..<4 {
            intervals.append(backOff.nextIntervalMilliseconds)
            _ = backOff.nextMilliseconds(random: &random)
        }
        #expect(intervals == [10, 20, 35, 35])  // 20 < 17.5 is false: jump to the cap
    }
}
