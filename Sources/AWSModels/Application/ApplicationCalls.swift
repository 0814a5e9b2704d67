import Infra
import SimKernel

/// The downstream calls of one application service: once an instance has done its own work
/// on a request, the calls run one after another, and the instance answers when the last one
/// succeeds, or with the failure status when one fails for good. Table calls go through that
/// instance's SDK client (its retry policy and quota), keyed by the request's tenant; service
/// calls go to an instance of the other service in service, chosen at random, and carry the
/// request's id and route so that its sidecar sees the request's tenant; calls through the
/// edge are new requests of the route they name, for the request's tenant, user and tier,
/// which the edge answers as it would a client (after Envoy's retries and timeouts).
///
/// Calls in progress live in a slab of jobs addressed by integer; each has at most one event
/// outstanding (its start, a wait, the table's, the service's or the edge's answer), so a job
/// abandoned by a crash is freed when that event arrives. A service's or the edge's answer
/// names its job by the call's generation (24 bits: at most 16 million requests waiting on
/// calls at once).
public final class ApplicationCalls: Component, InstanceDownstream {
    public let service: String
    public let configuration: ApplicationCallsConfiguration
    public let sdk: SDKClientGroup
    private let tables: [ComponentLink<DynamoDBTable>]
    /// The instances of the services the calls name, by service.
    private let services: [[ComponentLink<ServiceInstance>]]
    private let instances: [ComponentLink<ServiceInstance>]
    /// The requests' contexts when the callers are the edge's proxies (their call slots are
    /// request ids); without them the key is the call's slot. Calls through the edge add
    /// their requests to it.
    private let requests: RequestContexts?
    /// Where calls through the edge enter; given at assembly, once the edge is built. Not
    /// owned: the edge's clients keep it, and it reaches this component through its hosts.
    public unowned var edge: (any EdgeEntrance)?
    private let choices: RandomStream
    private let targets: RandomStream
    private var jobs: [ApplicationCallJob] = []
    private var freeJobs: [UInt32] = []
    /// Active jobs by instance, for draining.
    private var activeByInstance: [Int32]
    var statistics = ApplicationCallsStatistics()
    /// Lifetime counts at the last series sample, to turn them into rates.
    var series: (time: SimTime, calls: UInt64, failed: UInt64) = (.zero, 0, 0)

    enum Kind: UInt32 {
        case start = 1
        /// The client's rate limiter let the attempt go.
        case send = 2
        /// The backoff before a retry is over.
        case retry = 3
    }

    public init(
        service: String, configuration: ApplicationCallsConfiguration, tables: [DynamoDBTable], services: [[ServiceInstance]] = [],
        instances: [ServiceInstance], requests: RequestContexts?, streams: RandomStreams
    ) {
        precondition(configuration.calls.allSatisfy { call in
            switch call {
            case .table(let table): table.table < tables.count
            case .service(let other): other.service < services.count && !services[other.service].isEmpty
            case .edge: requests != nil
            }
        }, "every call names one of the tables or services, and calls through the edge have its requests")
        self.service = service
        self.configuration = configuration
        self.tables = tables.map(ComponentLink.init)
        self.services = services.map { $0.map(ComponentLink.init) }
        self.instances = instances.map(ComponentLink.init)
        activeByInstance = Array(repeating: 0, count: instances.count)
        self.requests = requests
        sdk = SDKClientGroup(component: "sdk.\(service).dynamodb", count: instances.count, policy: configuration.retryPolicy, streams: streams)
        choices = streams.stream("service.\(service).calls/choice")
        targets = streams.stream("service.\(service).calls/instance")
    }

    // MARK: InstanceDownstream

    public func begin(_ call: UpstreamMessage.Call, instance: ServiceInstance, at end: SimTime, in simulation: Simulation) {
        precondition(instances[instance.index].target === instance, "an instance of another service")
        var job = ApplicationCallJob(call: call, instance: Int32(instance.index), key: UInt64(call.slot), started: end)
        if let context = requests?[call.slot] {
            // Copied now: the request may be answered (and its id reused) before a later call.
            job.key = UInt64(context.tenant)
            job.user = context.user
            job.tier = context.tier
        }
        let index: UInt32
        if let free = freeJobs.popLast() {
            index = free
            jobs[Int(index)] = job
        } else {
            precondition(jobs.count < 1 << 24, "a service call names its job in 24 bits")
            index = UInt32(jobs.count)
            jobs.append(job)
        }
        statistics.inFlight.add(1, at: simulation.now)
        activeByInstance[instance.index] += 1
        simulation.schedule(at: end, target: id, kind: Kind.start.rawValue, subject: index)
    }

