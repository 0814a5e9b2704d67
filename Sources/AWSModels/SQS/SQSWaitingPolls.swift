import SimKernel

/// A receive: who asked, how many messages, and for how long to hide them.
struct SQSWaitingPoll {
    var caller: ComponentID
    var slot: UInt32
    var tag: UInt32
    var maxMessages: Int
    var visibilityTimeout: SimTime
}

/// Long polls waiting on a queue, served first come first served; a poll leaves from the
/// front when messages arrive or from anywhere when its wait ends. Records are reused through
/// a free list. Wait deadlines sit in an indexed heap behind one armed calendar event, so a
/// poll answered early leaves no stale event behind.
struct SQSWaitingPolls {
    private(set) var polls: [SQSWaitingPoll] = []
    private var free: [UInt32] = []
    private var links = SQSLinks()
    private var waiting = SQSIndexList()
    /// Wait deadlines, by poll index; ties break by arrival.
    var deadlines = SQSIndexedHeap()
    private var arrivals: UInt64 = 0

    var count: Int { waiting.count }
    var isEmpty: Bool { waiting.isEmpty }
    var first: UInt32? { waiting.isEmpty ? nil : waiting.head }

    subscript(index: UInt32) -> SQSWaitingPoll { polls[Int(index)] }

    mutating func add(_ poll: SQSWaitingPoll, until deadline: SimTime) -> UInt32 {
        let index: UInt32
        if let reused = free.popLast() {
            index = reused
            polls[Int(index)] = poll
        } else {
            index = UInt32(polls.count)
            polls.append(poll)
            links.grow()
        }
        waiting.append(index, &links)
        deadlines.insert(index, time: deadline, tie: arrivals)
        arrivals += 1
        return index
    }

    mutating func remove(_ index: UInt32) -> SQSWaitingPoll {
        waiting.remove(index, &links)
        deadlines.remove(index)
        free.append(index)
        return polls[Int(index)]
    }
}
