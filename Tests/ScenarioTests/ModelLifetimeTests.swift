import Foundation
@testable import Scenario
import SimKernel
import Testing

/// The simulation owns its components; references between components must not form cycles,
/// or every replication's model would outlive it (a sweep of many replications would grow
/// without bound).
@Suite struct ModelLifetimeTests {
    final class Probe {
        weak var component: Component?
        let name: String

        init(_ component: Component) {
            self.component = component
            name = String(describing: type(of: component))
        }
    }

    /// Every shipped scenario, found at test time so that new ones are covered.
    static let scenarios: [String] = {
        let root = packageRoot.appendingPathComponent("scenarios")
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test(arguments: scenarios)
    func everyComponentIsFreedWithItsSimulation(_ file: String) throws {
        let path = packageRoot.appendingPathComponent("scenarios/\(file)").path
        let scenario = try ScenarioLoader.load(file: path)
        var probes: [Probe] = []
        do {
            let simulation = Simulation(seed: 1, generator: scenario.generator)
            ModelAssembly.build(scenario, in: simulation)
            // The whole model is built; two simulated seconds exercise it.
            simulation.run(until: min(scenario.duration, .seconds(2)))
            probes = (0..<simulation.componentCount).map { Probe(simulation.component(at: $0)) }
        }
        let alive = probes.filter { $0.component != nil }.map(\.name)
        #expect(alive.isEmpty, "components outlived their simulation: \(Set(alive).sorted())")
    }
}
