/// A renewal arrival process: jobs enter the network at intervals drawn from a distribution.
final class SourceComponent: Component {
    let network: QueueingNetwork
    private let interarrival: Distribution
    private let routing: Routing
    private let arrivals: RandomStream
    private let routes: RandomStream

    init(_ source: NetworkConfiguration.Source, network: QueueingNetwork, streams: RandomStreams) {
        self.network = network
        interarrival = source.interarrival
        routing = Routing(source.routes)
        arrivals = streams.stream("source.\(source.name)/interarrival")
        routes = streams.stream("source.\(source.name)/routing")
    }

    func start(in simulation: Simulation) {
        simulation.schedule(after: interarrival.sampleTime(arrivals), target: id, kind: 0)
    }

    override func handle(_ event: Event, in simulation: Simulation) {
        let job = network.admit(at: simulation.now)
        network.deliver(job, to: routing.next(routes), in: simulation)
        simulation.schedule(after: interarrival.sampleTime(arrivals), target: id, kind: 0)
    }
}

/// A station of the network: a `Station` with its service distribution and its routing.
final class StationComponent: Component {
    let network: QueueingNetwork
    let name: String
    private var station: Station
    private let service: Distribution
    private let routing: Routing
    private let serviceTimes: RandomStream
    private let routes: RandomStream
    private var series = StationSeries()

    init(_ node: NetworkConfiguration.StationNode, network: QueueingNetwork, streams: RandomStreams) {
        self.network = network
        name = "station.\(node.name)"
        station = Station(servers: node.servers, capacity: node.capacity)
        service = node.service
        routing = Routing(node.routes)
        serviceTimes = streams.stream("station.\(node.name)/service")
        routes = streams.stream("station.\(node.name)/routing")
    }

    func accept(_ job: UInt32, in simulation: Simulation) {
        switch station.arrive(job: job, at: simulation.now) {
        case .started(let server):
            startService(on: server, in: simulation)
        case .queued:
            break
        case .rejected:
            network.lose(job, at: simulation.now)
        }
    }

    private func startService(on server: Int, in simulation: Simulation) {
        simulation.schedule(after: service.sampleTime(serviceTimes), target: id, kind: 0, subject: UInt32(server))
    }

    override func handle(_ event: Event, in simulation: Simulation) {
        let server = Int(event.subject)
        let (finished, started) = station.complete(server: server, at: simulation.now)
        if started != nil { startService(on: server, in: simulation) }
        network.deliver(finished, to: routing.next(routes), in: simulation)
    }

    override func resetStatistics(at time: SimTime) {
        station.resetStatistics(at: time)
    }

    override func report(at time: SimTime, into table: inout MetricTable) {
        station.statistics.report(name, servers: station.servers, at: time, into: &table)
    }

    override var seriesKeys: [MetricKey] { StationSeries.keys(name) }

    override func sample(at time: SimTime, into frame: inout [Double]) {
        series.sample(station, at: time, into: &frame)
    }
}
