import Infra
import SimKernel

extension ProxyHost {
    /// Routes a request that finished its request CPU: no route is a 404 (NR); otherwise the
    /// cluster is chosen, the route timeout starts, and the first attempt is made.
    func route(_ slot: UInt32, in simulation: Simulation) {
        let requestClass = Int(model.requests[slot].requestClass)
        let facts = model.routes.facts[requestClass]
        guard facts.hasRoute else {
            respond(slot, status: 404, flags: .noRoute, local: true, in: simulation)
            return
        }
        exchanges[slot].cluster = facts.needsClusterDraw ? weightedCluster(requestClass) : facts.cluster
        exchanges[slot].retriesRemaining = facts.retries
        if facts.hasRetryPolicy {
            exchanges[slot].backOff = model.routes.backOffs[requestClass]
        }
        if let hash = model.routes.hash(class: requestClass, tenant: model.requests[slot].tenant) {
            exchanges[slot].hasHash = true
            exchanges[slot].hash = hash
        } else {
            exchanges[slot].hasHash = false
        }
        if facts.routeTimeoutList >= 0 {
            startTimeout(list: Int(facts.routeTimeoutList), slot: slot, generation: exchanges[slot].generation, in: simulation)
        }
        attempt(slot, in: simulation)
    }

    /// `weighted_clusters`: the cluster for this request, by one draw.
    private func weightedCluster(_ requestClass: Int) -> Int32 {
        let resolved = model.routes.resolved[requestClass]
        return Int32(resolved.clusters[resolved.selection!.clusterIndex(randomValue: random.random())])
    }

    /// One attempt: through the circuit breakers to a host, or into the pending queue, or
    /// refused (503, UO).
    func attempt(_ slot: UInt32, in simulation: Simulation) {
        let cluster = Int(exchanges[slot].cluster)
        switch clusters[cluster].breakers.admission() {
        case .dispatch:
            dispatch(slot, in: simulation)
        case .pending:
            clusters[cluster].breakers.pendingAdded()
            clusters[cluster].pending.append((slot, exchanges[slot].generation))
            exchanges[slot].phase = .pending
            model.clusterStatistics[cluster].pendingTotal.increment()
        case .overflow:
            model.clusterStatistics[cluster].pendingOverflow.increment()
            respond(slot, status: 503, flags: .upstreamOverflow, local: true, in: simulation)
        }
    }

    /// Picks a host and sends the attempt; no host is a 503 (UH).
    private func dispatch(_ slot: UInt32, in simulation: Simulation) {
        let cluster = Int(exchanges[slot].cluster)
        let requestClass = Int(model.requests[slot].requestClass)
        let facts = model.routes.facts[requestClass]
        let isRetry = exchanges[slot].attempts > 0
        let avoid = isRetry && facts.avoidPreviousHosts
        let exchange = exchanges[slot]
        let retryCount = avoid ? Int(facts.hostSelectionRetries) : 0
        let panicBefore = clusters[cluster].loadBalancer.stats.healthyPanic
        let active = clusters[cluster].activeRequests.readOnly
        let host = clusters[cluster].loadBalancer.chooseHost(
            hash: exchange.hasHash ? exchange.hash : nil, hostSelectionRetryCount: retryCount, activeRequests: active,
            shouldSelectAnotherHost: { avoid && exchange.triedBefore(Int32($0)) }, random: &random)
        if clusters[cluster].loadBalancer.stats.healthyPanic != panicBefore {
            model.clusterStatistics[cluster].healthyPanic.increment()
        }
        guard let host else {
            model.clusterStatistics[cluster].noHealthyUpstream.increment()
            respond(slot, status: 503, flags: .noHealthyUpstream, local: true, in: simulation)
            return
        }
        clusters[cluster].breakers.requestStarted()
        clusters[cluster].activeRequests[host] += 1
        exchanges[slot].attemptGeneration &+= 1
        exchanges[slot].host = Int32(host)
        exchanges[slot].remember(Int32(host))
        exchanges[slot].attempts &+= 1
        exchanges[slot].attemptStarted = simulation.now
        exchanges[slot].phase = .upstream
        let statistics = model.clusterStatistics[cluster]
        statistics.upstreamRequests.increment()
        statistics.perHostRequests?[host].increment()
        if facts.perTryTimeoutList >= 0 {
            startTimeout(list: Int(facts.perTryTimeoutList), slot: slot, generation: exchanges[slot].attemptGeneration, in: simulation)
        }
        let hosts = model.hosts[cluster]
        let call = UpstreamMessage.Call(
            caller: id, callerZone: zone, slot: slot, generation: exchanges[slot].attemptGeneration, requestClass: UInt16(requestClass))
        UpstreamMessage.send(call, to: hosts.targets[host], after: model.configuration.network.sample(from: zone, to: hosts.zones[host], latencies), in: simulation)
    }

