import Scenario
import SimKernel

/// One series across replications at each sample time: the mean of the replications and
/// their range (the band). NaN where no replication has a value.
struct SeriesBand: Equatable {
    var times: [Double]
    var mean: [Double]
    var low: [Double]
    var high: [Double]

    var count: Int { times.count }

    /// True when some defined value is not zero.
    var hasNonZero: Bool {
        mean.contains { !$0.isNaN && $0 != 0 } || high.contains { !$0.isNaN && $0 != 0 }
    }
}

/// What a report reads: the scenario, each replication's results and the summary, with
/// lookups by metric key. Lookups use dictionaries; anything that is listed follows the
/// order in which the simulation reported its metrics, so the page never depends on hashing.
struct ReportData {
    let scenario: Scenario
    let results: [ReplicationResult]
    let summary: RunSummary
    /// Series keys in the order of the first replication.
    let seriesKeys: [MetricKey]
    /// Every metric key, summary rows first, then series-only keys, each once, in order.
    let allKeys: [MetricKey]
    private let rowIndex: [MetricKey: Int]
    private let seriesIndex: [[MetricKey: Int]]

    init(scenario: Scenario, results: [ReplicationResult], summary: RunSummary) {
        self.scenario = scenario
        self.results = results
        self.summary = summary
        var rows: [MetricKey: Int] = [:]
        for (index, row) in summary.rows.enumerated() where rows[row.key] == nil {
            rows[row.key] = index
        }
        rowIndex = rows
        seriesKeys = results.first?.series.keys ?? []
        seriesIndex = results.map { result in
            var index: [MetricKey: Int] = [:]
            for (position, key) in result.series.keys.enumerated() where index[key] == nil {
                index[key] = position
            }
            return index
        }
        var seen = Set<MetricKey>()
        var keys: [MetricKey] = []
        for key in summary.rows.map(\.key) + seriesKeys where seen.insert(key).inserted {
            keys.append(key)
        }
        allKeys = keys
    }

    var replicationCount: Int { results.count }

    // MARK: - Summary

    func interval(_ key: MetricKey) -> ConfidenceInterval? {
        rowIndex[key].map { summary.rows[$0].interval }
    }

    func interval(_ component: String, _ metric: String, _ unit: String) -> ConfidenceInterval? {
        interval(MetricKey(component, metric, unit))
    }

    func has(_ key: MetricKey) -> Bool { rowIndex[key] != nil }

    /// Components that start with `prefix` and report `metric` (in the summary or as a
    /// series), in the order they were reported.
    func components(prefix: String, having metric: String) -> [String] {
        var seen = Set<String>()
        var names: [String] = []
        for key in allKeys where key.metric == metric && key.component.hasPrefix(prefix) && key.component.count > prefix.count {
            if seen.insert(key.component).inserted { names.append(key.component) }
        }
        return names
    }

    // MARK: - Series

    func hasSeries(_ key: MetricKey) -> Bool {
        seriesIndex.first?[key] != nil
    }

    /// Series keys matching a predicate, in order.
    func seriesKeys(where predicate: (MetricKey) -> Bool) -> [MetricKey] {
        seriesKeys.filter(predicate)
    }

    /// The series across replications, or nil when no replication has it. Sample times come
    /// from the first replication; a replication with fewer samples contributes what it has.
    /// With more than `limit` samples, consecutive samples are first averaged within each
    /// replication (as a longer sample interval would), so the band stays the spread between
    /// replications rather than the noise within a bucket.
    func band(_ key: MetricKey, limit: Int = .max) -> SeriesBand? {
        guard let first = results.first, seriesIndex[0][key] != nil else { return nil }
        let times = first.series.times.map(\.seconds)
        let size = limit > 0 && times.count > limit ? (times.count + limit - 1) / limit : 1
        var band = SeriesBand(times: [], mean: [], low: [], high: [])
        var start = 0
        while start < times.count {
            let end = min(start + size, times.count)
            var sum = 0.0
            var count = 0
            var lowest = Double.nan
            var highest = Double.nan
            for (replication, result) in results.enumerated() {
                guard let position = seriesIndex[replication][key] else { continue }
                // This replication's mean over the bucket.
                var bucketSum = 0.0
                var bucketCount = 0
                for sample in start..<min(end, result.series.sampleCount) {
                    let value = result.series.value(sample: sample, series: position)
                    guard !value.isNaN else { continue }
                    bucketSum += value
                    bucketCount += 1
                }
                guard bucketCount > 0 else { continue }
                let value = bucketSum / Double(bucketCount)
                sum += value
                count += 1
                lowest = lowest.isNaN ? value : min(lowest, value)
                highest = highest.isNaN ? value : max(highest, value)
            }
            band.times.append(times[end - 1])
            band.mean.append(count > 0 ? sum / Double(count) : .nan)
            band.low.append(lowest)
            band.high.append(highest)
            start = end
        }
        return band
    }

    /// The end of the simulated span in seconds (the x axis of time charts).
    var durationSeconds: Double {
        let last = results.first?.series.times.last?.seconds ?? 0
        return max(scenario.duration.seconds, last)
    }
}
