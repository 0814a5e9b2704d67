import Infra
import SimKernel

extension ProxyHost {
    func startTimeout(list: Int, slot: UInt32, generation: UInt32, in simulation: Simulation) {
        if let due = timeouts[list].start(subject: slot, generation: generation, at: simulation.now) {
            simulation.schedule(at: due, target: id, kind: Kind.timeouts.rawValue, subject: UInt32(list))
        }
    }

    /// A common-timeouts list is due: every live entry that expired is handled, then the list
    /// is re-armed at its oldest live deadline.
    func timeoutsFired(list: Int, in simulation: Simulation) {
        let perTry = model.routes.timeoutLists[list].perTry
        while let entry = timeouts[list].nextExpired(at: simulation.now, isLive: { isTimerLive($0, perTry: perTry) }) {
            if perTry { perTryTimedOut(entry.subject, in: simulation) } else { routeTimedOut(entry.subject, in: simulation) }
        }
        if let due = timeouts[list].rearm(isLive: { isTimerLive($0, perTry: perTry) }) {
            simulation.schedule(at: due, target: id, kind: Kind.timeouts.rawValue, subject: UInt32(list))
        }
    }

    /// A per-try timer belongs to one attempt; a route timer to the request until its final
    /// response starts.
    private func isTimerLive(_ entry: CommonTimeouts.Entry, perTry: Bool) -> Bool {
        let exchange = exchanges[entry.subject]
        if perTry { return exchange.phase == .upstream && exchange.attemptGeneration == entry.generation }
        return exchange.generation == entry.generation
            && (exchange.phase == .upstream || exchange.phase == .pending || exchange.phase == .backoff)
    }

    /// The attempt took longer than `per_try_timeout`: it is reset (a late answer will be
    /// dropped), counts as a timeout for outlier detection, and may be retried.
    private func perTryTimedOut(_ slot: UInt32, in simulation: Simulation) {
        let cluster = Int(exchanges[slot].cluster)
        let host = Int(exchanges[slot].host)
        model.clusterStatistics[cluster].perTryTimeouts.increment()
        endAttempt(slot, in: simulation)
        recordOutlier(.timeout, cluster: cluster, host: host, in: simulation)
        if retry(slot, after: .perTryTimeout, in: simulation) { return }
        respond(slot, status: 504, flags: .upstreamRequestTimeout, local: true, in: simulation)
    }

    /// The route timeout covers all attempts: whatever is in progress is abandoned and the
    /// client gets 504 (UT).
    private func routeTimedOut(_ slot: UInt32, in simulation: Simulation) {
        let cluster = Int(exchanges[slot].cluster)
        model.clusterStatistics[cluster].timeouts.increment()
        switch exchanges[slot].phase {
        case .upstream:
            let host = Int(exchanges[slot].host)
            endAttempt(slot, in: simulation)
            recordOutlier(.timeout, cluster: cluster, host: host, in: simulation)
        case .pending:
            clusters[cluster].breakers.pendingRemoved()
        default:
            break
        }
        respond(slot, status: 504, flags: .upstreamRequestTimeout, local: true, in: simulation)
    }
}
