import Reports
import SimKernel
import Testing

/// The summary's statistics against the textbook formulas, computed here.
@Suite struct RunSummaryTests {
    static let t975OneDegree = 12.706204736174707

    @Test func meanAndStudentIntervalOfTwoObservations() throws {
        let summary = RunSummary(Fixtures.results)
        #expect(summary.rows.map(\.key) == Fixtures.first.metrics.keys)
        for (index, key) in Fixtures.first.metrics.keys.enumerated().prefix(3) {
            let a = Fixtures.first.metrics.values[index]
            let b = Fixtures.second.metrics.values[index]
            let mean = (a + b) / 2
            let stddev = abs(a - b) / 2.0.squareRoot()  // sqrt(((a-m)^2 + (b-m)^2) / 1)
            let half = Self.t975OneDegree * stddev / 2.0.squareRoot()
            let row = try #require(summary.row(key.component, key.metric, key.unit))
            #expect(row.interval.count == 2)
            #expect(row.interval.mean == mean)
            #expect(close(row.interval.standardDeviation, stddev))
            #expect(close(row.interval.halfWidth, half))
            #expect(close(row.interval.lower, mean - half))
            #expect(close(row.interval.upper, mean + half))
            #expect(row.interval.minimum == min(a, b))
            #expect(row.interval.maximum == max(a, b))
        }
    }

    @Test func nanObservationsAreLeftOut() throws {
        let summary = RunSummary(Fixtures.results)
        let one = try #require(summary.row("network", "response_p99", "s"))
        #expect(one.interval.count == 1)
        #expect(one.interval.mean == 2.5)
        #expect(one.interval.halfWidth.isNaN)
        #expect(one.interval.standardDeviation.isNaN)
        #expect(one.interval.minimum == 2.5 && one.interval.maximum == 2.5)
        let none = try #require(summary.row("network", "blocked", "ratio"))
        #expect(none.interval.count == 0)
        #expect(none.interval.mean.isNaN && none.interval.minimum.isNaN && none.interval.maximum.isNaN)
    }

    @Test func noReplicationsNoRows() {
        #expect(RunSummary([]).rows.isEmpty)
        #expect(RunSummary([]).row("station.server", "wait_mean", "s") == nil)
    }

    private func close(_ x: Double, _ y: Double) -> Bool {
        abs(x - y) <= 1e-12 * max(1, abs(y))
    }
}
