/// A metric's identity, as it appears in every CSV: `component,metric,unit`, for example
/// `station.web,wait_mean,s` or `edge,latency_p99,ms`.
public struct MetricKey: Hashable, Sendable, CustomStringConvertible {
    public var component: String
    public var metric: String
    public var unit: String

    public init(_ component: String, _ metric: String, _ unit: String) {
        self.component = component
        self.metric = metric
        self.unit = unit
    }

    public var description: String { "\(component),\(metric),\(unit)" }
}

/// Named values in the order they were added. Order is part of the output contract, so it
/// is an array, never a dictionary.
public struct MetricTable: Sendable, Equatable {
    public private(set) var keys: [MetricKey] = []
    public private(set) var values: [Double] = []

    public init() {}

    public mutating func append(_ key: MetricKey, _ value: Double) {
        keys.append(key)
        values.append(value)
    }

    public mutating func append(_ component: String, _ metric: String, _ unit: String, _ value: Double) {
        append(MetricKey(component, metric, unit), value)
    }

    public var count: Int { keys.count }

    public func value(_ key: MetricKey) -> Double? {
        keys.firstIndex(of: key).map { values[$0] }
    }

    public func value(_ component: String, _ metric: String, _ unit: String) -> Double? {
        value(MetricKey(component, metric, unit))
    }
}

/// Fixed-interval samples of one replication: `values[t * keys.count + k]` is series `k` at
/// `times[t]`, the end of the interval the sample describes.
public struct TimeSeries: Sendable, Equatable {
    public var keys: [MetricKey]
    public var times: [SimTime] = []
    public var values: [Double] = []

    public init(keys: [MetricKey]) {
        self.keys = keys
    }

    public var sampleCount: Int { times.count }

    public func value(sample: Int, series: Int) -> Double {
        values[sample * keys.count + series]
    }
}
