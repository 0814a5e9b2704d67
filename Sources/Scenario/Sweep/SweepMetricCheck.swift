import SimKernel
import Tenancy

extension Sweep {
    /// Fails, before anything runs, on a metric to chart that no point reports, at the place
    /// it was named. A model's metric names follow from its structure, so building a point's
    /// model (without running it) tells them; points are built only until every metric is found.
    /// A noisy-neighbour rank (`tenants.top_*`) names a different tenant in every run, so it
    /// is refused too.
    public func checkMetrics() throws(Diagnostic) {
        if let metric = metrics.first(where: { TenantOutcomes.isNeighbourList($0.key.component) }) {
            throw Diagnostic.error(
                at: metric.location,
                "'\(metric.key)' is a rank of a noisy-neighbour list, a different tenant in every run: it cannot be charted across points "
                    + "(each run's tenants.csv lists them)")
        }
        var missing = metrics
        var reported: [MetricKey] = []
        for point in points where !missing.isEmpty {
            let keys = Sweep.metricKeys(of: point.scenario).filter { !TenantOutcomes.isNeighbourList($0.component) }
            missing.removeAll { keys.contains($0.key) }
            for key in keys where !reported.contains(key) { reported.append(key) }
        }
        guard let metric = missing.first else { return }
        var message = "no point of the sweep reports metric '\(metric.key)'"
        let texts = reported.map(\.description)
        if let suggestion = MappingReader.closest(to: metric.key.description, among: texts) {
            message += "; did you mean '\(suggestion)'?"
        } else {
            let sameComponent = reported.filter { $0.component == metric.key.component }
            if sameComponent.isEmpty {
                var components: [String] = []
                for key in reported where !components.contains(key.component) { components.append(key.component) }
                message += " (components: \(components.joined(separator: ", ")))"
            } else {
                message += " ('\(metric.key.component)' reports \(sameComponent.map { "\($0.metric) (\($0.unit))" }.joined(separator: ", ")))"
            }
        }
        throw Diagnostic.error(at: metric.location, message)
    }

    /// The metrics a scenario's model reports, in order.
    static func metricKeys(of scenario: Scenario) -> [MetricKey] {
        let simulation = Simulation(seed: scenario.seed, generator: scenario.generator)
        ModelAssembly.build(scenario, in: simulation)
        return simulation.report().keys
    }
}
