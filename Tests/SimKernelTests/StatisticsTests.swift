import SimKernel
import Testing

@Suite struct StatisticsTests {
    @Test func timeWeightedMeanIsTheIntegralOverTime() {
        var value = TimeWeightedValue()
        value.set(2, at: .seconds(1))     // 0 for 1 s
        value.set(5, at: .seconds(3))     // 2 for 2 s
        // 5 for 1 s up to t = 4: integral 0 + 4 + 5 = 9 over 4 s.
        #expect(value.mean(at: .seconds(4)) == 9.0 / 4)
        value.reset(at: .seconds(4))
        value.add(-4, at: .seconds(6))    // 5 for 2 s, then 1 for 2 s: 12 over 4 s
        #expect(value.mean(at: .seconds(8)) == 3)
        #expect(value.integral(at: .seconds(8)) == (9 + 12) * 1e9)
    }

    @Test func counterKeepsItsLifetimeTotalAcrossResets() {
        var counter = Counter()
        counter.increment(by: 5)
        counter.reset()
        counter.increment()
        #expect(counter.sinceReset == 1)
        #expect(counter.total == 6)
    }

    @Test func latencyRecorderHasExactMeanAndThreeDigitPercentiles() {
        var recorder = LatencyRecorder()
        for ms in 1...1_000 { recorder.record(.milliseconds(Int64(ms))) }
        #expect(recorder.count == 1_000)
        #expect(abs(recorder.mean - 0.5005) < 1e-12)
        #expect(abs(recorder.percentile(50) - 0.5) <= 0.5 * 1e-3)
        #expect(abs(recorder.percentile(99) - 0.99) <= 0.99 * 1e-3)
        #expect(abs(recorder.percentile(100) - 1) <= 1e-3)
        recorder.reset()
        #expect(recorder.count == 0)
        #expect(recorder.mean.isNaN)
        #expect(recorder.lifetimeCount == 1_000)
    }

    @Test func latencyRecorderClampsBeyondItsRange() {
        var recorder = LatencyRecorder()
        recorder.record(.seconds(200_000))
        #expect(recorder.clamped == 1)
        #expect(recorder.mean == 200_000)
        var plain = LatencyRecorder(percentiles: false)
        plain.record(.seconds(1))
        #expect(plain.percentile(50).isNaN)
        #expect(plain.mean == 1)
    }

    @Test func mergingPoolsCountsAndPercentiles() {
        var a = LatencyRecorder(), b = LatencyRecorder()
        for ms in 1...500 { a.record(.milliseconds(Int64(ms))) }
        for ms in 501...1_000 { b.record(.milliseconds(Int64(ms))) }
        a.merge(b)
        #expect(a.count == 1_000)
        #expect(abs(a.percentile(90) - 0.9) <= 0.9e-3)
    }

    @Test func confidenceIntervalUsesStudentT() {
        let interval = ConfidenceInterval([1, 2, 3, 4, 5])
        #expect(interval.mean == 3)
        #expect(abs(interval.standardDeviation - 1.5811388300841898) < 1e-12)
        // t(0.975, 4) = 2.7764451051977987
        #expect(abs(interval.halfWidth - 2.7764451051977987 * 1.5811388300841898 / 5.0.squareRoot()) < 1e-12)
        #expect(interval.minimum == 1 && interval.maximum == 5)
        #expect(interval.contains(3) && !interval.contains(6))
        let single = ConfidenceInterval([7])
        #expect(single.mean == 7 && single.halfWidth.isNaN)
        let undefined = ConfidenceInterval([.nan, 2, .nan, 4])
        #expect(undefined.count == 2 && undefined.mean == 3)
    }
}
