/// An open network of stations: sources inject jobs, stations serve them, and each job then
/// moves to another station or leaves, by fixed routing probabilities. This is the textbook
/// system (M/M/1 ... Jackson networks) that every component can be reduced to for validation.
public struct NetworkConfiguration: Sendable {
    /// Where a job goes next: a station's index, or out of the network when `station` is nil.
    public struct Route: Sendable, Equatable {
        public var station: Int?
        public var probability: Double

        public init(station: Int?, probability: Double) {
            self.station = station
            self.probability = probability
        }
    }

    public struct Source: Sendable {
        public var name: String
        public var interarrival: Distribution
        public var routes: [Route]

        public init(name: String, interarrival: Distribution, routes: [Route]) {
            self.name = name
            self.interarrival = interarrival
            self.routes = routes
        }
    }

    public struct StationNode: Sendable {
        public var name: String
        public var servers: Int
        /// Most jobs in the station, waiting and in service; nil for no bound.
        public var capacity: Int?
        public var service: Distribution
        /// Routes after service; the share they leave to 1 exits the network.
        public var routes: [Route]

        public init(name: String, servers: Int, capacity: Int? = nil, service: Distribution, routes: [Route] = []) {
            self.name = name
            self.servers = servers
            self.capacity = capacity
            self.service = service
            self.routes = routes
        }
    }

    public var sources: [Source]
    public var stations: [StationNode]

    public init(sources: [Source], stations: [StationNode]) {
        self.sources = sources
        self.stations = stations
    }
}
