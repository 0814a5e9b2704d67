import SimKernel

/// Builds the components a scenario describes inside one replication's simulation.
enum ModelAssembly {
    static func build(_ scenario: Scenario, in simulation: Simulation) {
        _ = QueueingNetwork(scenario.network, in: simulation)
    }
}
