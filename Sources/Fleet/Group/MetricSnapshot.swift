/// An instance's lifetime totals at the last look, so that a period's values are differences.
struct MetricSnapshot {
    var busy = 0.0
    var inService = 0.0
    var served: UInt64 = 0
    var errors: UInt64 = 0
}
