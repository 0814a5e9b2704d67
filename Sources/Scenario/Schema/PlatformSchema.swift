import EdgeProxy
import Fleet
import Infra
import Sidecar
import SimKernel
import Tenancy

/// Reads `zones:`, `network:`, `services:` and `faults:`, and has `edge:`, `traffic:`,
/// `tenants:`, `workload:`, `sidecar:`, the `dynamodb:` tables services call, and (through
/// `FleetSchema`) the fleets and what belongs to them read.
///
/// ```yaml
/// zones: [a, b, c]
/// network: { same_zone: 250us, cross_zone: 1ms, client: 5ms }
/// services:
///   web: { instances: 12, concurrency: 16, service_time: { lognormal: { median: 20ms, p99: 120ms } },
///          weight: 4, slow: { instances: 3, speed: 0.33, weight: 1 } }
/// faults:
///   - { at: 2m, stop_instances: { service: web, instances: [0, 1], for: 1m } }
/// ```
enum PlatformSchema {
    /// The architecture keys of the top level; nil when the scenario has none of them.
    /// `workersFleet` is `provisioning.workers.fleet`, if given: the fleet that runs no service.
    static func read(_ top: inout MappingReader, duration: SimTime, workersFleet: YAMLNode? = nil) throws(Diagnostic) -> Platform? {
        let zonesNode = top.optional("zones")
        let networkNode = top.optional("network")
        let servicesNode = top.optional("services")
        let edgeNode = top.optional("edge")
        let trafficNode = top.optional("traffic")
        let faultsNode = top.optional("faults")
        let sidecarNode = top.optional("sidecar")
        let tablesNode = top.optional("dynamodb")
        let tenantsNode = top.optional("tenants")
        let workloadNode = top.optional("workload")
        let fleetNodes = FleetSchema.Nodes(
            fleets: top.optional("fleets"), images: top.optional("images"), packer: top.optional("packer"), salt: top.optional("salt"),
            deployments: top.optional("deployments"))
        let fleetKeys = [fleetNodes.fleets, fleetNodes.images, fleetNodes.packer, fleetNodes.salt, fleetNodes.deployments]
        let nodes = [zonesNode, networkNode, servicesNode, edgeNode, trafficNode, faultsNode, sidecarNode, tablesNode, tenantsNode, workloadNode]
        guard (nodes + fleetKeys).contains(where: { $0 != nil }) else { return nil }
        let zones = try zones(zonesNode)
        let (latency, client) = try network(networkNode)
        let tables = try ApplicationCallsSchema.tables(tablesNode)
        var services = try services(servicesNode, zones: zones, tables: tables.map(\.name), fleets: FleetSchema.names(fleetNodes.fleets))
        let called = Set(services.flatMap { service -> [Int] in
            service.calls?.calls.compactMap { call -> Int? in if case .table(let table) = call { table.table } else { nil } } ?? []
        })
        if let unused = tables.indices.first(where: { !called.contains($0) }) {
            throw Diagnostic.error(at: tablesNode!.location, "table '\(tables[unused].name)' is called by no service: give a service 'calls' to it")
        }
        var fleets = try FleetSchema.read(fleetNodes, zones: zones, services: &services, workersFleet: workersFleet, duration: duration)
        var edge: EdgeConfiguration?
        var traffic: TrafficConfiguration?
        if let trafficNode { traffic = try TrafficSchema.read(trafficNode, zones: zones) }
        let (tenants, workload) = try TenancySchema.read(
            tenants: tenantsNode, workload: workloadNode, traffic: trafficNode, edge: edgeNode, zones: zones, duration: duration)
        let feed = traffic ?? workload.map { $0.edgeTraffic(tenantCapacity: tenants?.count ?? 1, peakRate: 1) }
        if let edgeNode {
            guard let feed, let feedNode = trafficNode ?? workloadNode else {
                throw Diagnostic.error(at: edgeNode.location, "'edge' needs 'traffic', or 'tenants' and 'workload': the clients whose requests it routes")
            }
            let configuration = try EdgeSchema.read(edgeNode, zones: zones, network: latency, client: client, services: services)
            do {
                try Edge.validate(configuration, traffic: feed)
            } catch {
                throw Diagnostic.error(at: feedNode.location, error.description)
            }
            edge = configuration
        } else if let trafficNode {
            throw Diagnostic.error(at: trafficNode.location, "'traffic' needs 'edge': the proxies its requests go through")
        }
        try RouteBehaviourSchema.resolve(&services, classes: feed?.classes.map(\.name))
        try EdgeCallSchema.resolve(&services, edge: edge, traffic: feed)
        var sidecar: SidecarConfiguration?
        if let sidecarNode {
            guard edge != nil else {
                throw Diagnostic.error(at: sidecarNode.location, "'sidecar' needs 'edge' and 'traffic' (or 'tenants' and 'workload'): the requests it checks")
            }
            sidecar = try SidecarSchema.read(sidecarNode, services: services)
        }
        let outages = try faults(faultsNode, services: services, zones: zones, duration: duration, fleets: &fleets)
        return Platform(
            zones: zones, network: latency, services: services, tables: tables, edge: edge, traffic: traffic, tenants: tenants, workload: workload,
            sidecar: sidecar, outages: outages, fleets: fleets)
    }

