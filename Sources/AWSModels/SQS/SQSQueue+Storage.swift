import SimKernel

/// Messages entering and leaving the slab, and the lists and timers that follow them.
extension SQSQueue {
    func allocateSlot() -> UInt32 {
        if let slot = freeSlots.popLast() { return slot }
        precondition(messages.count < Int(SQSLinks.none), "too many messages in one queue")
        messages.append(SQSMessageRecord())
        queueLinks.grow()
        arrivalLinks.grow()
        return UInt32(messages.count - 1)
    }

    /// Stores a new message, delayed for `delay` or visible at once; returns its message id
    /// (the given one, for a message moved from a source queue).
    @discardableResult
    func store(body: UInt64, messageID: UInt64?, groupID: UInt64, sentAt: SimTime, delay: SimTime, in simulation: Simulation) -> UInt64 {
        let now = simulation.now
        let slot = allocateSlot()
        let i = Int(slot)
        let sequence = nextSequence
        nextSequence += 1
        precondition(sequence < 1 << 40, "message sequence space exhausted")
        let identity = messageID ?? (UInt64(id.index) << 40 | sequence)
        let generation = messages[i].generation
        messages[i] = SQSMessageRecord(
            messageID: identity, sequence: sequence, body: body, groupID: fifo ? groupID : 0, sentAt: sentAt,
            arrivedAt: now, receivedAt: now, receiveCount: 0, generation: generation, group: SQSLinks.none,
            state: .delayed, host: fifo ? 0 : UInt16(placement.index(below: hosts.count)),
            survivedDelete: false, inWindow: false)
        arrivals.append(slot, &arrivalLinks)
        retentionTimers.insert(slot, time: sentAt + configuration.retention, tie: sequence)
        retentionTimer.arm(at: SimTime(nanoseconds: retentionTimers.min!.time), target: id, in: simulation)
        if fifo {
            let group = groups.index(of: groupID)
            messages[i].group = group
            groups.groups[Int(group)].members.append(slot, &queueLinks)
            enterWindowIfRoom(slot)
        }
        if delay > .zero {
            delayedMessages += 1
            stateTimers.insert(slot, time: now + delay, tie: sequence)
            stateTimer.arm(at: SimTime(nanoseconds: stateTimers.min!.time), target: id, in: simulation)
        } else {
            makeVisible(slot)
        }
        return identity
    }

    /// A delayed or in-flight message (already out of its timer) becomes visible.
    func becomeVisible(_ slot: UInt32) {
        let i = Int(slot)
        switch messages[i].state {
        case .delayed:
            delayedMessages -= 1
        case .inFlight:
            inFlightMessages -= 1
            if fifo { groups.groups[Int(messages[i].group)].inFlight -= 1 }
        case .visible, .free:
            preconditionFailure("only a hidden message becomes visible")
        }
        makeVisible(slot)
    }

    /// Shows a message whose previous state has been accounted for.
    private func makeVisible(_ slot: UInt32) {
        let i = Int(slot)
        messages[i].state = .visible
        visibleMessages += 1
        if fifo {
            refreshGroup(messages[i].group)
        } else {
            hosts.lists[Int(messages[i].host)].append(slot, &queueLinks)
        }
    }

    /// Removes a message from the queue for good (deleted, expired or dead-lettered).
    func remove(_ slot: UInt32, at now: SimTime) {
        let i = Int(slot)
        switch messages[i].state {
        case .visible:
            visibleMessages -= 1
            if !fifo { hosts.lists[Int(messages[i].host)].remove(slot, &queueLinks) }
        case .inFlight:
            inFlightMessages -= 1
            stateTimers.remove(slot)
            if fifo { groups.groups[Int(messages[i].group)].inFlight -= 1 }
        case .delayed:
            delayedMessages -= 1
            stateTimers.remove(slot)
        case .free:
            preconditionFailure("removing a free slot")
        }
        if slot == arrivals.head {
            statistics.oldestAgeMaximum = max(statistics.oldestAgeMaximum, now - messages[i].arrivedAt)
        }
        retentionTimers.remove(slot)
        if fifo {
            let group = messages[i].group
            groups.groups[Int(group)].members.remove(slot, &queueLinks)
            leaveWindow(slot)
            arrivals.remove(slot, &arrivalLinks)
            refillWindow()
            refreshGroup(group)
        } else {
            arrivals.remove(slot, &arrivalLinks)
        }
        messages[i].state = .free
        messages[i].generation &+= 1
        messages[i].survivedDelete = false
        freeSlots.append(slot)
    }
}
