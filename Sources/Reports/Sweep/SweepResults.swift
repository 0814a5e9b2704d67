import Scenario
import SimKernel

/// A sweep's results as its files present them: the record, the items it holds in item
/// order, and for each point with items its metrics across those items' replications.
/// Whether the items come from one run or from merged shards, equal inputs give equal files.
public struct SweepResults: Sendable {
    public struct PointSummary: Sendable {
        public var point: Int
        public var rows: [RunSummary.Row]
    }

    public let record: SweepRecord
    public let items: [SweepItemResult]
    public let points: [PointSummary]
    /// The position in `points` of each point of the grid that has items.
    private let summaryIndex: [Int?]

    /// The items of a point report the same metrics in the same order (the model's
    /// structure fixes them); `SweepMerge` checks it of files it reads. The noisy-neighbour
    /// lists are dropped from the items: their tenant ids neither average over replications
    /// nor compare across points (see `TenantsCSV`).
    public init(record: SweepRecord, items: [SweepItemResult]) {
        self.record = record
        let items = items.map { item in
            var measured = item
            measured.metrics = TenantsCSV.withoutNeighbours(item.metrics)
            return measured
        }
        self.items = items
        var points: [PointSummary] = []
        var start = 0
        while start < items.count {
            let point = items[start].point
            var end = start
            while end < items.count, items[end].point == point { end += 1 }
            let group = items[start..<end]
            let keys = group.first!.metrics.keys
            precondition(group.allSatisfy { $0.metrics.keys == keys }, "replications of a point reported different metrics")
            let rows = keys.enumerated().map { index, key in
                RunSummary.Row(key: key, interval: ConfidenceInterval(group.map { $0.metrics.values[index] }))
            }
            points.append(PointSummary(point: point, rows: rows))
            start = end
        }
        self.points = points
        var summaryIndex = [Int?](repeating: nil, count: record.points.count)
        for (position, summary) in points.enumerated() { summaryIndex[summary.point] = position }
        self.summaryIndex = summaryIndex
    }

    /// The interval of `key` at `point`, if the point has items and reports the metric.
    func interval(_ key: MetricKey, at point: Int) -> ConfidenceInterval? {
        guard let position = summaryIndex[point] else { return nil }
        return points[position].rows.first { $0.key == key }?.interval
    }
}