    static func zones(_ node: YAMLNode?) throws(Diagnostic) -> [String] {
        guard let node else { return ["a"] }
        guard case .sequence(let items) = node.content, !items.isEmpty else {
            throw Diagnostic.error(at: node.location, "'zones' must be a list of zone names")
        }
        var names: [String] = []
        for item in items {
            let name = try item.name("zone name")
            if names.contains(name) { throw Diagnostic.error(at: item.location, "zone '\(name)' is listed twice") }
            names.append(name)
        }
        guard names.count <= 256 else { throw Diagnostic.error(at: node.location, "at most 256 zones") }
        return names
    }

    static func zoneIndex(_ node: YAMLNode, zones: [String], _ what: String) throws(Diagnostic) -> Int {
        let name = try node.text(what)
        guard let index = zones.firstIndex(of: name) else {
            throw Diagnostic.error(at: node.location, "\(what) '\(name)' is not one of the zones (\(zones.joined(separator: ", ")))")
        }
        return index
    }

    /// The network's one-way latencies; defaults are assumptions for a cloud region.
    static func network(_ node: YAMLNode?) throws(Diagnostic) -> (NetworkLatency, Distribution) {
        var latency = NetworkLatency.datacenter
        var client = Distribution.constant(0.002)
        guard let node else { return (latency, client) }
        var reader = try MappingReader(node, context: "'network'")
        if let same = reader.optional("same_zone") {
            latency.sameZone = try DistributionSchema.read(same, "'network.same_zone'", values: .durations)
        }
        if let cross = reader.optional("cross_zone") {
            latency.crossZone = try DistributionSchema.read(cross, "'network.cross_zone'", values: .durations)
        }
        if let clientNode = reader.optional("client") {
            client = try DistributionSchema.read(clientNode, "'network.client'", values: .durations)
        }
        try reader.finish()
        return (latency, client)
    }

    static func services(_ node: YAMLNode?, zones: [String], tables: [String], fleets: [String]) throws(Diagnostic) -> [Platform.Service] {
        guard let node else { return [] }
        var reader = try MappingReader(node, context: "'services'")
        var services: [Platform.Service] = []
        let entries = reader.allEntries()
        let names = entries.map(\.key)
        for entry in entries {
            try YAMLNode.checkName(entry.key, what: "service name", at: entry.keyLocation)
            services.append(try service(entry, zones: zones, tables: tables, services: names, fleets: fleets))
        }
        try ApplicationCallsSchema.checkNoCycle(services, at: node.location)
        return services
    }

