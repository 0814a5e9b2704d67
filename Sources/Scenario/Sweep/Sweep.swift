import SimKernel

/// A scenario's grid, expanded: every point is the scenario with one value of each parameter
/// set as `--set` would set it, validated like a run. Points are the cartesian product in
/// parameter order, the first parameter varying slowest; every point runs the same
/// replications with the same seeds (common random numbers). The work is a list of items,
/// one per point and replication, numbered point-major: item = point * replications + replication.
public struct Sweep: Sendable {
    /// The scenario as read with the `--set` overrides, before any grid value.
    public var scenario: Scenario
    public var parameters: [SweepParameter]
    public var metrics: [SweepMetric]
    public var replications: Int
    public var points: [SweepPoint]

    public var itemCount: Int { points.count * replications }

    public func item(_ number: Int) -> (point: Int, replication: Int) {
        (number / replications, number % replications)
    }

    /// `path=value` of every parameter at `point`, for messages: `traffic.rate=2000, services.web.instances=8`.
    public func assignments(of point: Int) -> String {
        zip(parameters, points[point].choices).map { "\($0.path)=\($0.values[$1].text)" }.joined(separator: ", ")
    }
}

/// One point of the grid.
public struct SweepPoint: Sendable {
    public var index: Int
    /// The index of each parameter's value, in parameter order.
    public var choices: [Int]
    /// The scenario with this point's values, and the sweep's replications.
    public var scenario: Scenario
}
