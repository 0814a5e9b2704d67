import AWSModels
import SimKernel

/// The workers that drain the provisioning queue.
///
/// Each thread long-polls for a batch, then works through its messages one at a time: it
/// reads the tenant record; a record already ACTIVE or FAILED means a duplicate delivery, so
/// the message is deleted with no work done; otherwise the thread resumes at the first step
/// not yet done, and after each step advances the record with a conditional write on its
/// version, so that of two deliveries running at once only one moves it on (the other
/// stops). When the last step is recorded (ACTIVE) it deletes the message. A failed step
/// leaves the message to reappear when its visibility timeout ends; on its last allowed
/// receive the thread records FAILED and lets the redrive policy move it to the dead-letter
/// queue. With a heartbeat, the thread keeps extending the visibility of the messages it
/// holds; without, a long step lets its message reappear and be received again meanwhile.
///
/// Thread `w` calls on channel `2w`; its heartbeat calls SQS on `2w + 1`. Threads belong to
/// processes (`WorkerProcess`), `threads` each; a thread works only while its process takes
/// work, and a crash of its process leaves the events of its calls in flight to arrive and
/// be dropped (see ProvisioningWorkers+Processes.swift).
public final class ProvisioningWorkers: Component {
    enum Kind: UInt32 {
        /// An attempt held back by the adaptive rate limiter may go (subject: channel).
        case attempt = 1
        /// A retry's backoff is over (subject: channel).
        case backoff
        /// The thread's step run ended (subject: thread).
        case stepDone
        /// Time for a heartbeat (subject: thread, argument: the batch's generation).
        case heartbeat
        /// Poll again after a failed receive (subject: thread).
        case poll
    }

    enum Call: UInt8 {
        case receive
        case readRecord
        case advanceRecord
        case failRecord
        case delete
    }

    struct Thread {
        var held = 0
        var next = 0
        var call = Call.receive
        var sdk = SDKRequest()
        var heartbeatSDK = SDKRequest()
        var heartbeatInFlight = false
        var tenant: UInt32 = 0
        var receiveCount = 0
        var stepsDone = 0
        var version: UInt32 = 0
        var run = StepRun(end: .zero, succeeds: true, doesWork: false)
        /// Advances with every batch, so a heartbeat of an earlier batch is recognised.
        var generation: UInt32 = 0
        /// Working: exactly one event of its main channel is on its way.
        var active = false
        /// Its process crashed while it was working, or sending a heartbeat: the event still
        /// on its way on that channel belongs to the dead process.
        var staleMain = false
        var staleHeartbeat = false
    }

    let configuration: ProvisioningConfiguration
    let table: DynamoDBTable
    let queue: SQSQueue
    let ledger: TenantLedger
    let effects: StepEffects
    public let dynamoDB: SDKClientGroup
    public let sqs: SDKClientGroup
    var threads: [Thread]
    /// The messages each thread holds: `receiveBatch` cells per thread.
    var held: [SQSReceivedMessage?]
    var changes: [SQSVisibilityChange] = []
    let indexesStatus: Bool
    var statistics = WorkerStatistics()
    var series = WorkerSeries()
    /// One per process, in order; thread `w` runs in process `w / threads`.
    public private(set) var processes: [WorkerProcess] = []

    /// `processes` are those a fleet runs, made by `processes(_:streams:)`; nil: the pool
    /// makes its own, all in service from the start.
    public init(
        configuration: ProvisioningConfiguration, table: DynamoDBTable, queue: SQSQueue, ledger: TenantLedger, effects: StepEffects,
        processes: [WorkerProcess]? = nil, streams: RandomStreams
    ) {
        self.configuration = configuration
        self.table = table
        self.queue = queue
        self.ledger = ledger
        self.effects = effects
        let workers = configuration.workers
        dynamoDB = SDKClientGroup(
            component: "sdk.provisioning-workers.dynamodb", count: workers.instances, policy: configuration.dynamoDBRetry, streams: streams)
        sqs = SDKClientGroup(component: "sdk.provisioning-workers.sqs", count: workers.instances, policy: configuration.sqsRetry, streams: streams)
        threads = Array(repeating: Thread(), count: workers.threadCount)
        held = Array(repeating: nil, count: workers.threadCount * workers.receiveBatch)
        changes.reserveCapacity(workers.receiveBatch)
        indexesStatus = configuration.table.index != nil
        super.init()
        self.processes = processes ?? ProvisioningWorkers.processes(workers, streams: streams)
        precondition(self.processes.count == workers.instances, "one process per worker instance")
        for process in self.processes { process.pool = self }
    }