    private static func service(
        _ entry: YAMLNode.Entry, zones: [String], tables: [String], services: [String], fleets: [String]
    ) throws(Diagnostic) -> Platform.Service {
        let what = "service '\(entry.key)'"
        var reader = try MappingReader(entry.value, context: what)
        let fleet = try reader.optional("fleet").map { (node) throws(Diagnostic) in try fleetName(node, what, fleets: fleets) }
        if fleet != nil {
            // The fleet decides how many instances run, and where.
            for key in ["instances", "zones", "slow"] {
                if let node = reader.optional(key) {
                    throw Diagnostic.error(at: node.location, "\(what) runs on fleet '\(fleet!)', which decides its instances: drop '\(key)'")
                }
            }
        }
        let instances = try fleet == nil ? reader.required("instances").integer("\(what) instances", in: 1...100_000) : 0
        var zoneIndices = Array(zones.indices)
        if let zonesNode = reader.optional("zones") {
            guard case .sequence(let items) = zonesNode.content, !items.isEmpty else {
                throw Diagnostic.error(at: zonesNode.location, "\(what) zones must be a list of zone names")
            }
            zoneIndices = []
            for item in items { zoneIndices.append(try zoneIndex(item, zones: zones, "\(what) zone")) }
        }
        let concurrency = try reader.optional("concurrency")?.integer("\(what) concurrency", in: 1...100_000) ?? 1
        let queueCapacity = try reader.optional("queue_capacity")?.integer("\(what) queue_capacity", in: 0...100_000_000)
        let serviceTime = try DistributionSchema.read(try reader.required("service_time"), "\(what) service_time", values: .durations)
        let errorProbability = try reader.optional("error_probability")?.probability("\(what) error_probability") ?? 0
        let errorStatus = try reader.optional("error_status")?.integer("\(what) error_status", in: 500...599) ?? 500
        let weight = try reader.optional("weight")?.integer("\(what) weight", in: 1...128) ?? 1
        var slowInstances = 0
        var slowSpeed = 1.0
        var slowWeight = weight
        if let slowNode = reader.optional("slow") {
            var slow = try MappingReader(slowNode, context: "\(what) slow")
            slowInstances = try slow.required("instances").integer("\(what) slow instances", in: 0...instances)
            let speedNode = try slow.required("speed")
            slowSpeed = try speedNode.positiveNumber("\(what) slow speed")
            slowWeight = try slow.optional("weight")?.integer("\(what) slow weight", in: 1...128) ?? weight
            try slow.finish()
        }
        let calls = try ApplicationCallsSchema.calls(&reader, what, tables: tables, services: services, own: entry.key)
        let routes = try reader.optional("routes").map { (node) throws(Diagnostic) in try RouteBehaviourSchema.read(node, what) } ?? []
        try reader.finish()
        return Platform.Service(
            name: entry.key, instances: instances, zones: zoneIndices,
            instance: ServiceInstanceConfiguration(
                concurrency: concurrency, queueCapacity: queueCapacity, serviceTime: serviceTime,
                errorProbability: errorProbability, errorStatus: UInt16(errorStatus), weight: UInt32(weight)),
            slowInstances: slowInstances, slowSpeed: slowSpeed, slowWeight: UInt32(slowWeight), calls: calls?.configuration, fleet: fleet,
            routes: routes, edgeRoutes: calls?.edgeRoutes ?? [])
    }

    private static func fleetName(_ node: YAMLNode, _ what: String, fleets: [String]) throws(Diagnostic) -> String {
        let name = try node.text("\(what) fleet")
        guard fleets.contains(name) else {
            var message = "\(what) names unknown fleet '\(name)'"
            if let suggestion = MappingReader.closest(to: name, among: fleets) { message += "; did you mean '\(suggestion)'?" }
            if fleets.isEmpty { message += " (declare it under 'fleets')" }
            throw Diagnostic.error(at: node.location, message)
        }
        return name
    }

    static func faults(
        _ node: YAMLNode?, services: [Platform.Service], zones: [String], duration: SimTime, fleets: inout FleetsConfiguration
    ) throws(Diagnostic) -> [Platform.Outage] {
        guard let node else { return [] }
        guard case .sequence(let items) = node.content else {
            throw Diagnostic.error(at: node.location, "'faults' must be a list")
        }
        var outages: [Platform.Outage] = []
        for (index, item) in items.enumerated() {
            let what = "fault \(index + 1)"
            var reader = try MappingReader(item, context: what)
            let at = try reader.required("at").duration("\(what) 'at'")
            guard at < duration else { throw Diagnostic.error(at: item.location, "\(what) starts after the run ends (\(duration))") }
            if try FleetFaultSchema.read(&reader, what, at: at, zones: zones, into: &fleets) {
                try reader.finish()
                continue
            }
            let stopNode = try reader.required("stop_instances")
            var stop = try MappingReader(stopNode, context: "\(what) stop_instances")
            let serviceNode = try stop.required("service")
            let serviceName = try serviceNode.text("\(what) service")
            guard let service = services.first(where: { $0.name == serviceName }) else {
                throw Diagnostic.error(at: serviceNode.location, "\(what) names unknown service '\(serviceName)'")
            }
            if let fleet = service.fleet {
                throw Diagnostic.error(
                    at: serviceNode.location,
                    "\(what): service '\(serviceName)' runs on fleet '\(fleet)', whose instances come and go; use zone_outage or the fleet's mtbf")
            }
            let instancesNode = try stop.required("instances")
            guard case .sequence(let indexNodes) = instancesNode.content, !indexNodes.isEmpty else {
                throw Diagnostic.error(at: instancesNode.location, "\(what) instances must be a list of instance numbers")
            }
            var instances: [Int] = []
            for indexNode in indexNodes {
                instances.append(try indexNode.integer("\(what) instance", in: 0...(service.instances - 1)))
            }
            let outageDuration = try stop.optional("for")?.positiveDuration("\(what) 'for'")
            try stop.finish()
            try reader.finish()
            outages.append(Platform.Outage(service: serviceName, instances: instances, at: at, duration: outageDuration))
        }
        return outages
    }
}
