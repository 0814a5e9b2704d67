import SimKernel

/// A receipt handle: names one receive of one message. Only the most recent receipt of a
/// message deletes it or changes its visibility; an older one (the message was received
/// again since, or is gone) deletes nothing, as SQS's receipt handles behave.
public struct SQSReceipt: Hashable, Sendable {
    /// The component index of the queue that issued it.
    public let queue: UInt32
    let slot: UInt32
    let generation: UInt32

    init(queue: UInt32, slot: UInt32, generation: UInt32) {
        self.queue = queue
        self.slot = slot
        self.generation = generation
    }
}

/// One message of a SendMessageBatch (or the arguments of a SendMessage).
public struct SQSSendEntry: Sendable, Equatable {
    /// The caller's payload (a tenant id, a job id).
    public var body: UInt64
    /// Per-message timer, standard queues only (0 to 900 s); nil takes the queue's delay.
    public var delay: SimTime?
    /// FIFO: `MessageGroupId`. Ignored by standard queues.
    public var groupID: UInt64
    /// FIFO: `MessageDeduplicationId`; nil needs content-based deduplication on the queue.
    public var deduplicationID: UInt64?

    public init(body: UInt64, delay: SimTime? = nil, groupID: UInt64 = 0, deduplicationID: UInt64? = nil) {
        self.body = body
        self.delay = delay
        self.groupID = groupID
        self.deduplicationID = deduplicationID
    }
}

/// One entry of a ChangeMessageVisibilityBatch.
public struct SQSVisibilityChange: Sendable, Equatable {
    public var receipt: SQSReceipt
    public var timeout: SimTime

    public init(receipt: SQSReceipt, timeout: SimTime) {
        self.receipt = receipt
        self.timeout = timeout
    }
}

/// A message as ReceiveMessage returns it.
public struct SQSReceivedMessage: Sendable, Equatable {
    public var receipt: SQSReceipt
    /// Unique across queues; kept when the message moves to a dead-letter queue.
    public var messageID: UInt64
    public var body: UInt64
    /// FIFO: the message group; 0 on standard queues.
    public var groupID: UInt64
    /// `ApproximateReceiveCount`, this receive included.
    public var receiveCount: Int
    /// `SentTimestamp`.
    public var sentAt: SimTime

    static let empty = SQSReceivedMessage(
        receipt: SQSReceipt(queue: 0, slot: 0, generation: 0), messageID: 0, body: 0, groupID: 0, receiveCount: 0, sentAt: .zero)
}

/// The outcome of one entry of a batch call (or of a single call): its status and, for a
/// send, the message id (the first message's id when a FIFO send was deduplicated).
public struct SQSBatchEntryResult: Sendable, Equatable {
    public var status: SQSStatus
    public var messageID: UInt64

    public init(status: SQSStatus, messageID: UInt64 = 0) {
        self.status = status
        self.messageID = messageID
    }
}
