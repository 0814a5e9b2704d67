import SimKernel

/// An answer from a queue, decoded from the event that carried it.
///
/// The event's `subject` is the caller's slot; its `argument` packs the status (4 bits), the
/// number of results (4 bits), the queue's component index (20 bits) and the caller's tag
/// (32 bits). The results themselves (received messages, batch entry outcomes) wait in the
/// queue's buffer for that caller slot: `SQSQueue.receivedMessage(_:of:)` and
/// `SQSQueue.entryResult(_:of:)` read them, without allocation, until the caller's next call
/// on that slot.
public struct SQSReply: Sendable, Equatable {
    /// Every SQS answer kind is `kindBase | action`.
    public static let kindBase: UInt32 = 0x5351_0000

    public var action: SQSAction
    public var status: SQSStatus
    /// Messages received, or entries of a send or batch call (1 for a single call); 0 when
    /// the whole call failed.
    public var count: Int
    public var queue: ComponentID
    public var caller: ComponentID
    public var slot: UInt32
    /// The caller's own tag for the call (a generation, say), echoed unchanged.
    public var tag: UInt32

    /// The answer an event carries, or nil if it is no SQS answer.
    public init?(_ event: Event) {
        guard event.kind & 0xFFFF_0000 == SQSReply.kindBase,
              let action = SQSAction(rawValue: UInt8(truncatingIfNeeded: event.kind & 0xFF)),
              let status = SQSStatus(rawValue: UInt8(truncatingIfNeeded: event.argument & 0xF))
        else { return nil }
        self.action = action
        self.status = status
        count = Int((event.argument >> 4) & 0xF)
        queue = ComponentID(index: UInt32(truncatingIfNeeded: (event.argument >> 8) & 0xF_FFFF))
        caller = event.target
        slot = event.subject
        tag = UInt32(truncatingIfNeeded: event.argument >> 32)
    }

    /// True if the event is an answer from an SQS queue.
    public static func isReply(_ event: Event) -> Bool {
        event.kind & 0xFFFF_0000 == kindBase
    }

    static func argument(status: SQSStatus, count: Int, queue: ComponentID, tag: UInt32) -> UInt64 {
        UInt64(tag) << 32 | UInt64(queue.index & 0xF_FFFF) << 8 | UInt64(count & 0xF) << 4 | UInt64(status.rawValue)
    }
}
