import Infra
import SimKernel

/// Builds a scenario's fleets inside one replication's simulation: the Salt master, Packer,
/// each fleet over its service's instances, their deployments and faults. Call it after the
/// services' instances exist and before anything reads their host sets (the edge).
public enum FleetAssembly {
    /// `services` lists every service's instances, in the scenario's order; `others` the
    /// members of fleets that run no service (the provisioning workers), by the name their
    /// fleet's `service` gives. Returns the fleets, in the configuration's order.
    @discardableResult
    public static func build(
        _ configuration: FleetsConfiguration, services: [(name: String, instances: [ServiceInstance])],
        others: [(name: String, members: [any FleetMember])] = [], in simulation: Simulation
    ) -> [Fleet] {
        let salt = SaltMaster(configuration.salt, streams: simulation.streams)
        let packer = PackerPipeline(configuration.packer, images: configuration.images, streams: simulation.streams)
        if !configuration.fleets.isEmpty {
            simulation.register(salt)
            simulation.register(packer)
            packer.start(in: simulation)
        }
        var fleets: [Fleet] = []
        var statistics: [FleetStatistics] = []
        for (index, fleetConfiguration) in configuration.fleets.enumerated() {
            let members =
                services.first { $0.name == fleetConfiguration.service }.map { $0.instances.map { $0 as any FleetMember } }
                ?? others.first { $0.name == fleetConfiguration.service }?.members
            guard let members else {
                preconditionFailure("fleet '\(fleetConfiguration.name)' names unknown service '\(fleetConfiguration.service)'")
            }
            let fleetStatistics = FleetStatistics(name: fleetConfiguration.name, instanceType: fleetConfiguration.instanceType)
            simulation.register(fleetStatistics)
            let fleet = Fleet(
                fleetConfiguration, instances: members, deployments: configuration.deployments.filter { $0.fleet == index },
                defects: configuration.defects, salt: salt, packer: packer, statistics: fleetStatistics, streams: simulation.streams)
            simulation.register(fleet)
            packer.addListener(fleet)
            fleet.start(in: simulation)
            fleets.append(fleet)
            statistics.append(fleetStatistics)
        }
        if !fleets.isEmpty { simulation.register(FleetsSummary(fleets: statistics)) }
        let fleetServices = configuration.fleets.map(\.service)
        for outage in configuration.zoneOutages {
            var plain: [ServiceInstance] = []
            for service in services where !fleetServices.contains(service.name) {
                plain += service.instances.filter { $0.zone == Zone(outage.zone) }
            }
            let fault = ZoneOutage(outage, fleets: fleets, instances: plain)
            simulation.register(fault)
            fault.schedule(in: simulation)
        }
        for (index, defect) in configuration.defects.enumerated() {
            let fault = ReleaseDefectFault(defect, index: index, fleets: fleets)
            simulation.register(fault)
            fault.schedule(in: simulation)
        }
        return fleets
    }
}
