import SimKernel

/// An Amazon SQS queue, standard or FIFO, as the service behaves: visibility timeouts,
/// delays, retention, receive counts and redrive to a dead-letter queue, at-least-once
/// duplicates, short polls that sample storage hosts and long polls that wait, the in-flight
/// limit, FIFO group order, deduplication and throughput limits.
///
/// Calls are methods a caller invokes with its `ComponentID` and its own slot for the call.
/// A call takes effect at once; the answer reaches the caller as an event after the API
/// latency: kind `SQSAction.<action>.eventKind`, subject the caller's slot, and an argument
/// `SQSReply(event)` decodes (status, result count, queue, the caller's tag). Received
/// messages and batch outcomes wait in the queue's buffer for that slot:
/// `receivedMessage(_:of:)`, `entryResult(_:of:)`. Buffers are sized by the largest slot a
/// caller uses, so slots should be small dense integers (a worker's thread number, say), and
/// a caller should not start a second call on a slot before the first one's answer arrived.
///
/// Messages live in a slab indexed by integers, in intrusive lists and indexed heaps, so a
/// warm queue allocates nothing per message. Metrics appear under `sqs.<name>`.
public final class SQSQueue: Component {
    public let configuration: SQSQueueConfiguration
    public let deadLetterQueue: SQSQueue?
    public var name: String { configuration.name }
    public var isFIFO: Bool { fifo }
    public internal(set) var statistics = SQSQueueStatistics()

    /// `ApproximateNumberOfMessagesVisible`.
    public internal(set) var visibleMessages = 0
    /// `ApproximateNumberOfMessagesNotVisible`: received, in flight.
    public internal(set) var inFlightMessages = 0
    /// `ApproximateNumberOfMessagesDelayed`.
    public internal(set) var delayedMessages = 0

    enum Kind: UInt32 {
        case stateTimer = 1
        case retentionTimer
        case pollTimeout
    }

    let fifo: Bool
    // The message slab and what lives beside it, indexed by slot.
    var messages: [SQSMessageRecord] = []
    var freeSlots: [UInt32] = []
    /// Standard: links of the storage hosts' visible lists; FIFO: links of the group lists.
    var queueLinks = SQSLinks()
    /// Links of `arrivals`: every stored message in the order it entered the queue.
    var arrivalLinks = SQSLinks()
    var arrivals = SQSIndexList()
    /// Delays and visibility timeouts (a message has at most one of them at a time).
    var stateTimers = SQSIndexedHeap()
    var retentionTimers = SQSIndexedHeap()
    var stateTimer = SQSArmedTimer(kind: Kind.stateTimer.rawValue)
    var retentionTimer = SQSArmedTimer(kind: Kind.retentionTimer.rawValue)
    var pollTimer = SQSArmedTimer(kind: Kind.pollTimeout.rawValue)
    var nextSequence: UInt64 = 0

    var hosts: SQSStorageHosts
    var groups = SQSMessageGroups()
    /// FIFO look-ahead window: the last message in it, and how many it holds.
    var windowLast = SQSLinks.none
    var windowCount = 0
    var deduplication: SQSDeduplicationWindow
    var limiters: [SQSThroughputLimiter]
    var replies = SQSReplyBuffers()
    var polls = SQSWaitingPolls()

    let sendLatency: RandomStream
    let receiveLatency: RandomStream
    let deleteLatency: RandomStream
    let visibilityLatency: RandomStream
    let placement: RandomStream
    let shortPolls: RandomStream
    let duplicates: RandomStream
    let lostReceives: RandomStream

    // Fixed-interval sampling.
    var previousSample = SimTime.zero
    var previousVisibleIntegral = 0.0
    var previousNotVisibleIntegral = 0.0

    /// A queue. A redrive policy (`maxReceiveCount`) needs `deadLetterQueue`, a queue of the
    /// same type registered with the same simulation.
    public init(configuration: SQSQueueConfiguration, deadLetterQueue: SQSQueue? = nil, streams: RandomStreams) {
        let problems = configuration.problems
        precondition(problems.isEmpty, "invalid SQS queue '\(configuration.name)': \(problems.joined(separator: "; "))")
        precondition((configuration.maxReceiveCount == nil) == (deadLetterQueue == nil),
                     "a redrive policy needs both max_receive_count and a dead-letter queue")
        if let deadLetterQueue {
            precondition(deadLetterQueue.configuration.type == configuration.type,
                         "a dead-letter queue must be of the same type as its source queue")
        }
        self.configuration = configuration
        self.deadLetterQueue = deadLetterQueue
        let fifo = configuration.type == .fifo
        self.fifo = fifo
        hosts = SQSStorageHosts(hosts: fifo ? 1 : configuration.storageHosts, sampled: fifo ? 1 : configuration.sampledHosts)
        deduplication = SQSDeduplicationWindow(interval: configuration.deduplicationInterval)
        limiters = configuration.throughputLimit.map { limit in
            Array(repeating: SQSThroughputLimiter(callsPerSecond: limit, burst: configuration.throughputBurst), count: SQSAction.limiterCount)
        } ?? []
        let prefix = "sqs.\(configuration.name)"
        sendLatency = streams.stream("\(prefix)/latency.send")
        receiveLatency = streams.stream("\(prefix)/latency.receive")
        deleteLatency = streams.stream("\(prefix)/latency.delete")
        visibilityLatency = streams.stream("\(prefix)/latency.change_visibility")
        placement = streams.stream("\(prefix)/placement")
        shortPolls = streams.stream("\(prefix)/short_poll")
        duplicates = streams.stream("\(prefix)/duplicates")
        lostReceives = streams.stream("\(prefix)/lost_receives")
    }

