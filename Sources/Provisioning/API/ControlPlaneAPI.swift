import AWSModels
import SimKernel

/// The control-plane API that takes sign-ups (`POST /tenants`).
///
/// Each instance has `threads` request threads and a bounded FIFO queue in front of them (a
/// `Station`); sign-ups are spread over the instances in turn. A request holds its thread
/// for its whole life: its own handling, then a conditional PutItem of the tenant record
/// (PENDING, `attribute_not_exists`) and, asynchronously, a SendMessage, after which it
/// answers 202; synchronously it runs the steps itself, advancing the record after each, and
/// answers 201. Every AWS call goes through the instance's SDK client, with its retries.
/// The client gives up after the API's timeout; the server does not notice and finishes.
///
/// Calls are made on the thread's index (instance * threads + server), so answers find
/// their thread by the event's subject.
public final class ControlPlaneAPI: Component {
    enum Kind: UInt32 {
        /// The request's own handling is done: its first call starts.
        case handled = 1
        /// An attempt held back by the adaptive rate limiter may go.
        case attempt
        /// A retry's backoff is over.
        case backoff
        /// A step run inside the request ended (synchronous mode).
        case stepDone
        /// The common timeout list is due.
        case timeouts
    }

    enum Call: UInt8 {
        case createRecord
        case enqueue
        case advanceRecord
        case failRecord
    }

    struct Request {
        var tenant: UInt32 = 0
        var arrivedAt = SimTime.zero
        var generation: UInt32 = 0
        var live = false
        var timedOut = false
    }

    struct Thread {
        var request: UInt32 = 0
        var call = Call.createRecord
        var sdk = SDKRequest()
        var stepsDone = 0
        var version: UInt32 = 0
        var run = StepRun(end: .zero, succeeds: true, doesWork: false)
    }

    let configuration: ProvisioningConfiguration
    let table: DynamoDBTable
    let queue: SQSQueue
    let ledger: TenantLedger
    let effects: StepEffects
    public let dynamoDB: SDKClientGroup
    public let sqs: SDKClientGroup
    var stations: [Station]
    var threads: [Thread]
    var requests: [Request] = []
    var freeRequests: [UInt32] = []
    var timeouts: CommonTimeouts
    var nextInstance = 0
    let handlingTimes: RandomStream
    /// Whether writes maintain the table's status index.
    let indexesStatus: Bool
    var statistics = ControlPlaneStatistics()
    var series = ControlPlaneSeries()

    public init(
        configuration: ProvisioningConfiguration, table: DynamoDBTable, queue: SQSQueue, ledger: TenantLedger, effects: StepEffects,
        streams: RandomStreams
    ) {
        self.configuration = configuration
        self.table = table
        self.queue = queue
        self.ledger = ledger
        self.effects = effects
        let api = configuration.api
        dynamoDB = SDKClientGroup(component: "sdk.provisioning-api.dynamodb", count: api.instances, policy: configuration.dynamoDBRetry, streams: streams)
        sqs = SDKClientGroup(component: "sdk.provisioning-api.sqs", count: api.instances, policy: configuration.sqsRetry, streams: streams)
        stations = (0..<api.instances).map { _ in
            Station(servers: api.threads, capacity: api.queueCapacity.map { $0 + api.threads }, percentiles: false)
        }
        threads = Array(repeating: Thread(), count: api.instances * api.threads)
        timeouts = CommonTimeouts(duration: api.timeout)
        handlingTimes = streams.stream("provisioning.api/handling")
        indexesStatus = configuration.table.index != nil
    }

    // MARK: Sign-ups

    /// A sign-up arrives: its tenant is numbered, and its request goes to the next instance.
    public func signUp(in simulation: Simulation) {
        let now = simulation.now
        let tenant = ledger.signUp(at: now)
        effects.addTenant()
        statistics.requests.increment()
        let instance = nextInstance
        nextInstance = (nextInstance + 1) % stations.count
        let slot = allocateRequest(tenant: tenant, at: now)
        switch stations[instance].arrive(job: slot, at: now) {
        case .started(let server):
            start(slot, thread: instance * configuration.api.threads + server, in: simulation)
        case .queued:
            break
        case .rejected:
            statistics.overloaded.increment()
            ledger.settle(tenant, .rejected, at: now)
            record(answerTo: slot, accepted: false, at: now)
            releaseRequest(slot)
            return
        }
        statistics.inFlight.add(1, at: now)
        if let due = timeouts.start(subject: slot, generation: requests[Int(slot)].generation, at: now) {
            simulation.schedule(at: due, target: id, kind: Kind.timeouts.rawValue)
        }
    }

