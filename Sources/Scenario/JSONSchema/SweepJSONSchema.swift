/// `sweep:` as Sweep/SweepSchema.swift reads it: the grid `rehearse sweep` runs and the
/// metrics it charts. Whether a path names a value of the scenario is known only when the
/// points are built, so the schema checks the paths' shape.
enum SweepJSONSchema {
    /// `Overrides.keys`: names separated by single dots, the first not one of the keys every
    /// point shares (`SweepSchema.fixedKeys`).
    static let parameterPattern = "^(?!(" + SweepSchema.fixedKeys.joined(separator: "|") + #")(\.|$))[^.]+(\.[^.]+)*$"#
    /// `component,metric,unit` without spaces, as in summary.csv.
    static let metricPattern = #"^[^,\s]+,[^,\s]+,[^,\s]+$"#

    static let properties: [JSONSchema.Property] = [
        .optional(
            "sweep", .ref("sweep"),
            "The grid of parameter values 'rehearse sweep' runs the scenario at, and the metrics it charts ('rehearse run' ignores it)."),
    ]

    static let definitions: [String: JSONSchema] = [
        "sweep": JSONSchema.object([
            .optional(
                "parameters",
                .map(
                    names: JSONSchema.string(pattern: parameterPattern)
                        .described("A dotted path, as for --set; \(SweepSchema.fixedKeys.joined(separator: ", ")) cannot be swept."),
                    values: .array(
                        of: JSONSchema([:]).described("A value, YAML as for --set: a number, a duration, a name, or a whole mapping."),
                        minItems: 1),
                    minProperties: 1),
                "Dotted paths (as for --set) to the values each takes, each value once; the first parameter varies slowest. "
                    + "--grid adds or replaces parameters."),
            .optional(
                "metrics", .array(of: .string(pattern: metricPattern), unique: true),
                "Metrics to chart against each parameter, as 'component,metric,unit' (edge,latency_p99,ms); sweep.csv has every metric."),
            .optional(
                "replications", .integer(1...Scenario.maximumReplications),
                "Replications of every point, with the same seeds at every point. Default: the scenario's 'replications'."),
        ]).described("A sweep: the scenario at every point of a grid, with common random numbers across points.")
            .examples([["parameters": ["services.web.instances": [4, 8, 12], "traffic.rate": [1000, 2000]], "metrics": ["edge,latency_p99,ms"]]]),
    ]
}
