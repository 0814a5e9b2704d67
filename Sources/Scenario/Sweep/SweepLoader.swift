/// Reads a scenario with its grid (`sweep:` and `--grid`) and expands it into points, each
/// validated like a run of the scenario with `--set`; an invalid value is reported at the
/// place it was written, naming the point.
public enum SweepLoader {
    /// Most points a grid may have: beyond this, a typo in a list is likelier than a study.
    public static let maximumPoints = 100_000

    public static func load(file path: String, overrides: [String] = [], grid: [String] = [], replications: Int? = nil) throws(Diagnostic) -> Sweep {
        try parse(try ScenarioLoader.text(ofFile: path), file: path, overrides: overrides, grid: grid, replications: replications)
    }

    /// `replications` (from the command line) overrides `sweep.replications`, which overrides
    /// the scenario's.
    public static func parse(_ text: String, file: String, overrides: [String] = [], grid: [String] = [], replications: Int? = nil) throws(Diagnostic) -> Sweep {
        let document = try Overrides.apply(overrides, to: try YAMLNode.parse(text, file: file))
        var scenario = try ScenarioLoader.read(document, text: text, file: file, overrides: overrides)
        var parameters = scenario.sweep?.parameters ?? []
        for (index, option) in grid.enumerated() {
            // A path already in the grid keeps its place; its values are replaced.
            let parameter = try GridOption.parse(option, number: index + 1)
            if let existing = parameters.firstIndex(where: { $0.path == parameter.path }) {
                parameters[existing] = parameter
            } else {
                parameters.append(parameter)
            }
        }
        guard !parameters.isEmpty else {
            throw Diagnostic.error(
                at: SourceLocation(file: file, line: 1, column: 1),
                "nothing to sweep: give the scenario a 'sweep:' section with 'parameters', or use --grid PATH=V1,V2,...")
        }
        try checkOverlaps(parameters)
        try checkOverrides(overrides, against: parameters)
        let counts = parameters.map(\.values.count)
        var pointCount = 1
        for count in counts {
            let (product, overflow) = pointCount.multipliedReportingOverflow(by: count)
            guard !overflow, product <= maximumPoints else {
                throw Diagnostic.error(at: parameters[0].location, "the grid has more than \(maximumPoints) points")
            }
            pointCount = product
        }
        scenario.replications = replications ?? scenario.sweep?.replications ?? scenario.replications
        var sweep = Sweep(
            scenario: scenario, parameters: parameters, metrics: scenario.sweep?.metrics ?? [],
            replications: scenario.replications, points: [])
        sweep.points.reserveCapacity(pointCount)
        for index in 0..<pointCount {
            var choices = Array(repeating: 0, count: counts.count)
            var rest = index
            for position in counts.indices.reversed() {
                choices[position] = rest % counts[position]
                rest /= counts[position]
            }
            sweep.points.append(SweepPoint(index: index, choices: choices, scenario: scenario))
            var pointDocument = document
            do {
                for (parameter, choice) in zip(parameters, choices) {
                    try Overrides.set(parameter.values[choice].node, at: parameter.keys, in: &pointDocument, location: parameter.location)
                }
                var point = try ScenarioLoader.read(pointDocument, text: text, file: file, overrides: overrides)
                point.replications = sweep.replications
                point.sweep = nil
                sweep.points[index].scenario = point
            } catch {
                throw Diagnostic(error.severity, at: error.location, "\(error.message) (sweep point \(index): \(sweep.assignments(of: index)))")
            }
        }
        return sweep
    }

    /// A parameter inside another would be set twice, the outer value hiding part of the inner.
    private static func checkOverlaps(_ parameters: [SweepParameter]) throws(Diagnostic) {
        for inner in parameters {
            for outer in parameters where outer.keys.count < inner.keys.count && Array(inner.keys.prefix(outer.keys.count)) == outer.keys {
                throw Diagnostic.error(at: inner.location, "parameter '\(inner.path)' lies inside '\(outer.path)', which is swept too")
            }
        }
    }

    /// A `--set` of a swept path would be silently replaced at every point.
    private static func checkOverrides(_ overrides: [String], against parameters: [SweepParameter]) throws(Diagnostic) {
        for (index, override) in overrides.enumerated() {
            let path = override.prefix { $0 != "=" }
            if parameters.contains(where: { $0.path == path }) {
                throw Diagnostic.error(
                    at: SourceLocation(file: "--set", line: index + 1, column: 1),
                    "'\(path)' is swept; give its values to the grid instead of --set")
            }
        }
    }
}
