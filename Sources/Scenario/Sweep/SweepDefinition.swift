import SimKernel

/// One value of a swept parameter: the YAML written for it (set into the document as `--set`
/// would) and its text for tables and CSV columns.
public struct SweepValue: Sendable {
    public var node: YAMLNode
    public var text: String

    init(_ node: YAMLNode) {
        self.node = node
        text = node.flowText
    }
}

/// A dotted path of the scenario (the paths of `--set`) and the values it takes.
public struct SweepParameter: Sendable {
    public var path: String
    var keys: [String]
    /// Where the path was written, for the diagnostics of setting it.
    public var location: SourceLocation
    public var values: [SweepValue]
}

/// A metric to chart against the parameters, as `component,metric,unit`.
public struct SweepMetric: Sendable {
    public var key: MetricKey
    public var location: SourceLocation
}

/// The `sweep:` section of a scenario: the grid, the metrics to chart and, optionally, the
/// replications of every point.
public struct SweepDefinition: Sendable {
    public var parameters: [SweepParameter]
    public var metrics: [SweepMetric]
    public var replications: Int?
}