    /// The pool's processes, one per instance, before the pool exists.
    public static func processes(_ workers: WorkerPoolConfiguration, streams: RandomStreams) -> [WorkerProcess] {
        (0..<workers.instances).map { WorkerProcess(index: $0, threads: workers.threads, streams: streams) }
    }

    /// The threads of every process that takes work start polling (on a fleet, those its
    /// initial instances run; the others when their instance enters service).
    public func start(in simulation: Simulation) {
        for process in processes where process.takesWork { resume(process: process.index, in: simulation) }
    }

    func process(of thread: Int) -> Int { thread / configuration.workers.threads }

    // MARK: Events

    public override func handle(_ event: Event, in simulation: Simulation) {
        switch event.kind {
        case Kind.attempt.rawValue:
            let channel = Int(event.subject)
            guard !droppedStale(channel: channel, in: simulation) else { return }
            if channel % 2 == 0 { send(thread: channel / 2, in: simulation) } else { sendHeartbeat(thread: channel / 2, in: simulation) }
        case Kind.backoff.rawValue:
            let channel = Int(event.subject)
            guard !droppedStale(channel: channel, in: simulation) else { return }
            if channel % 2 == 0 { prepare(thread: channel / 2, in: simulation) } else { prepareHeartbeat(thread: channel / 2, in: simulation) }
        case Kind.stepDone.rawValue:
            let thread = Int(event.subject)
            if threads[thread].staleMain {
                // The step's remote work goes on without the process that started it.
                effects.finish(threads[thread].run, tenant: threads[thread].tenant, step: threads[thread].stepsDone)
            }
            guard !droppedStale(channel: 2 * thread, in: simulation) else { return }
            stepEnded(thread: thread, in: simulation)
        case Kind.heartbeat.rawValue:
            heartbeatDue(thread: Int(event.subject), generation: UInt32(truncatingIfNeeded: event.argument), in: simulation)
        case Kind.poll.rawValue:
            guard !droppedStale(channel: 2 * Int(event.subject), in: simulation) else { return }
            poll(thread: Int(event.subject), in: simulation)
        case DynamoDBResponse.kind:
            let response = DynamoDBResponse(event)
            if threads[Int(event.subject) / 2].staleMain {
                orphanedWriteLanded(thread: Int(event.subject) / 2, outcome: SDKAttemptOutcome(response), at: simulation.now)
            }
            guard !droppedStale(channel: Int(event.subject), in: simulation) else { return }
            completed(thread: Int(event.subject) / 2, outcome: SDKAttemptOutcome(response), reply: nil, item: response.item, in: simulation)
        default:
            guard let reply = SQSReply(event) else { preconditionFailure("unknown provisioning worker event \(event.kind)") }
            let channel = Int(reply.slot)
            if channel % 2 == 0, threads[channel / 2].staleMain, threads[channel / 2].call == .receive {
                // Received for a dead process: hidden until their visibility timeout ends.
                statistics.lostInCrash.increment(by: UInt64(reply.count))
            }
            guard !droppedStale(channel: channel, in: simulation) else { return }
            if channel % 2 == 0 {
                completed(thread: channel / 2, outcome: SDKAttemptOutcome(reply.status), reply: reply, item: .missing, in: simulation)
            } else {
                heartbeatAnswered(thread: channel / 2, reply: reply, in: simulation)
            }
        }
    }

    // MARK: Statistics (ProvisioningWorkers+Statistics.swift)

    public override func resetStatistics(at time: SimTime) {
        resetWorkerStatistics(at: time)
    }

    public override func report(at time: SimTime, into table: inout MetricTable) {
        reportWorkers(at: time, into: &table)
    }

    public override var seriesKeys: [MetricKey] { workerSeriesKeys }

    public override func sample(at time: SimTime, into frame: inout [Double]) {
        sampleWorkers(at: time, into: &frame)
    }
}