    private func allocateRequest(tenant: UInt32, at now: SimTime) -> UInt32 {
        let slot: UInt32
        if let free = freeRequests.popLast() {
            slot = free
        } else {
            slot = UInt32(requests.count)
            requests.append(Request())
        }
        requests[Int(slot)].tenant = tenant
        requests[Int(slot)].arrivedAt = now
        requests[Int(slot)].live = true
        requests[Int(slot)].timedOut = false
        return slot
    }

    private func releaseRequest(_ slot: UInt32) {
        requests[Int(slot)].live = false
        requests[Int(slot)].generation &+= 1
        freeRequests.append(slot)
    }

    /// The request got a thread: its own handling runs first.
    private func start(_ slot: UInt32, thread: Int, in simulation: Simulation) {
        threads[thread].request = slot
        statistics.waits.record(simulation.now - requests[Int(slot)].arrivedAt)
        let handling = configuration.api.handling.sampleTime(handlingTimes)
        simulation.schedule(after: handling, target: id, kind: Kind.handled.rawValue, subject: UInt32(thread))
    }

    /// The request answers `status`: the client hears it (if it still listens) and the thread
    /// takes the next waiting request of its instance.
    func answer(thread: Int, status: UInt16, in simulation: Simulation) {
        let now = simulation.now
        let slot = threads[thread].request
        switch status {
        case 200..<300: statistics.accepted.increment()
        case 409: statistics.conflicts.increment()
        default: statistics.errors.increment()
        }
        record(answerTo: slot, accepted: (200..<300).contains(status), at: now)
        releaseRequest(slot)
        statistics.inFlight.add(-1, at: now)
        let instance = thread / configuration.api.threads
        let server = thread % configuration.api.threads
        if let next = stations[instance].complete(server: server, at: now).started {
            start(next, thread: thread, in: simulation)
        }
    }

    /// Answers after the client gave up are counted; accepted ones in time are timed.
    private func record(answerTo slot: UInt32, accepted: Bool, at now: SimTime) {
        let request = requests[Int(slot)]
        if request.timedOut {
            statistics.lateAnswers.increment()
        } else if accepted && ledger.isMeasured(request.tenant) {
            statistics.latency.record(now - request.arrivedAt)
        }
    }

    // MARK: Events

    public override func handle(_ event: Event, in simulation: Simulation) {
        let thread = Int(event.subject)
        switch event.kind {
        case Kind.handled.rawValue:
            begin(.createRecord, thread: thread, in: simulation)
        case Kind.attempt.rawValue:
            send(thread: thread, in: simulation)
        case Kind.backoff.rawValue:
            prepare(thread: thread, in: simulation)
        case Kind.stepDone.rawValue:
            stepEnded(thread: thread, in: simulation)
        case Kind.timeouts.rawValue:
            timeoutsFired(in: simulation)
        case DynamoDBResponse.kind:
            let response = DynamoDBResponse(event)
            completed(thread: thread, outcome: SDKAttemptOutcome(response), item: response.item, in: simulation)
        default:
            guard let reply = SQSReply(event) else { preconditionFailure("unknown control-plane API event \(event.kind)") }
            completed(thread: thread, outcome: SDKAttemptOutcome(reply.status), item: .missing, in: simulation)
        }
    }

    private func timeoutsFired(in simulation: Simulation) {
        while let entry = timeouts.nextExpired(at: simulation.now, isLive: isWaiting) {
            requests[Int(entry.subject)].timedOut = true
            statistics.timeouts.increment()
        }
        if let due = timeouts.rearm(isLive: isWaiting) {
            simulation.schedule(at: due, target: id, kind: Kind.timeouts.rawValue)
        }
    }

    /// A timeout entry still stands for a request its client waits for.
    private func isWaiting(_ entry: CommonTimeouts.Entry) -> Bool {
        let request = requests[Int(entry.subject)]
        return request.live && !request.timedOut && request.generation == entry.generation
    }

    // MARK: Statistics (ControlPlaneAPI+Statistics.swift)

    public override func resetStatistics(at time: SimTime) {
        resetAPIStatistics(at: time)
    }

    public override func report(at time: SimTime, into table: inout MetricTable) {
        reportAPI(at: time, into: &table)
    }

    public override var seriesKeys: [MetricKey] { apiSeriesKeys }

    public override func sample(at time: SimTime, into frame: inout [Double]) {
        sampleAPI(at: time, into: &frame)
    }
}
