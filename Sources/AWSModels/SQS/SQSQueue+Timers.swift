import SimKernel

/// The ends of delays, visibility timeouts and retention periods.
extension SQSQueue {
    /// Delays and visibility timeouts that ended by now.
    func endStateTimers(in simulation: Simulation) {
        let now = simulation.now.nanoseconds
        while let top = stateTimers.min, top.time <= now {
            stateTimers.remove(top.id)
            becomeVisible(top.id)
        }
        if let top = stateTimers.min { stateTimer.arm(at: SimTime(nanoseconds: top.time), target: id, in: simulation) }
    }

    /// Messages whose retention period ended by now.
    func expireMessages(in simulation: Simulation) {
        let now = simulation.now.nanoseconds
        while let top = retentionTimers.min, top.time <= now {
            remove(top.id, at: simulation.now)
            statistics.expired.increment()
        }
        if let top = retentionTimers.min { retentionTimer.arm(at: SimTime(nanoseconds: top.time), target: id, in: simulation) }
    }
}
