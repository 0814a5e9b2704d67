import SimKernel

/// Where a stored message is in its life.
enum SQSMessageState: UInt8 {
    /// The slab slot holds no message.
    case free
    /// Sent with a delay that has not ended.
    case delayed
    /// Can be received.
    case visible
    /// Received, hidden until its visibility timeout ends or it is deleted.
    case inFlight
}

/// One slot of a queue's message slab. Timers and list links live beside the slab, indexed
/// by the same slot.
struct SQSMessageRecord {
    var messageID: UInt64 = 0
    /// Arrival order in this queue: breaks timer ties and orders FIFO groups.
    var sequence: UInt64 = 0
    var body: UInt64 = 0
    var groupID: UInt64 = 0
    /// `SentTimestamp`: retention counts from it.
    var sentAt = SimTime.zero
    /// When it entered this queue: `ApproximateAgeOfOldestMessage` counts from it (for a
    /// dead-letter queue, the time since the move).
    var arrivedAt = SimTime.zero
    /// When the current receipt was issued: the 12-hour visibility cap counts from it.
    var receivedAt = SimTime.zero
    var receiveCount: UInt32 = 0
    /// Advances at every receive and when the slot is freed: a receipt is current only while
    /// it carries the slot's generation.
    var generation: UInt32 = 0
    /// FIFO: the group's index.
    var group: UInt32 = SQSLinks.none
    var state = SQSMessageState.free
    /// Standard: the storage host holding it.
    var host: UInt16 = 0
    /// A delete left a copy of it behind: every later delivery is a duplicate.
    var survivedDelete = false
    /// FIFO: among the oldest `fifoGroupLookahead` messages.
    var inWindow = false
}
