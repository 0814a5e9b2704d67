import SimKernel

/// What one replication of one point produced: its metrics and the fingerprint of its full
/// results (time series included, which a sweep does not keep).
public struct SweepItemResult: Sendable, Equatable {
    public var point: Int
    public var replication: Int
    public var seed: UInt64
    public var events: UInt64
    public var digest: UInt64
    public var metrics: MetricTable

    public init(point: Int, replication: Int, seed: UInt64, events: UInt64, digest: UInt64, metrics: MetricTable) {
        self.point = point
        self.replication = replication
        self.seed = seed
        self.events = events
        self.digest = digest
        self.metrics = metrics
    }
}
