import Foundation
import Reports
import SimKernel
import Testing

@Suite struct PairedComparisonTests {
    static func result(_ replication: Int, _ values: [(MetricKey, Double)]) -> ReplicationResult {
        var table = MetricTable()
        for (key, value) in values { table.append(key, value) }
        return ReplicationResult(replication: replication, seed: UInt64(100 + replication), events: 1, metrics: table, series: TimeSeries(keys: []))
    }

    static let latency = MetricKey("edge", "latency_p99", "ms")
    static let errors = MetricKey("edge", "errors", "count")

    @Test func aDesignComparedWithItselfDiffersNowhere() {
        let runs = (0..<4).map { Self.result($0, [(Self.latency, 100 + Double($0) * 7), (Self.errors, Double($0 % 2))]) }
        let comparison = PairedComparison(runs, runs)
        #expect(comparison.rows.count == 2)
        #expect(comparison.significant.isEmpty)
        for row in comparison.rows {
            #expect(row.verdict == .unchanged)
            #expect(row.difference.mean == 0 && row.difference.halfWidth == 0)
        }
        #expect(comparison.rows[0].correlation == 1)
    }

    /// Noise far larger than the shift, but shared by both designs: pairing sees through it,
    /// while the two runs' own intervals overlap.
    @Test func sharedNoiseCancelsInThePairs() {
        let noise = [40.0, -35, 12, -60, 55, -8]
        let a = noise.enumerated().map { Self.result($0.offset, [(Self.latency, 200 + $0.element)]) }
        let b = noise.enumerated().map { Self.result($0.offset, [(Self.latency, 195 + $0.element + (($0.offset % 2 == 0) ? 0.5 : -0.5))]) }
        let row = PairedComparison(a, b).rows[0]
        #expect(row.verdict == .lower)
        #expect(row.a.upper > row.b.lower && row.b.upper > row.a.lower, "the unpaired intervals overlap")
        #expect(abs(row.difference.mean - -5) < 1e-12)
        #expect(row.difference.upper < 0)
        #expect(row.correlation > 0.99)
        #expect(abs(row.relativeDifference - -5.0 / row.a.mean) < 1e-12)
    }

    @Test func aConstantShiftIsSignificantWithAZeroWidthInterval() {
        let a = (0..<3).map { Self.result($0, [(Self.errors, Double($0))]) }
        let b = (0..<3).map { Self.result($0, [(Self.errors, Double($0) + 2)]) }
        let row = PairedComparison(a, b).rows[0]
        #expect(row.verdict == .higher)
        #expect(row.difference.halfWidth == 0 && row.difference.mean == 2)
    }

    @Test func anIntervalAcrossZeroIsUnchanged() {
        let a = (0..<4).map { Self.result($0, [(Self.latency, 10)]) }
        let b = [12.0, 7, 11, 9].enumerated().map { Self.result($0.offset, [(Self.latency, $0.element)]) }
        let row = PairedComparison(a, b).rows[0]
        #expect(row.verdict == .unchanged)
        #expect(row.difference.lower < 0 && row.difference.upper > 0)
        #expect(row.correlation.isNaN, "A does not vary")
    }

    @Test func pairsWithAnUndefinedValueAreLeftOut() {
        let a = [1.0, .nan, 3, 4].enumerated().map { Self.result($0.offset, [(Self.latency, $0.element)]) }
        let b = [2.0, 5, .nan, 5].enumerated().map { Self.result($0.offset, [(Self.latency, $0.element)]) }
        let row = PairedComparison(a, b).rows[0]
        #expect(row.difference.count == 2)
        #expect(row.difference.mean == 1)
        #expect(row.verdict == .higher)
        let single = PairedComparison([Self.result(0, [(Self.latency, 1)])], [Self.result(0, [(Self.latency, 2)])])
        #expect(single.rows[0].verdict == .undetermined)
    }

    @Test func metricsOfOneDesignOnlyAreListedApart() {
        let only = MetricKey("sidecar", "requests", "count")
        let a = (0..<2).map { Self.result($0, [(Self.latency, 1), (Self.errors, 0)]) }
        let b = (0..<2).map { Self.result($0, [(only, 5), (Self.latency, 1)]) }
        let comparison = PairedComparison(a, b)
        #expect(comparison.rows.map(\.key) == [Self.latency])
        #expect(comparison.onlyInA == [Self.errors])
        #expect(comparison.onlyInB == [only])
    }

    /// A noisy-neighbour rank names a different tenant in each design: it is neither compared
    /// nor listed as one design's own.
    @Test func noisyNeighbourRanksAreNotCompared() {
        let rank = MetricKey("tenants.top_p99.01", "tenant", "id")
        let tier = MetricKey("tenants.tier.free", "slo_attainment", "ratio")
        let a = (0..<3).map { Self.result($0, [(Self.latency, 10), (rank, 17), (tier, 0.9)]) }
        let b = (0..<3).map { Self.result($0, [(Self.latency, 12), (rank, Double(400 + $0)), (tier, 0.8)]) }
        let comparison = PairedComparison(a, b)
        #expect(comparison.rows.map(\.key) == [Self.latency, tier])
        #expect(comparison.onlyInA.isEmpty && comparison.onlyInB.isEmpty)
        let onlyA = PairedComparison(a, (0..<3).map { Self.result($0, [(Self.latency, 12), (tier, 0.8)]) })
        #expect(onlyA.onlyInA.isEmpty, "a list one design has is not reported as a difference either")
    }
}
