import SimKernel

/// ReceiveMessage: short polls, long polls, receive counts, redrive, lost receives and the
/// in-flight limit.
extension SQSQueue {
    /// ReceiveMessage for 1 to 10 messages. `visibilityTimeout` (0 to 12 h) overrides the
    /// queue's for this receive; `waitTime` (0 to 20 s) overrides the queue's
    /// `ReceiveMessageWaitTimeSeconds`. With a wait, the call returns as soon as messages can
    /// be received, or empty when the wait ends. The answer's count is the number of messages
    /// delivered; read them with `receivedMessage(_:of:)`.
    public func receiveMessage(
        maxMessages: Int = 1, visibilityTimeout: SimTime? = nil, waitTime: SimTime? = nil,
        caller: ComponentID, slot: UInt32, tag: UInt32 = 0, in simulation: Simulation
    ) {
        precondition(SQSLimits.messagesPerReceive.contains(maxMessages), "a receive asks for 1 to 10 messages")
        let timeout = visibilityTimeout ?? configuration.visibilityTimeout
        precondition(timeout >= .zero && timeout <= SQSLimits.maximumVisibilityTimeout, "a visibility timeout must be between 0 and 12h")
        let wait = waitTime ?? configuration.receiveWaitTime
        precondition(wait >= .zero && wait <= SQSLimits.maximumWaitTime, "a receive waits 0 to 20s")
        guard admit(.receiveMessage, at: simulation.now) else {
            return answer(.receiveMessage, status: .throttled, count: 0, caller: caller, slot: slot, tag: tag, in: simulation)
        }
        let poll = SQSWaitingPoll(caller: caller, slot: slot, tag: tag, maxMessages: maxMessages, visibilityTimeout: timeout)
        if wait == .zero {
            shortPoll(poll, in: simulation)
        } else {
            longPoll(poll, wait: wait, in: simulation)
        }
        serveWaitingPolls(in: simulation)
        recordCounts(at: simulation.now)
    }

    private func shortPoll(_ poll: SQSWaitingPoll, in simulation: Simulation) {
        if inFlightMessages >= configuration.inFlightLimit {
            if fifo {
                // FIFO: "does not return an error, but processing may be impacted".
                statistics.emptyReceives.increment()
                statistics.starvedReceives.increment()
                return answer(.receiveMessage, status: .ok, count: 0, caller: poll.caller, slot: poll.slot, tag: poll.tag, in: simulation)
            }
            statistics.overLimitErrors.increment()
            return answer(.receiveMessage, status: .overLimit, count: 0, caller: poll.caller, slot: poll.slot, tag: poll.tag, in: simulation)
        }
        let taken = collect(for: poll, allHosts: false, in: simulation)
        if taken.delivered == 0 && taken.lost == 0 { statistics.emptyReceives.increment() }
        answer(.receiveMessage, status: .ok, count: taken.delivered, caller: poll.caller, slot: poll.slot, tag: poll.tag, in: simulation)
    }

    private func longPoll(_ poll: SQSWaitingPoll, wait: SimTime, in simulation: Simulation) {
        // Polls that already wait are first in line; while any waits, nothing is receivable.
        while polls.isEmpty && hasReceivableMessages {
            let taken = collect(for: poll, allHosts: true, in: simulation)
            if taken.delivered + taken.lost > 0 {
                return answer(.receiveMessage, status: .ok, count: taken.delivered, caller: poll.caller, slot: poll.slot, tag: poll.tag, in: simulation)
            }
        }
        let deadline = simulation.now + wait
        _ = polls.add(poll, until: deadline)
        pollTimer.arm(at: deadline, target: id, in: simulation)
    }

    /// Whether a receive now would take a message (or move one to the dead-letter queue).
    var hasReceivableMessages: Bool {
        guard inFlightMessages < configuration.inFlightLimit else { return false }
        return fifo ? !groups.available.isEmpty : visibleMessages > 0
    }

    /// Serves waiting long polls, oldest first, while messages can be received.
    func serveWaitingPolls(in simulation: Simulation) {
        while let index = polls.first, hasReceivableMessages {
            let poll = polls[index]
            let taken = collect(for: poll, allHosts: true, in: simulation)
            guard taken.delivered + taken.lost > 0 else { continue }
            _ = polls.remove(index)
            answer(.receiveMessage, status: .ok, count: taken.delivered, caller: poll.caller, slot: poll.slot, tag: poll.tag, in: simulation)
        }
    }

    /// Long polls whose wait ended by now, with nothing received, answer empty.
    func endWaits(in simulation: Simulation) {
        let now = simulation.now.nanoseconds
        while let top = polls.deadlines.min, top.time <= now {
            let poll = polls.remove(top.id)
            statistics.emptyReceives.increment()
            if inFlightMessages >= configuration.inFlightLimit { statistics.starvedReceives.increment() }
            answer(.receiveMessage, status: .ok, count: 0, caller: poll.caller, slot: poll.slot, tag: poll.tag, in: simulation)
        }
        if let top = polls.deadlines.min { pollTimer.arm(at: SimTime(nanoseconds: top.time), target: id, in: simulation) }
    }

