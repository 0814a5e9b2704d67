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
    /// Per request class (route), by class index: how its requests are served. Empty: every
    /// class as the service's defaults above.
    public var routes: [RouteBehaviour] = []

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
    /// Whether the instance is in its service's host set: callers that discover hosts (the
    /// edge's clusters) send to it only then. Instances of a fleet leave it while they boot,
    /// drain or are gone; `setInService` changes it and tells the listeners.
    public private(set) var isInService = true
    /// 1 while in the host set, 0 outside: its integral is the time the instance was in
    /// service, over which its service's utilization is measured.
    public private(set) var inServiceTime = TimeWeightedValue(value: 1)
    /// Calls this instance served, and those of them that failed (5xx), since time zero:
    /// a fleet watches the error ratio of the instances that run a new release.
    public private(set) var servedTotal: UInt64 = 0
    public private(set) var errorsTotal: UInt64 = 0
    private var discoveryListeners: [UnownedDiscoveryListener] = []
    /// Runs in front of the application for every call (a sidecar), if any.
    public var filter: InstanceFilter?
    /// Decides the status of served calls instead of the error probability, if set.
    public var responder: InstanceResponder?
    /// The calls the application makes before it answers (its database), if any.
    public var downstream: InstanceDownstream?
    private var station: FCFSServers
    /// Calls taken into service whose answers have not left yet, with the time they leave:
    /// a crash resets them. Purged of answered calls as it grows, so it stays near the
    /// number in service.
    private var inFlight: [(leaves: SimTime, call: UpstreamMessage.Call)] = []
    private var inFlightPurgeAt = 64
    /// Components are owned by their simulation; references between them are unowned, so
    /// that they form no cycle and a replication's model is freed with it.
    private unowned let statistics: ServiceStatistics
    private let network: NetworkLatency
    private let serviceTimes: RandomStream
    private let errors: RandomStream
    private let latencies: RandomStream

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
        station = FCFSServers(servers: configuration.concurrency, capacity: capacity, percentiles: false)
        let prefix = "service.\(service.name).\(index)"
        serviceTimes = streams.stream("\(prefix)/service")
        errors = streams.stream("\(prefix)/errors")
        latencies = streams.stream("\(prefix)/network")
    }

    /// Listeners hear every later change of `isInService`, in the order they were added.
    public func addDiscoveryListener(_ listener: any ServiceDiscoveryListener) {
        discoveryListeners.append(UnownedDiscoveryListener(listener: listener))
    }

    /// Before a run starts: whether the instance begins in its host set.
    public func startsInService(_ inService: Bool) {
        isInService = inService
        inServiceTime = TimeWeightedValue(value: inService ? 1 : 0)
    }

    public func setInService(_ inService: Bool, in simulation: Simulation) {
        guard inService != isInService else { return }
        isInService = inService
        inServiceTime.set(inService ? 1 : 0, at: simulation.now)
        for entry in discoveryListeners { entry.listener.instance(self, inService: inService, in: simulation) }
    }

    public override func handle(_ event: Event, in simulation: Simulation) {
        precondition(event.kind == UpstreamMessage.requestKind, "unknown service instance event \(event.kind)")
        accept(UpstreamMessage.Call(subject: event.subject, argument: event.argument), in: simulation)
    }

    private func accept(_ call: UpstreamMessage.Call, in simulation: Simulation) {
        guard isUp else {
            statistics.refused.increment()
            UpstreamMessage.answer(call, status: UpstreamMessage.refused, after: network.sample(from: zone, to: call.callerZone, latencies), in: simulation)
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

    /// A call (let through by the filter, if any) reaches the application. Slots are taken
    /// first come first served, so the call's start and end are known now: the answer is
    /// scheduled at once, with no event at the end of service. A filter's response work
    /// (its access-log record) is therefore done when the call is taken.
    /// `delay` is how long the call still takes to reach the application (the filter's CPU
    /// and hop): it holds its place in line but cannot start before.
    public func admitFiltered(_ call: UpstreamMessage.Call, after delay: SimTime = .zero, in simulation: Simulation) {
        guard isUp else {
            // Its sidecar held the call while the instance went down.
            statistics.refused.increment()
            UpstreamMessage.answer(call, status: UpstreamMessage.refused, after: delay + network.sample(from: zone, to: call.callerZone, latencies), in: simulation)
            return
        }
        let route = configuration.routes.isEmpty ? nil : configuration.routes[Int(call.requestClass)]
        let service = SimTime(seconds: (route?.serviceTime ?? configuration.serviceTime).sample(serviceTimes) / configuration.speed)
        guard let (start, end) = station.arrive(at: simulation.now, notBefore: simulation.now + delay, service: service) else {
            statistics.rejected.increment()
            UpstreamMessage.answer(call, status: 503, after: network.sample(from: zone, to: call.callerZone, latencies), in: simulation)
            return
        }
        let errorProbability = route?.errorProbability ?? configuration.errorProbability
        let failed = errorProbability > 0 && errors.bernoulli(errorProbability)
        let status = failed ? configuration.errorStatus : responder?.status(for: call, at: start) ?? 200
        if let downstream, !failed {
            downstream.begin(call, instance: self, at: end, in: simulation)
            return
        }
        answer(call, status: status, at: end, in: simulation)
    }

    /// The downstream calls of `call` are done: the application answers now with `status`.
    /// (A crash abandons the calls first, so a crashed instance never gets here.)
    public func answerDownstream(_ call: UpstreamMessage.Call, status: UInt16, in simulation: Simulation) {
        answer(call, status: status, at: simulation.now, in: simulation)
    }

    /// The application's answer leaves at `end`, after the filter's response work.
    private func answer(_ call: UpstreamMessage.Call, status: UInt16, at end: SimTime, in simulation: Simulation) {
        statistics.served.increment()
        servedTotal &+= 1
        if status >= 500 {
            statistics.errors.increment()
            errorsTotal &+= 1
        }
        let extra = filter?.outbound(call, status: status, instance: self, in: simulation) ?? .zero
        remember(call, leaves: end + extra, now: simulation.now)
        let delay = end - simulation.now + extra + network.sample(from: zone, to: call.callerZone, latencies)
        UpstreamMessage.answer(call, status: status, after: delay, in: simulation)
    }

    private func remember(_ call: UpstreamMessage.Call, leaves: SimTime, now: SimTime) {
        if inFlight.count >= inFlightPurgeAt {
            inFlight.removeAll { $0.leaves <= now }
            inFlightPurgeAt = max(64, 2 * inFlight.count)
        }
        inFlight.append((leaves, call))
    }

    /// When the last call the instance holds will have been answered (at most `now` when it
    /// holds none): how long draining it takes. Requests waiting on downstream calls end at
    /// no time known in advance: then never (a drain waits its whole delay).
    public func busyUntil(now: SimTime) -> SimTime {
        if downstream?.holdsCalls(of: self) ?? false { return SimTime(nanoseconds: .max) }
        return inFlight.reduce(now) { max($0, $1.leaves) }
    }

    /// A fleet changes how the instance serves when it runs another release, or when its
    /// configuration drifts: calls already taken keep what they drew.
    public func setBehaviour(speed: Double, errorProbability: Double) {
        precondition(speed > 0 && (0...1).contains(errorProbability))
        configuration.speed = speed
        configuration.errorProbability = errorProbability
    }

    /// The instance dies at once: it refuses calls from now on, and every call it holds is
    /// reset (its callers learn it after the network's delay; the answer it had scheduled
    /// arrives later and finds the call ended). `isUp = true` brings it back empty.
    public func crash(in simulation: Simulation) {
        isUp = false
        for entry in inFlight where entry.leaves > simulation.now {
            statistics.lost.increment()
            UpstreamMessage.answer(entry.call, status: UpstreamMessage.reset, after: network.sample(from: zone, to: entry.call.callerZone, latencies), in: simulation)
        }
        inFlight.removeAll(keepingCapacity: true)
        for call in downstream?.abandon(instance: self, in: simulation) ?? [] {
            statistics.lost.increment()
            UpstreamMessage.answer(call, status: UpstreamMessage.reset, after: network.sample(from: zone, to: call.callerZone, latencies), in: simulation)
        }
        station.abandonAll(at: simulation.now)
    }

    /// The filter answers a call itself (401, 429, 503) without the application, `delay` from
    /// now (when its own work is done).
    public func answerFiltered(_ call: UpstreamMessage.Call, status: UInt16, after delay: SimTime = .zero, in simulation: Simulation) {
        statistics.filtered.increment()
        UpstreamMessage.answer(call, status: status, after: delay + network.sample(from: zone, to: call.callerZone, latencies), in: simulation)
    }

    public override func resetStatistics(at time: SimTime) {
        station.resetStatistics(at: time)
    }

    /// This instance's measurements since the warm-up, up to `time`, for its service's report.
    public func stationStatistics(at time: SimTime) -> StationStatistics {
        station.advance(to: time)
        return station.statistics
    }

    public var servers: Int { station.servers }

    /// One way from this instance to a host in `zone`, drawn from the instance's network
    /// stream: for the calls its application makes to other services.
    public func networkLatency(to zone: Zone) -> SimTime {
        network.sample(from: self.zone, to: zone, latencies)
    }
}
