import AWSModels
import SimKernel
import Testing

/// A caller that records every SQS answer it gets, with the results copied out of the
/// queue's buffer at delivery, and can react to answers.
final class SQSTestClient: Component {
    struct Record {
        var time: SimTime
        var reply: SQSReply
        var messages: [SQSReceivedMessage]
        var entries: [SQSBatchEntryResult]
    }

    var queues: [SQSQueue] = []
    var records: [Record] = []
    var onReply: ((Record, Simulation) -> Void)?

    override func handle(_ event: Event, in simulation: Simulation) {
        guard let reply = SQSReply(event) else {
            Issue.record("unexpected event kind \(event.kind)")
            return
        }
        #expect(reply.caller == id)
        let queue = queues.first { $0.id == reply.queue }!
        var record = Record(time: simulation.now, reply: reply, messages: [], entries: [])
        if reply.action == .receiveMessage {
            record.messages = (0..<reply.count).map { queue.receivedMessage($0, of: reply) }
        } else {
            record.entries = (0..<reply.count).map { queue.entryResult($0, of: reply) }
        }
        records.append(record)
        onReply?(record, simulation)
    }

    var receives: [Record] { records.filter { $0.reply.action == .receiveMessage } }
}

/// A consumer that long-polls without end and deletes everything it receives, unless
/// `shouldDelete` says otherwise.
final class SQSTestWorker: Component {
    let queue: SQSQueue
    let wait: SimTime
    let maxMessages: Int
    var shouldDelete: (SQSReceivedMessage) -> Bool = { _ in true }
    var bodiesSeen: [UInt64] = []
    private var receipts: [SQSReceipt] = []
    private var nextDeleteSlot: UInt32 = 1

    init(queue: SQSQueue, wait: SimTime = .seconds(20), maxMessages: Int = 10) {
        self.queue = queue
        self.wait = wait
        self.maxMessages = maxMessages
    }

    func start(in simulation: Simulation) {
        queue.receiveMessage(maxMessages: maxMessages, waitTime: wait, caller: id, slot: 0, in: simulation)
    }

    override func handle(_ event: Event, in simulation: Simulation) {
        let reply = SQSReply(event)!
        guard reply.action == .receiveMessage else { return }
        receipts.removeAll(keepingCapacity: true)
        for index in 0..<reply.count {
            let message = queue.receivedMessage(index, of: reply)
            bodiesSeen.append(message.body)
            if shouldDelete(message) { receipts.append(message.receipt) }
        }
        if !receipts.isEmpty {
            // Each delete on its own slot, so no answer overwrites another's buffer.
            queue.deleteMessageBatch(receipts, caller: id, slot: nextDeleteSlot, in: simulation)
            nextDeleteSlot = nextDeleteSlot == 1_000 ? 1 : nextDeleteSlot + 1
        }
        queue.receiveMessage(maxMessages: maxMessages, waitTime: wait, caller: id, slot: 0, in: simulation)
    }
}

/// A simulation with a queue (and its dead-letter queue) and a test client.
struct SQSHarness {
    let simulation: Simulation
    let queue: SQSQueue
    let deadLetterQueue: SQSQueue?
    let client: SQSTestClient

    init(_ configuration: SQSQueueConfiguration, deadLetter: SQSQueueConfiguration? = nil, seed: UInt64 = 1) {
        let simulation = Simulation(seed: seed)
        self.simulation = simulation
        deadLetterQueue = deadLetter.map { SQSQueue(configuration: $0, streams: simulation.streams) }
        if let deadLetterQueue { simulation.register(deadLetterQueue) }
        queue = SQSQueue(configuration: configuration, deadLetterQueue: deadLetterQueue, streams: simulation.streams)
        simulation.register(queue)
        client = SQSTestClient()
        client.queues = [queue] + (deadLetterQueue.map { [$0] } ?? [])
        simulation.register(client)
    }

    /// Runs the simulation up to `time`, so that the next calls happen then.
    func at(_ time: SimTime) {
        simulation.run(until: time)
    }

    func send(_ body: UInt64, delay: SimTime? = nil, group: UInt64 = 0, dedup: UInt64? = nil, slot: UInt32 = 100) {
        queue.sendMessage(body: body, delay: delay, groupID: group, deduplicationID: dedup, caller: client.id, slot: slot, in: simulation)
    }

    func receive(max: Int = 1, visibility: SimTime? = nil, wait: SimTime? = nil, slot: UInt32 = 0, on target: SQSQueue? = nil) {
        (target ?? queue).receiveMessage(
            maxMessages: max, visibilityTimeout: visibility, waitTime: wait, caller: client.id, slot: slot, in: simulation)
    }

    func delete(_ receipt: SQSReceipt, slot: UInt32 = 200) {
        queue.deleteMessage(receipt, caller: client.id, slot: slot, in: simulation)
    }
}

/// A queue configuration with answers at the instant of the call and one storage host, so
/// that times are exact and short polls see every message.
func exactConfiguration(
    _ name: String = "q", type: SQSQueueType = .standard, visibility: SimTime = .seconds(30)
) -> SQSQueueConfiguration {
    var configuration = SQSQueueConfiguration(
        name: name, type: type, visibilityTimeout: visibility, duplicateProbability: 0, storageHosts: 1, sampledHosts: 1,
        latency: .zero)
    configuration.throughputLimit = nil
    return configuration
}
