import EdgeProxy
import Infra
import Provisioning
import Sidecar
import SimKernel

/// Builds the components a scenario describes inside one replication's simulation.
enum ModelAssembly {
    static func build(_ scenario: Scenario, in simulation: Simulation) {
        if let network = scenario.network {
            _ = QueueingNetwork(network, in: simulation)
        }
        if let platform = scenario.platform {
            build(platform, scenario: scenario, in: simulation)
        }
        if let provisioning = scenario.provisioning {
            _ = ProvisioningSystem(provisioning, duration: scenario.duration, in: simulation)
        }
    }

    private static func build(_ platform: Platform, scenario: Scenario, in simulation: Simulation) {
        var instancesByService: [String: [ServiceInstance]] = [:]
        for service in platform.services {
            let statistics = ServiceStatistics(name: service.name)
            simulation.register(statistics)
            var instances: [ServiceInstance] = []
            for index in 0..<service.instances {
                var configuration = service.instance
                if index < service.slowInstances {
                    configuration.speed = service.slowSpeed
                    configuration.weight = service.slowWeight
                }
                let zone = Zone(service.zones[index % service.zones.count])
                let instance = ServiceInstance(
                    service: statistics, index: index, zone: zone, configuration: configuration,
                    network: platform.network, streams: simulation.streams)
                simulation.register(instance)
                statistics.add(instance)
                instances.append(instance)
            }
            instancesByService[service.name] = instances
        }
        if let edgeConfiguration = platform.edge, let traffic = platform.traffic {
            // Validated when the scenario was read.
            let requests = RequestContexts()
            let edge = try! Edge(edgeConfiguration, traffic: traffic, services: instancesByService, requests: requests, in: simulation)
            if let sidecar = platform.sidecar {
                // Validated when the scenario was read.
                try! SidecarDeployment.install(
                    sidecar, services: instancesByService, proxies: edge.proxyHosts, requests: requests, tenants: traffic.tenants,
                    network: platform.network,
                    in: simulation)
            }
            let clients = ClientTraffic(traffic, edge: edge, requests: requests, streams: simulation.streams)
            simulation.register(clients)
            clients.start(in: simulation)
        }
        if let edgeConfiguration = platform.edge, let tenants = platform.tenants, let workload = platform.workload {
            TenancyAssembly.build(
                tenants: tenants, workload: workload, edge: edgeConfiguration, platform: platform, services: instancesByService,
                scenario: scenario, in: simulation)
        }
        for outage in platform.outages {
            let instances = outage.instances.map { instancesByService[outage.service]![$0] }
            let fault = InstanceOutage(instances: instances, at: outage.at, for: outage.duration)
            simulation.register(fault)
            fault.schedule(in: simulation)
        }
    }
}