    public func abandon(instance: ServiceInstance, in simulation: Simulation) -> [UpstreamMessage.Call] {
        var calls: [UpstreamMessage.Call] = []
        for index in jobs.indices where jobs[index].state == .active && jobs[index].instance == Int32(instance.index) {
            jobs[index].state = .abandoned
            statistics.inFlight.add(-1, at: simulation.now)
            activeByInstance[instance.index] -= 1
            calls.append(jobs[index].call)
        }
        return calls
    }

    public func holdsCalls(of instance: ServiceInstance) -> Bool {
        activeByInstance[instance.index] > 0
    }

    // MARK: Events

    public override func handle(_ event: Event, in simulation: Simulation) {
        let answer = event.kind == UpstreamMessage.responseKind ? UpstreamMessage.Answer(subject: event.subject, argument: event.argument) : nil
        let job = answer.map { Int($0.generation) } ?? Int(event.subject)
        guard jobs[job].state == .active else {
            precondition(jobs[job].state == .abandoned, "an event for a free job")
            release(job)
            return
        }
        switch event.kind {
        case Kind.start.rawValue: advance(job, in: simulation)
        case Kind.send.rawValue: send(job, in: simulation)
        case Kind.retry.rawValue: prepare(job, in: simulation)
        case DynamoDBResponse.kind: answered(job, DynamoDBResponse(event), in: simulation)
        case UpstreamMessage.responseKind: answered(job, status: answer!.status, in: simulation)
        default: preconditionFailure("unknown application call event \(event.kind)")
        }
    }

    /// On to the next call the request makes, or the answer when none is left.
    private func advance(_ job: Int, in simulation: Simulation) {
        var next = Int(jobs[job].next) + 1
        while next < configuration.calls.count {
            let probability = configuration.calls[next].probability
            if probability >= 1 || choices.bernoulli(probability) { break }
            next += 1
        }
        guard next < configuration.calls.count else {
            finish(job, status: 200, in: simulation)
            return
        }
        jobs[job].next = Int16(next)
        statistics.calls.increment()
        switch configuration.calls[next] {
        case .table:
            jobs[job].sdk = SDKRequest()
            prepare(job, in: simulation)
        case .service(let call):
            callService(call.service, job: job, in: simulation)
        case .edge(let call):
            callThroughEdge(call, job: job, in: simulation)
        }
    }

    /// Sends a new request of the call's route, for this request's tenant, to the edge, which
    /// answers this job.
    private func callThroughEdge(_ call: EdgeCall, job: Int, in simulation: Simulation) {
        guard let edge, let requests else { preconditionFailure("service \(service) calls through the edge without one") }
        let caller = instances[Int(jobs[job].instance)].target
        let request = requests.allocate(RequestContexts.Context(
            created: simulation.now, tenant: UInt32(truncatingIfNeeded: jobs[job].key), user: jobs[job].user, tier: jobs[job].tier,
            requestClass: call.requestClass, clientZone: caller.zone, caller: id, callerGeneration: UInt32(job)))
        edge.admitInternal(request, in: simulation)
    }

    /// Sends the request on to an instance of `service` that is in service and up; with none,
    /// the call fails at once.
    private func callService(_ service: Int, job: Int, in simulation: Simulation) {
        let candidates = services[service]
        var eligible = 0
        for link in candidates where link.target.isInService && link.target.isUp { eligible += 1 }
        guard eligible > 0 else {
            statistics.failed.increment()
            finish(job, status: configuration.failureStatus, in: simulation)
            return
        }
        var pick = targets.index(below: eligible)
        for link in candidates where link.target.isInService && link.target.isUp {
            if pick == 0 {
                let caller = instances[Int(jobs[job].instance)].target
                let request = jobs[job].call
                let call = UpstreamMessage.Call(
                    caller: id, callerZone: caller.zone, slot: request.slot, generation: UInt32(job), requestClass: request.requestClass)
                UpstreamMessage.send(call, to: link.target.id, after: caller.networkLatency(to: link.target.zone), in: simulation)
                return
            }
            pick -= 1
        }
    }