    // MARK: Taking messages

    /// What one receive has taken so far, and where its results go.
    private struct Collection {
        let buffers: SQSCallerReplies
        let base: Int
        let maxMessages: Int
        let visibilityTimeout: SimTime
        var delivered = 0
        var lost = 0
    }

    /// Takes up to `poll.maxMessages` visible messages into the poll's reply buffer: from all
    /// storage hosts or from a sample of them (standard), or from the available groups
    /// (FIFO). Messages past `maxReceiveCount` go to the dead-letter queue instead.
    private func collect(for poll: SQSWaitingPoll, allHosts: Bool, in simulation: Simulation) -> (delivered: Int, lost: Int) {
        var taken = Collection(
            buffers: replies.buffers(for: poll.caller, slot: poll.slot), base: Int(poll.slot) * SQSCallerReplies.width,
            maxMessages: poll.maxMessages, visibilityTimeout: poll.visibilityTimeout)
        if fifo {
            // As many messages of one group as possible, in order, then the next group.
            while !isFull(taken), let top = groups.available.min {
                let group = top.id
                groups.available.remove(group)
                var slot = groups.groups[Int(group)].members.head
                while slot != SQSLinks.none && !isFull(taken) {
                    let i = Int(slot)
                    guard messages[i].state == .visible && messages[i].inWindow else { break }
                    let next = queueLinks.next[i]
                    take(slot, into: &taken, in: simulation)
                    slot = next
                }
                refreshGroup(group)
            }
        } else if visibleMessages > 0 {
            let rounds = allHosts ? hosts.count : hosts.sampled
            if allHosts { hosts.advanceCursor() } else { hosts.sample(shortPolls) }
            // One message per host and pass, so that no host is drained before the others.
            var progressed = true
            while progressed && !isFull(taken) {
                progressed = false
                for round in 0..<rounds {
                    let host = allHosts ? hosts.host(inRound: round) : hosts.order[round]
                    let slot = hosts.lists[host].head
                    guard slot != SQSLinks.none else { continue }
                    progressed = true
                    take(slot, into: &taken, in: simulation)
                    if isFull(taken) { break }
                }
            }
        }
        return (taken.delivered, taken.lost)
    }

    private func isFull(_ taken: Collection) -> Bool {
        taken.delivered + taken.lost >= taken.maxMessages || inFlightMessages >= configuration.inFlightLimit
    }

    private func take(_ slot: UInt32, into taken: inout Collection, in simulation: Simulation) {
        switch receive(slot, visibilityTimeout: taken.visibilityTimeout, in: simulation) {
        case .delivered:
            taken.buffers.messages[taken.base + taken.delivered] = receivedMessage(slot)
            taken.delivered += 1
        case .lost:
            taken.lost += 1
        case .deadLettered:
            break
        }
    }

    private enum ReceiveOutcome {
        case delivered
        case lost
        case deadLettered
    }

    /// One visible message is received: its count rises, it is redriven or goes in flight.
    private func receive(_ slot: UInt32, visibilityTimeout: SimTime, in simulation: Simulation) -> ReceiveOutcome {
        let i = Int(slot)
        let now = simulation.now
        messages[i].receiveCount += 1
        if let limit = configuration.maxReceiveCount, Int(messages[i].receiveCount) > limit {
            deadLetter(slot, in: simulation)
            return .deadLettered
        }
        visibleMessages -= 1
        inFlightMessages += 1
        if fifo {
            groups.groups[Int(messages[i].group)].inFlight += 1
        } else {
            hosts.lists[Int(messages[i].host)].remove(slot, &queueLinks)
        }
        messages[i].state = .inFlight
        messages[i].generation &+= 1
        messages[i].receivedAt = now
        stateTimers.insert(slot, time: now + visibilityTimeout, tie: messages[i].sequence)
        stateTimer.arm(at: now + visibilityTimeout, target: id, in: simulation)
        statistics.received.increment()
        if messages[i].survivedDelete { statistics.duplicatesDelivered.increment() }
        if configuration.lostReceiveProbability > 0 && lostReceives.bernoulli(configuration.lostReceiveProbability) {
            statistics.lostReceives.increment()
            return .lost
        }
        return .delivered
    }

    private func receivedMessage(_ slot: UInt32) -> SQSReceivedMessage {
        let record = messages[Int(slot)]
        return SQSReceivedMessage(
            receipt: SQSReceipt(queue: id.index, slot: slot, generation: record.generation),
            messageID: record.messageID, body: record.body, groupID: record.groupID,
            receiveCount: Int(record.receiveCount), sentAt: record.sentAt)
    }
}