    /// Messages stored: visible, in flight and delayed.
    public var storedMessages: Int { arrivals.count }

    /// Long polls waiting for messages.
    public var waitingReceives: Int { polls.count }

    /// `ApproximateAgeOfOldestMessage` at `time`: how long the oldest stored message (in
    /// flight and delayed ones included) has been in this queue; zero when it is empty.
    public func ageOfOldestMessage(at time: SimTime) -> SimTime {
        arrivals.isEmpty ? .zero : time - messages[Int(arrivals.head)].arrivedAt
    }

    // MARK: Reading results

    /// Message `index` (below `reply.count`) of a ReceiveMessage answer.
    public func receivedMessage(_ index: Int, of reply: SQSReply) -> SQSReceivedMessage {
        precondition(reply.queue == id && reply.action == .receiveMessage && index >= 0 && index < reply.count,
                     "no such received message in this reply")
        return replies.existing(for: reply.caller)!.messages[Int(reply.slot) * SQSCallerReplies.width + index]
    }

    /// Entry `index` (below `reply.count`) of a send, delete or change-visibility answer
    /// (batch or single; a single call has one entry).
    public func entryResult(_ index: Int, of reply: SQSReply) -> SQSBatchEntryResult {
        precondition(reply.queue == id && reply.action != .receiveMessage && index >= 0 && index < reply.count,
                     "no such entry in this reply")
        return replies.existing(for: reply.caller)!.entries[Int(reply.slot) * SQSCallerReplies.width + index]
    }

    // MARK: Events

    public override func handle(_ event: Event, in simulation: Simulation) {
        switch Kind(rawValue: event.kind) {
        case .stateTimer:
            stateTimer.fired()
            endStateTimers(in: simulation)
        case .retentionTimer:
            retentionTimer.fired()
            expireMessages(in: simulation)
        case .pollTimeout:
            pollTimer.fired()
            endWaits(in: simulation)
        case nil:
            preconditionFailure("unknown SQS queue event \(event.kind)")
        }
        serveWaitingPolls(in: simulation)
        recordCounts(at: simulation.now)
    }

    // MARK: Statistics (SQSQueue+Metrics.swift)

    public override func resetStatistics(at time: SimTime) {
        resetQueueStatistics(at: time)
    }

    public override func report(at time: SimTime, into table: inout MetricTable) {
        reportQueue(at: time, into: &table)
    }

    public override var seriesKeys: [MetricKey] { queueSeriesKeys }

    public override func sample(at time: SimTime, into frame: inout [Double]) {
        sampleQueue(at: time, into: &frame)
    }

    // MARK: Answers

    /// Whether the action's throughput limit admits one more call now; counts the request.
    func admit(_ action: SQSAction, at now: SimTime) -> Bool {
        statistics.requests.increment()
        guard !limiters.isEmpty else { return true }
        if limiters[action.limiter].admit(at: now) { return true }
        statistics.throttledCalls.increment()
        return false
    }

    func answer(
        _ action: SQSAction, status: SQSStatus, count: Int, caller: ComponentID, slot: UInt32, tag: UInt32,
        in simulation: Simulation
    ) {
        let latency: SimTime
        switch action {
        case .sendMessage, .sendMessageBatch:
            latency = configuration.latency.send.sampleTime(sendLatency)
        case .receiveMessage:
            latency = configuration.latency.receive.sampleTime(receiveLatency)
        case .deleteMessage, .deleteMessageBatch:
            latency = configuration.latency.delete.sampleTime(deleteLatency)
        case .changeMessageVisibility, .changeMessageVisibilityBatch:
            latency = configuration.latency.changeVisibility.sampleTime(visibilityLatency)
        }
        simulation.schedule(
            after: latency, target: caller, kind: action.eventKind, subject: slot,
            argument: SQSReply.argument(status: status, count: count, queue: id, tag: tag))
    }

    func recordCounts(at now: SimTime) {
        statistics.visible.set(Double(visibleMessages), at: now)
        statistics.notVisible.set(Double(inFlightMessages), at: now)
        statistics.delayed.set(Double(delayedMessages), at: now)
    }
}
