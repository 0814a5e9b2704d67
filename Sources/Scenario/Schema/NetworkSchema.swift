import SimKernel

/// Reads the queueing-network part of a scenario: `sources:` and `stations:`.
///
/// ```yaml
/// sources:
///   users: { interarrival: { exponential: { mean: 125ms } }, to: web }
/// stations:
///   web: { servers: 2, capacity: 50, service: { lognormal: { median: 80ms, p99: 400ms } },
///          to: { db: 0.3, exit: 0.7 } }
/// ```
/// `to:` names one station, or gives probabilities that sum to one; `exit` leaves the network
/// (stations only). A station without `to:` is the last stop.
enum NetworkSchema {
    static let exit = "exit"

    struct Located<Value> {
        var value: Value
        var location: SourceLocation
    }

    static func read(sources sourcesNode: YAMLNode, stations stationsNode: YAMLNode) throws(Diagnostic) -> (NetworkConfiguration, [Diagnostic]) {
        var stationsReader = try MappingReader(stationsNode, context: "'stations'")
        let stationEntries = stationsReader.allEntries()
        guard !stationEntries.isEmpty else { throw Diagnostic.error(at: stationsNode.location, "'stations' needs at least one station") }
        let names = stationEntries.map(\.key)
        for entry in stationEntries {
            try YAMLNode.checkName(entry.key, what: "station name", at: entry.keyLocation)
            if entry.key == exit {
                throw Diagnostic.error(at: entry.keyLocation, "'exit' is reserved for leaving the network; name the station otherwise")
            }
        }
        var stations: [NetworkConfiguration.StationNode] = []
        var locations: [SourceLocation] = []
        for entry in stationEntries {
            stations.append(try readStation(entry, names: names))
            locations.append(entry.keyLocation)
        }

        var sourcesReader = try MappingReader(sourcesNode, context: "'sources'")
        let sourceEntries = sourcesReader.allEntries()
        guard !sourceEntries.isEmpty else { throw Diagnostic.error(at: sourcesNode.location, "'sources' needs at least one source") }
        var sources: [NetworkConfiguration.Source] = []
        for entry in sourceEntries {
            try YAMLNode.checkName(entry.key, what: "source name", at: entry.keyLocation)
            sources.append(try readSource(entry, names: names))
        }
        let configuration = NetworkConfiguration(sources: sources, stations: stations)
        let warnings = try stabilityWarnings(configuration, locations: locations, stationsLocation: stationsNode.location)
        return (configuration, warnings)
    }

    private static func readSource(_ entry: YAMLNode.Entry, names: [String]) throws(Diagnostic) -> NetworkConfiguration.Source {
        let what = "source '\(entry.key)'"
        var reader = try MappingReader(entry.value, context: what)
        let interarrival = try DistributionSchema.read(try reader.required("interarrival"), "\(what) interarrival", values: .durations)
        guard interarrival.mean > 0 else {
            throw Diagnostic.error(at: entry.value.location, "\(what) needs a positive mean interarrival time")
        }
        let routes = try readRoutes(try reader.required("to"), what, names: names, allowExit: false)
        try reader.finish()
        return NetworkConfiguration.Source(name: entry.key, interarrival: interarrival, routes: routes)
    }

    private static func readStation(_ entry: YAMLNode.Entry, names: [String]) throws(Diagnostic) -> NetworkConfiguration.StationNode {
        let what = "station '\(entry.key)'"
        var reader = try MappingReader(entry.value, context: what)
        let servers = try reader.optional("servers")?.integer("\(what) servers", in: 1...1_000_000) ?? 1
        var capacity: Int?
        if let node = reader.optional("capacity") {
            let value = try node.integer("\(what) capacity", in: 1...100_000_000)
            guard value >= servers else {
                throw Diagnostic.error(at: node.location, "\(what) capacity (jobs waiting and in service) must be at least its \(servers) servers")
            }
            capacity = value
        }
        let service = try DistributionSchema.read(try reader.required("service"), "\(what) service", values: .durations)
        let routes = try reader.optional("to").map { (node) throws(Diagnostic) in try readRoutes(node, what, names: names, allowExit: true) } ?? []
        try reader.finish()
        return NetworkConfiguration.StationNode(name: entry.key, servers: servers, capacity: capacity, service: service, routes: routes)
    }

    private static func readRoutes(_ node: YAMLNode, _ what: String, names: [String], allowExit: Bool) throws(Diagnostic) -> [NetworkConfiguration.Route] {
        func destination(_ name: String, at location: SourceLocation) throws(Diagnostic) -> Int? {
            if name == exit {
                guard allowExit else { throw Diagnostic.error(at: location, "\(what) must send its jobs to a station, not 'exit'") }
                return nil
            }
            guard let index = names.firstIndex(of: name) else {
                var message = "\(what) routes to unknown station '\(name)'"
                if let suggestion = MappingReader.closest(to: name, among: names) { message += "; did you mean '\(suggestion)'?" }
                throw Diagnostic.error(at: location, message)
            }
            return index
        }
        if case .scalar = node.content {
            return [NetworkConfiguration.Route(station: try destination(try node.text("\(what) to"), at: node.location), probability: 1)]
        }
        var reader = try MappingReader(node, context: "\(what) 'to'")
        var routes: [NetworkConfiguration.Route] = []
        var total = 0.0
        for entry in reader.allEntries() {
            let p = try entry.value.probability("\(what) share to '\(entry.key)'")
            routes.append(NetworkConfiguration.Route(station: try destination(entry.key, at: entry.keyLocation), probability: p))
            total += p
        }
        guard !routes.isEmpty else { throw Diagnostic.error(at: node.location, "\(what) 'to' names no destination") }
        guard abs(total - 1) <= 1e-9 else {
            throw Diagnostic.error(at: node.location, "\(what) routing shares sum to \(total.formatted), not 1")
        }
        return routes
    }

    /// Utilization from the traffic equations; a station at or above one without a capacity
    /// bound grows without limit. That is worth a warning, not an error: overload is a
    /// legitimate scenario, and the run still ends at its horizon.
    private static func stabilityWarnings(
        _ configuration: NetworkConfiguration, locations: [SourceLocation], stationsLocation: SourceLocation
    ) throws(Diagnostic) -> [Diagnostic] {
        guard let rates = configuration.stationArrivalRates() else {
            throw Diagnostic.error(at: stationsLocation, "jobs can circulate among the stations forever: some routing loop never exits")
        }
        var warnings: [Diagnostic] = []
        for (index, station) in configuration.stations.enumerated() where station.capacity == nil {
            let utilization = rates[index] * station.service.mean / Double(station.servers)
            if utilization >= 1 {
                warnings.append(.warning(
                    at: locations[index],
                    "station '\(station.name)' is unstable: utilization \(utilization.rounded(toPlaces: 3)) >= 1, so its queue grows without bound until the horizon"))
            }
        }
        return warnings
    }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (self * scale).rounded() / scale
    }
}
