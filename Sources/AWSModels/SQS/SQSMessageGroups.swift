/// One FIFO message group: its stored messages in order (in flight ones included, at the
/// front), and how many of them are in flight.
struct SQSMessageGroup {
    var key: UInt64
    var members = SQSIndexList()
    var inFlight = 0
    var isLive = true
}

/// The FIFO queue's message groups, by index, with a free list, and the groups that can
/// deliver now ordered by their oldest message (`available`).
///
/// The dictionary from `MessageGroupId` to index is used for lookups only.
struct SQSMessageGroups {
    private var indices: [UInt64: UInt32] = [:]
    var groups: [SQSMessageGroup] = []
    private var free: [UInt32] = []
    /// Groups with no message in flight whose first message is visible and within the
    /// look-ahead window, keyed by that message's arrival sequence.
    var available = SQSIndexedHeap()

    /// The index of the group `key`, created if it has no messages.
    mutating func index(of key: UInt64) -> UInt32 {
        if let index = indices[key] { return index }
        let index: UInt32
        if let reused = free.popLast() {
            index = reused
            groups[Int(index)] = SQSMessageGroup(key: key)
        } else {
            index = UInt32(groups.count)
            groups.append(SQSMessageGroup(key: key))
        }
        indices[key] = index
        return index
    }

    /// Forgets a group that holds no message any more.
    mutating func release(_ index: UInt32) {
        precondition(groups[Int(index)].members.isEmpty && groups[Int(index)].inFlight == 0)
        if available.contains(index) { available.remove(index) }
        indices.removeValue(forKey: groups[Int(index)].key)
        groups[Int(index)].isLive = false
        free.append(index)
    }
}
