import SimKernel

/// How one instance of an application service behaves: request slots, queue, service time
/// and errors. Heterogeneous fleets scale `speed`.
public struct ServiceInstanceConfiguration: Sendable {
    /// Requests served at once (threads, event-loop slots).
    public var concurrency: Int
    /// Requests allowed to wait for a slot; beyond it the instance answers 503. Nil: no bound.
    public var queueCapacity: Int?
    public var serviceTime: Distribution
    /// Service times are divided by this: 0.5 is an instance twice as slow.
    public var speed: Double
    /// Probability that a served request fails with `errorStatus`.
    public var errorProbability: Double
    public var errorStatus: UInt16
    /// The instance's load-balancing weight as an upstream host (Envoy's
    /// `load_balancing_weight`).
    public var weight: UInt32

    public init(
        concurrency: Int, queueCapacity: Int? = nil, serviceTime: Distribution, speed: Double = 1,
        errorProbability: Double = 0, errorStatus: UInt16 = 500, weight: UInt32 = 1
    ) {
        precondition(concurrency > 0 && speed > 0 && (0...1).contains(errorProbability) && weight >= 1)
        self.concurrency = concurrency
        self.queueCapacity = queueCapacity
        self.serviceTime = serviceTime
        self.speed = speed
        self.errorProbability = errorProbability
        self.errorStatus = errorStatus
        self.weight = weight
    }
}

/// One instance of an application service: answers `UpstreamMessage` requests after queueing
/// for a slot and being served; a stopped instance refuses connections (answers a reset).
public final class ServiceInstance: Component {
    public let zone: Zone
    public let index: Int
    public private(set) var configuration: ServiceInstanceConfiguration
    /// False while the instance is down: calls are refused at once.
    public var isUp = true
    /// Runs in front of the application for every call (a sidecar), if any.
    public var filter: InstanceFilter?
    /// Decides the status of served calls instead of the error probability, if set.
    public var responder: InstanceResponder?
    private var station: Station
    private var calls: [UpstreamMessage.Call]
    private let statistics: ServiceStatistics
    private let network: NetworkLatency
    private let serviceTimes: RandomStream
    private let errors: RandomStream
    private let latencies: RandomStream

    private enum Kind: UInt32 {
        case served = 1
    }

    public init(
        service: ServiceStatistics, index: Int, zone: Zone, configuration: ServiceInstanceConfiguration,
        network: NetworkLatency, streams: RandomStreams
    ) {
        self.zone = zone
        self.index = index
        self.configuration = configuration
        statistics = service
        self.network = network
        let capacity = configuration.queueCapacity.map { $0 + configuration.concurrency }
        station = Station(servers: configuration.concurrency, capacity: capacity, percentiles: false)
        calls = []
        let prefix = "service.\(service.name).\(index)"
        serviceTimes = streams.stream("\(prefix)/service")
        errors = streams.stream("\(prefix)/errors")
        latencies = streams.stream("\(prefix)/network")
    }

    /// Requests in the instance, waiting or in service.
    public var requestsInInstance: Int { station.jobsInSystem }

    public var utilization: Double { Double(station.busyServers) / Double(station.servers) }

    public override func handle(_ event: Event, in simulation: Simulation) {
        if event.kind == UpstreamMessage.requestKind {
            accept(UpstreamMessage.Call(subject: event.subject, argument: event.argument), in: simulation)
        } else {
            precondition(event.kind == Kind.served.rawValue, "unknown service instance event \(event.kind)")
            finish(server: Int(event.subject), in: simulation)
        }
    }

    private func accept(_ call: UpstreamMessage.Call, in simulation: Simulation) {
        guard isUp else {
            statistics.refused.increment()
            UpstreamMessage.answer(call, status: 0, after: network.sample(from: zone, to: call.callerZone, latencies), in: simulation)
            return
        }
        guard let filter else {
            admitFiltered(call, in: simulation)
            return
        }
        switch filter.inbound(call, instance: self, in: simulation) {
        case .admit: admitFiltered(call, in: simulation)
        case .hold: break
        case .deny(let status): answerFiltered(call, status: status, in: simulation)
        }
    }

    /// A call the filter let through reaches the application.
    public func admitFiltered(_ call: UpstreamMessage.Call, in simulation: Simulation) {
        let job = store(call)
        switch station.arrive(job: job, at: simulation.now) {
        case .started(let server):
            begin(server: server, in: simulation)
        case .queued:
            break
        case .rejected:
            statistics.rejected.increment()
            release(job)
            UpstreamMessage.answer(call, status: 503, after: network.sample(from: zone, to: call.callerZone, latencies), in: simulation)
        }
    }

    /// The filter answers a call itself (401, 429, 503) without the application.
    public func answerFiltered(_ call: UpstreamMessage.Call, status: UInt16, in simulation: Simulation) {
        statistics.filtered.increment()
        UpstreamMessage.answer(call, status: status, after: network.sample(from: zone, to: call.callerZone, latencies), in: simulation)
    }

    private func begin(server: Int, in simulation: Simulation) {
        let duration = configuration.serviceTime.sample(serviceTimes) / configuration.speed
        simulation.schedule(after: SimTime(seconds: duration), target: id, kind: Kind.served.rawValue, subject: UInt32(server))
    }

    private func finish(server: Int, in simulation: Simulation) {
        let (job, next) = station.complete(server: server, at: simulation.now)
        if next != nil { begin(server: server, in: simulation) }
        let call = calls[Int(job)]
        release(job)
        let failed = configuration.errorProbability > 0 && errors.bernoulli(configuration.errorProbability)
        let status = failed ? configuration.errorStatus : responder?.status(for: call, at: simulation.now) ?? 200
        statistics.served.increment()
        if status >= 500 { statistics.errors.increment() }
        let extra = filter?.outbound(call, status: status, instance: self, in: simulation) ?? .zero
        UpstreamMessage.answer(call, status: status, after: extra + network.sample(from: zone, to: call.callerZone, latencies), in: simulation)
    }

    // Calls waiting or in service, by job id; ids are reused through a free list.
    private var freeJobs: [UInt32] = []

    private func store(_ call: UpstreamMessage.Call) -> UInt32 {
        if let job = freeJobs.popLast() {
            calls[Int(job)] = call
            return job
        }
        calls.append(call)
        return UInt32(calls.count - 1)
    }

    private func release(_ job: UInt32) {
        freeJobs.append(job)
    }

    public override func resetStatistics(at time: SimTime) {
        station.resetStatistics(at: time)
    }

    /// This instance's measurements since the warm-up, for its service's report.
    public var stationStatistics: StationStatistics { station.statistics }

    public var servers: Int { station.servers }
}
