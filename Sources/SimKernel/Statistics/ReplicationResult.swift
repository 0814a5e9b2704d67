/// Everything one replication measured, plus what identifies it.
public struct ReplicationResult: Sendable, Equatable {
    public var replication: Int
    public var seed: UInt64
    /// Events dispatched during the replication (warm-up included).
    public var events: UInt64
    public var metrics: MetricTable
    public var series: TimeSeries

    public init(replication: Int, seed: UInt64, events: UInt64, metrics: MetricTable, series: TimeSeries) {
        self.replication = replication
        self.seed = seed
        self.events = events
        self.metrics = metrics
        self.series = series
    }

    /// A stable 64-bit fingerprint of the results: XXH64 over the metric names, the exact bit
    /// patterns of their values, the sample times and the series values. Equal digests mean
    /// equal results, on any machine.
    public var digest: UInt64 {
        var bytes: [UInt8] = []
        func append(_ value: UInt64) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        func append(_ text: String) {
            bytes.append(contentsOf: text.utf8)
            bytes.append(0)
        }
        append(events)
        for (key, value) in zip(metrics.keys, metrics.values) {
            append(key.description)
            append(value.bitPattern)
        }
        for key in series.keys { append(key.description) }
        for time in series.times { append(UInt64(bitPattern: time.nanoseconds)) }
        for value in series.values { append(value.bitPattern) }
        return XXHash64.hash(bytes)
    }
}
