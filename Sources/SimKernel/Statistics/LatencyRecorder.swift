import Histogram

/// Durations (waits, latencies) with their exact mean and, optionally, their percentiles from
/// an HdrHistogram at three significant digits.
///
/// Values are recorded in nanoseconds; the histogram resolves 1 µs and tracks up to about
/// 28 hours (larger values are clamped to that ceiling and counted in `clamped`), in about
/// 150 KB, which is why many small stations may go without one. The mean comes from an exact
/// running sum, not from the histogram's buckets. Lifetime totals are never reset, so
/// fixed-interval samples can difference them.
public struct LatencyRecorder: Sendable {
    public static let lowestDiscernible: UInt64 = 1_000
    public static let highestTrackable: UInt64 = 100_000_000_000_000

    private var histogram: Histogram<UInt64>?
    /// Whether `histogram` is there, kept apart because testing the optional copies the histogram.
    public let measuresPercentiles: Bool
    public private(set) var count: UInt64 = 0
    /// Sum of recorded values since the last reset, in seconds.
    public private(set) var sum: Double = 0
    /// Values above the trackable ceiling, recorded as the ceiling.
    public private(set) var clamped: UInt64 = 0
    public private(set) var lifetimeCount: UInt64 = 0
    public private(set) var lifetimeSum: Double = 0

    public init(percentiles: Bool = true) {
        measuresPercentiles = percentiles
        guard percentiles else { return }
        histogram = Histogram(
            lowestDiscernibleValue: LatencyRecorder.lowestDiscernible,
            highestTrackableValue: LatencyRecorder.highestTrackable,
            numberOfSignificantValueDigits: .three)
    }

    public mutating func record(_ duration: SimTime) {
        precondition(duration.nanoseconds >= 0, "a negative duration cannot be recorded")
        let seconds = duration.seconds
        count &+= 1
        sum += seconds
        lifetimeCount &+= 1
        lifetimeSum += seconds
        guard measuresPercentiles else { return }
        var value = UInt64(duration.nanoseconds)
        if value > LatencyRecorder.highestTrackable {
            value = LatencyRecorder.highestTrackable
            clamped &+= 1
        }
        histogram!.record(value)
    }

    public mutating func reset() {
        histogram?.reset()
        count = 0
        sum = 0
        clamped = 0
    }

    /// Mean in seconds; NaN when nothing was recorded.
    public var mean: Double { count > 0 ? sum / Double(count) : .nan }

    /// The value at `percentile` (0-100) in seconds; NaN when nothing was recorded or
    /// percentiles are not measured.
    public func percentile(_ percentile: Double) -> Double {
        guard count > 0, let histogram else { return .nan }
        return SimTime(nanoseconds: Int64(histogram.valueAtPercentile(percentile))).seconds
    }

    /// Adds another recorder's values, as when pooling replications.
    public mutating func merge(_ other: LatencyRecorder) {
        if let theirs = other.histogram { histogram?.add(theirs) }
        count &+= other.count
        sum += other.sum
        clamped &+= other.clamped
        lifetimeCount &+= other.lifetimeCount
        lifetimeSum += other.lifetimeSum
    }
}