    /// The other service (or the edge) answered: a success goes on; a 5xx, a refusal or a
    /// reset fails the request.
    private func answered(_ job: Int, status: UInt16, in simulation: Simulation) {
        if status >= 100 && status < 500 {
            advance(job, in: simulation)
        } else {
            statistics.failed.increment()
            finish(job, status: configuration.failureStatus, in: simulation)
        }
    }

    private func prepare(_ job: Int, in simulation: Simulation) {
        let wait = sdk[Int(jobs[job].instance)].prepareAttempt(&jobs[job].sdk, at: simulation.now)
        if wait > .zero {
            simulation.schedule(after: wait, target: id, kind: Kind.send.rawValue, subject: UInt32(job))
        } else {
            send(job, in: simulation)
        }
    }

    private func send(_ job: Int, in simulation: Simulation) {
        guard case .table(let call) = configuration.calls[Int(jobs[job].next)] else { preconditionFailure("a table call") }
        let key = jobs[job].key
        let slot = UInt32(job)
        tables[call.table].withTarget { table in
            switch call.operation {
            case .getItem(let consistency):
                table.getItem(key: key, consistency: consistency, caller: id, slot: slot, in: simulation)
            case .putItem(let bytes):
                table.putItem(key: key, itemBytes: bytes, status: Self.itemStatus, caller: id, slot: slot, in: simulation)
            case .updateItem(let bytes):
                table.updateItem(key: key, itemBytes: bytes, status: Self.itemStatus, caller: id, slot: slot, in: simulation)
            }
        }
    }

    /// The status attribute the application's writes leave on an item (the tables' status
    /// index, if any, keys on it).
    private static let itemStatus: UInt8 = 1

    private func answered(_ job: Int, _ response: DynamoDBResponse, in simulation: Simulation) {
        let client = sdk[Int(jobs[job].instance)]
        switch client.complete(&jobs[job].sdk, outcome: SDKAttemptOutcome(response), at: simulation.now) {
        case .succeeded:
            advance(job, in: simulation)
        case .retry(let backoff):
            simulation.schedule(after: backoff, target: id, kind: Kind.retry.rawValue, subject: UInt32(job))
        case .failed:
            statistics.failed.increment()
            finish(job, status: configuration.failureStatus, in: simulation)
        }
    }

    private func finish(_ job: Int, status: UInt16, in simulation: Simulation) {
        statistics.time.record(simulation.now - jobs[job].started)
        statistics.inFlight.add(-1, at: simulation.now)
        activeByInstance[Int(jobs[job].instance)] -= 1
        let call = jobs[job].call
        let instance = instances[Int(jobs[job].instance)]
        release(job)
        instance.withTarget { $0.answerDownstream(call, status: status, in: simulation) }
    }

    // MARK: Statistics

    public override func resetStatistics(at time: SimTime) { resetCalls(at: time) }

    public override func report(at time: SimTime, into table: inout MetricTable) { reportCalls(at: time, into: &table) }

    public override var seriesKeys: [MetricKey] { callSeriesKeys }

    public override func sample(at time: SimTime, into frame: inout [Double]) { sampleCalls(at: time, into: &frame) }

    private func release(_ job: Int) {
        jobs[job].state = .free
        freeJobs.append(UInt32(job))
    }
}

/// One request's calls in progress.
struct ApplicationCallJob {
    enum State: UInt8 {
        case active
        /// Its instance crashed; freed when its outstanding event arrives.
        case abandoned
        case free
    }

    var call: UpstreamMessage.Call
    var instance: Int32
    /// The request's tenant when the requests' contexts are known; the call's slot otherwise.
    var key: UInt64
    /// The request's user and tier, for calls through the edge.
    var user: UInt32 = 0
    var tier = Tier.free
    /// When the application's own work ended and the calls began.
    var started: SimTime
    var sdk = SDKRequest()
    /// The call being made (-1 before the first).
    var next: Int16 = -1
    var state = State.active
}
