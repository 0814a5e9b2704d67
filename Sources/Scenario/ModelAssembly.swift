import AWSModels
import EdgeProxy
import Fleet
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
        // Worker processes on a fleet exist before it, which places them; the pool adopts them.
        let workers = scenario.provisioning.flatMap { provisioning in
            provisioning.workers.fleet.map { ($0, ProvisioningWorkers.processes(provisioning.workers, streams: simulation.streams)) }
        }
        let built = scenario.platform.map { build($0, scenario: scenario, workers: workers?.1 ?? [], in: simulation) }
        if var provisioning = scenario.provisioning {
            let tables = built?.tables ?? []
            let shared = provisioning.sharesTable ? tables.first { $0.name == provisioning.table.name } : nil
            // Sign-ups that become tenants take the ids after the population's, and their
            // records those keys, on a table of their own too.
            if let tenants = scenario.platform?.tenants { provisioning.tenantKeyOffset = UInt64(tenants.count) }
            let system = ProvisioningSystem(provisioning, duration: scenario.duration, sharedTable: shared, workerProcesses: workers?.1, in: simulation)
            system.ledger.readinessListener = built?.signups
            if let workers { built?.fleets.first { $0.configuration.name == workers.0 }?.metricSource = system.workers }
        }
    }

    /// Returns the `dynamodb:` tables, which the provisioning workflow may share, the fleets,
    /// and what takes its ACTIVE sign-ups in as tenants, when there are tenants; `workers` are
    /// the worker processes, if a fleet runs them.
    private static func build(
        _ platform: Platform, scenario: Scenario, workers: [WorkerProcess], in simulation: Simulation
    ) -> (tables: [DynamoDBTable], fleets: [Fleet], signups: (any TenantReadinessListener)?) {
        let tables = platform.tables.map { configuration in
            let table = DynamoDBTable(configuration: configuration, streams: simulation.streams)
            simulation.register(table)
            return table
        }
        // The edge's requests, whose tenants key the services' table calls.
        let requests = platform.edge == nil ? nil : RequestContexts()
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
        let instancesInOrder = platform.services.map { instancesByService[$0.name]! }
        // Those that call through the edge are given it once it is built.
        var edgeCallers: [ApplicationCalls] = []
        for (index, service) in platform.services.enumerated() {
            guard let calls = service.calls else { continue }
            let downstream = ApplicationCalls(
                service: service.name, configuration: calls, tables: tables, services: instancesInOrder, instances: instancesInOrder[index],
                requests: requests, streams: simulation.streams)
            simulation.register(downstream)
            for instance in instancesInOrder[index] { instance.downstream = downstream }
            if calls.callsThroughEdge { edgeCallers.append(downstream) }
        }
        var fleets: [Fleet] = []
        if !platform.fleets.isEmpty {
            fleets = FleetAssembly.build(
                platform.fleets, services: platform.services.map { ($0.name, instancesByService[$0.name]!) },
                others: [(FleetSchema.workersService, workers)], in: simulation)
        }
        var edge: Edge?
        if let edgeConfiguration = platform.edge, let traffic = platform.traffic, let requests {
            // Validated when the scenario was read.
            let trafficEdge = try! Edge(edgeConfiguration, traffic: traffic, services: instancesByService, requests: requests, in: simulation)
            if let sidecar = platform.sidecar {
                // Validated when the scenario was read.
                try! SidecarDeployment.install(
                    sidecar, services: instancesByService, proxies: trafficEdge.proxyHosts, requests: requests, tenants: traffic.tenants,
                    network: platform.network,
                    in: simulation)
            }
            let clients = ClientTraffic(traffic, edge: trafficEdge, requests: requests, streams: simulation.streams)
            simulation.register(clients)
            clients.start(in: simulation)
            edge = trafficEdge
        }
        var signups: (any TenantReadinessListener)?
        if let edgeConfiguration = platform.edge, let tenants = platform.tenants, let workload = platform.workload, let requests {
            (edge, signups) = TenancyAssembly.build(
                tenants: tenants, workload: workload, edge: edgeConfiguration, platform: platform, services: instancesByService,
                requests: requests, scenario: scenario, in: simulation)
        }
        if let edge, !edgeCallers.isEmpty {
            edge.statistics.reportsInternalRequests = true
            for callers in edgeCallers { callers.edge = edge }
        }
        for outage in platform.outages {
            let instances = outage.instances.map { instancesByService[outage.service]![$0] }
            let fault = InstanceOutage(instances: instances, at: outage.at, for: outage.duration)
            simulation.register(fault)
            fault.schedule(in: simulation)
        }
        return (tables, fleets, signups)
    }
}