    /// Ends the attempt in flight (answered or abandoned): frees its connection and lets the
    /// next pending request of the cluster go.
    func endAttempt(_ slot: UInt32, in simulation: Simulation) {
        let cluster = Int(exchanges[slot].cluster)
        let host = Int(exchanges[slot].host)
        clusters[cluster].breakers.requestFinished()
        clusters[cluster].activeRequests[host] -= 1
        exchanges[slot].attemptGeneration &+= 1
        model.clusterStatistics[cluster].upstreamTime.record(simulation.now - exchanges[slot].attemptStarted)
        dispatchPending(cluster: cluster, in: simulation)
    }

    /// Sends waiting requests while connections are free, skipping entries of requests that
    /// left the queue (timed out) meanwhile.
    private func dispatchPending(cluster: Int, in simulation: Simulation) {
        while clusters[cluster].breakers.admission() == .dispatch, let waiting = clusters[cluster].pending.first {
            _ = clusters[cluster].pending.removeFirst()
            guard exchanges[waiting.slot].generation == waiting.generation, exchanges[waiting.slot].phase == .pending else { continue }
            clusters[cluster].breakers.pendingRemoved()
            dispatch(waiting.slot, in: simulation)
        }
    }

    /// An upstream answer; late answers to abandoned attempts are dropped.
    func upstreamAnswered(_ answer: UpstreamMessage.Answer, in simulation: Simulation) {
        let slot = answer.slot
        guard Int(slot) < exchanges.slots.count, exchanges[slot].phase == .upstream,
              exchanges[slot].attemptGeneration & 0xFF_FFFF == answer.generation
        else { return }
        let cluster = Int(exchanges[slot].cluster)
        let host = Int(exchanges[slot].host)
        endAttempt(slot, in: simulation)
        let statistics = model.clusterStatistics[cluster]
        let result: CallResult
        let outcome: UpstreamOutcome
        switch answer.status {
        case UpstreamMessage.refused:
            statistics.connectFailures.increment()
            (result, outcome) = (.connectFailure, .connectFailure)
        case UpstreamMessage.reset:
            statistics.upstreamResponsesByClass[0].increment()
            (result, outcome) = (.reset, .reset)
        default:
            statistics.upstreamResponsesByClass[min(Int(answer.status) / 100, 5)].increment()
            (result, outcome) = (.status(answer.status), .response(status: answer.status))
        }
        recordOutlier(result, cluster: cluster, host: host, in: simulation)
        if retry(slot, after: outcome, in: simulation) { return }
        switch answer.status {
        case UpstreamMessage.refused: respond(slot, status: 503, flags: .upstreamConnectionFailure, local: true, in: simulation)
        case UpstreamMessage.reset: respond(slot, status: 503, flags: .upstreamRemoteReset, local: true, in: simulation)
        default: respond(slot, status: answer.status, flags: [], local: false, in: simulation)
        }
    }

    /// Retries if the policy, the retries left and the retry circuit breaker allow it (in that
    /// order, as Envoy checks them); returns whether the request is being retried. A request
    /// that runs out of retries on a retriable outcome carries flag URX.
    func retry(_ slot: UInt32, after outcome: UpstreamOutcome, in simulation: Simulation) -> Bool {
        let cluster = Int(exchanges[slot].cluster)
        let requestClass = Int(model.requests[slot].requestClass)
        guard model.routes.facts[requestClass].hasRetryPolicy, model.routes.resolved[requestClass].retry!.isRetriable(outcome) else { return false }
        let statistics = model.clusterStatistics[cluster]
        guard exchanges[slot].retriesRemaining > 0 else {
            statistics.retryLimitExceeded.increment()
            exchanges[slot].flags.insert(.upstreamRetryLimitExceeded)
            return false
        }
        exchanges[slot].retriesRemaining -= 1
        if !exchanges[slot].holdsRetrySlot {
            guard clusters[cluster].breakers.beginRetry() else {
                statistics.retryOverflow.increment()
                return false
            }
            exchanges[slot].holdsRetrySlot = true
        }
        statistics.retries.increment()
        exchanges[slot].phase = .backoff
        let delay = exchanges[slot].backOff.next(random: &random)
        simulation.schedule(after: delay, target: id, kind: Kind.backoffDone.rawValue, subject: slot, argument: UInt64(exchanges[slot].generation))
        return true
    }

    func backoffEnded(slot: UInt32, generation: UInt32, in simulation: Simulation) {
        guard exchanges[slot].generation == generation, exchanges[slot].phase == .backoff else { return }
        attempt(slot, in: simulation)
    }

    func recordOutlier(_ result: CallResult, cluster: Int, host: Int, in simulation: Simulation) {
        guard clusters[cluster].outlier != nil else { return }
        guard let decision = clusters[cluster].outlier!.record(result, host: host, at: simulation.now, random: &random) else { return }
        model.clusterStatistics[cluster].count(decision)
        if case .ejected = decision {
            model.clusterStatistics[cluster].ejectionsActive += 1
            clusters[cluster].updateBalancer(host: host)
        }
    }
}
