import SimKernel

/// FIFO: which message groups can deliver, and the look-ahead window (SQS looks only at the
/// oldest `fifoGroupLookahead` messages when it picks groups, so a backlog in one group can
/// hide groups whose messages arrived later).
extension SQSQueue {
    /// Puts the group among the available ones if it can deliver now, or takes it out.
    func refreshGroup(_ group: UInt32) {
        let g = Int(group)
        guard groups.groups[g].isLive else { return }
        if groups.groups[g].members.isEmpty {
            groups.release(group)
            return
        }
        let head = Int(groups.groups[g].members.head)
        let canDeliver = groups.groups[g].inFlight == 0 && messages[head].state == .visible && messages[head].inWindow
        if canDeliver {
            groups.available.set(group, time: SimTime(nanoseconds: Int64(messages[head].sequence)), tie: UInt64(group))
        } else if groups.available.contains(group) {
            groups.available.remove(group)
        }
    }

    /// A new message (last in arrival order) enters the window if the window has room.
    func enterWindowIfRoom(_ slot: UInt32) {
        guard windowCount < configuration.fifoGroupLookahead else { return }
        messages[Int(slot)].inWindow = true
        windowLast = slot
        windowCount += 1
    }

    /// Before a message leaves the arrival list.
    func leaveWindow(_ slot: UInt32) {
        guard messages[Int(slot)].inWindow else { return }
        messages[Int(slot)].inWindow = false
        windowCount -= 1
        if windowLast == slot { windowLast = arrivalLinks.prev[Int(slot)] }
    }

    /// After a message left: the next ones in arrival order move into the window.
    func refillWindow() {
        while windowCount < configuration.fifoGroupLookahead {
            let next = windowLast == SQSLinks.none ? arrivals.head : arrivalLinks.next[Int(windowLast)]
            guard next != SQSLinks.none else { return }
            messages[Int(next)].inWindow = true
            windowLast = next
            windowCount += 1
            refreshGroup(messages[Int(next)].group)
        }
    }
}
