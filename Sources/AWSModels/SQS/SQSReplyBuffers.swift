import SimKernel

/// The results of one caller's calls, by the caller's slot: up to ten received messages and
/// ten batch-entry outcomes per slot, written when the queue answers and readable until the
/// caller's next call on that slot.
final class SQSCallerReplies {
    static let width = 10

    var messages: [SQSReceivedMessage] = []
    var entries: [SQSBatchEntryResult] = []

    func ensure(slot: UInt32) {
        let needed = (Int(slot) + 1) * SQSCallerReplies.width
        guard messages.count < needed else { return }
        let target = max(needed, messages.count * 2)
        messages.append(contentsOf: repeatElement(.empty, count: target - messages.count))
        entries.append(contentsOf: repeatElement(SQSBatchEntryResult(status: .ok), count: target - entries.count))
    }
}

/// Every caller's reply buffers, found by the caller's component index through a flat table.
struct SQSReplyBuffers {
    private var byComponent: [Int32] = []
    private var callers: [SQSCallerReplies] = []

    /// The caller's buffers, with room for `slot`.
    mutating func buffers(for caller: ComponentID, slot: UInt32) -> SQSCallerReplies {
        let component = Int(caller.index)
        while byComponent.count <= component { byComponent.append(-1) }
        if byComponent[component] < 0 {
            byComponent[component] = Int32(callers.count)
            callers.append(SQSCallerReplies())
        }
        let replies = callers[Int(byComponent[component])]
        replies.ensure(slot: slot)
        return replies
    }

    func existing(for caller: ComponentID) -> SQSCallerReplies? {
        let component = Int(caller.index)
        guard component < byComponent.count, byComponent[component] >= 0 else { return nil }
        return callers[Int(byComponent[component])]
    }
}
