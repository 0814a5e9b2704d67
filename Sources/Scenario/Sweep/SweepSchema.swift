import SimKernel

/// Reads `sweep:`:
///
///     sweep:
///       parameters:                      # dotted paths, as for --set; first one varies slowest
///         services.web.instances: [4, 8, 12]
///         traffic.rate: [2000, 4000]
///       metrics: [ "edge,latency_p99,ms" ]   # component,metric,unit: charted against each parameter
///       replications: 5                  # optional; default: the scenario's
enum SweepSchema {
    /// Top-level keys no point may change: every point belongs to one scenario and runs with
    /// its seed and replications (common random numbers across points).
    static let fixedKeys = ["name", "seed", "replications", "sweep"]

    static func read(_ node: YAMLNode) throws(Diagnostic) -> SweepDefinition {
        var reader = try MappingReader(node, context: "'sweep'")
        var parameters: [SweepParameter] = []
        if let parametersNode = reader.optional("parameters") {
            var entries = try MappingReader(parametersNode, context: "'sweep.parameters'")
            for entry in entries.allEntries() {
                guard case .sequence(let items) = entry.value.content else {
                    throw Diagnostic.error(
                        at: entry.value.location, "parameter '\(entry.key)' takes a list of values, found \(entry.value.kindDescription)")
                }
                parameters.append(try parameter(entry.key, at: entry.keyLocation, values: items, listLocation: entry.value.location))
            }
            guard !parameters.isEmpty else {
                throw Diagnostic.error(at: parametersNode.location, "'sweep.parameters' needs at least one parameter")
            }
        }
        var metrics: [SweepMetric] = []
        if let metricsNode = reader.optional("metrics") {
            guard case .sequence(let items) = metricsNode.content else {
                throw Diagnostic.error(at: metricsNode.location, "'sweep.metrics' must be a list of 'component,metric,unit', found \(metricsNode.kindDescription)")
            }
            for item in items {
                let metric = try self.metric(item)
                if metrics.contains(where: { $0.key == metric.key }) {
                    throw Diagnostic.error(at: item.location, "metric '\(metric.key)' is listed twice in 'sweep.metrics'")
                }
                metrics.append(metric)
            }
        }
        let replications = try reader.optional("replications")?.integer("'sweep.replications'", in: 1...Scenario.maximumReplications)
        try reader.finish()
        return SweepDefinition(parameters: parameters, metrics: metrics, replications: replications)
    }

    /// A parameter from its path and values, wherever they were written (the file or `--grid`).
    static func parameter(_ path: String, at location: SourceLocation, values: [YAMLNode], listLocation: SourceLocation) throws(Diagnostic) -> SweepParameter {
        guard let keys = Overrides.keys(of: path[...]) else {
            throw Diagnostic.error(at: location, "malformed parameter path '\(path)': names separated by single dots, as for --set")
        }
        if fixedKeys.contains(keys[0]) {
            throw Diagnostic.error(
                at: location,
                "'\(path)' cannot be swept: every point runs with the scenario's name, seed and replications (common random numbers across points)")
        }
        guard !values.isEmpty else {
            throw Diagnostic.error(at: listLocation, "parameter '\(path)' needs at least one value")
        }
        var swept: [SweepValue] = []
        for node in values {
            let value = SweepValue(node)
            if swept.contains(where: { $0.text == value.text }) {
                throw Diagnostic.error(at: node.location, "value \(value.text) of parameter '\(path)' is listed twice")
            }
            swept.append(value)
        }
        return SweepParameter(path: path, keys: keys, location: location, values: swept)
    }

    private static func metric(_ node: YAMLNode) throws(Diagnostic) -> SweepMetric {
        let text = try node.text("a metric of 'sweep.metrics'")
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let wellFormed = parts.count == 3 && parts.allSatisfy { part in
            !part.isEmpty && part.unicodeScalars.allSatisfy { !$0.properties.isWhitespace }
        }
        guard wellFormed else {
            throw Diagnostic.error(
                at: node.location, "a metric is 'component,metric,unit' without spaces, as in summary.csv (e.g. 'edge,latency_p99,ms'); found '\(text)'")
        }
        return SweepMetric(key: MetricKey(parts[0], parts[1], parts[2]), location: node.location)
    }
}
