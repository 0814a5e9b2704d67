import Infra
import SimKernel

/// One Envoy proxy host: worker threads that spend CPU on each request and response, the
/// router (route, cluster, timeouts, retries), and per cluster its own load balancer,
/// circuit breakers, outlier detector and health checker.
///
/// A request's life here: it queues for a worker (request CPU), is routed and sent to an
/// upstream host chosen by the cluster's balancer (or waits for a connection, or overflows),
/// its answer (or a timeout) may lead to a retry after a jittered back-off, and the final
/// response queues for a worker again (response CPU) before it leaves for the client. The
/// workers serve requests and responses first come first served, so each one's end is known
/// when it queues.
public final class ProxyHost: Component {
    enum Kind: UInt32 {
        /// A request from an application inside the platform reaches the proxy.
        case internalArrival = 1
        case requestCPUDone
        case backoffDone
        case timeouts
        case healthCheck
        case outlierTick
    }

    public let index: Int
    public let zone: Zone
    /// Checks run at this proxy before routing (edge-only placement of the sidecar's work).
    public var filter: ProxyFilter?
    /// The filters' CPU per request, spent by the worker on top of the request CPU.
    public var filterCPU: Distribution?
    let model: EdgeShared
    let exchanges: ExchangeTable
    var workers: FCFSServers
    var clusters: [ClusterRuntime]
    var timeouts: [CommonTimeouts]
    var random: StreamRandom
    let cpu: RandomStream
    let latencies: RandomStream

    init(index: Int, zone: Zone, model: EdgeShared, streams: RandomStreams) throws(LoadBalancerConfigError) {
        self.index = index
        self.zone = zone
        self.model = model
        exchanges = model.exchanges
        let prefix = "edge.proxy.\(index)"
        random = StreamRandom(streams.stream("\(prefix)/envoy-random"))
        cpu = streams.stream("\(prefix)/cpu")
        latencies = streams.stream("\(prefix)/network")
        workers = FCFSServers(servers: model.configuration.proxies.workers, percentiles: false)
        timeouts = model.routes.timeoutLists.map { CommonTimeouts(duration: $0.duration) }
        clusters = []
        for (clusterIndex, cluster) in model.configuration.clusters.enumerated() {
            let hosts = model.hosts[clusterIndex]
            // With active health checks, hosts start unhealthy until their first check, as in Envoy.
            let initial: UpstreamEndpoint.Health = cluster.healthCheck == nil ? .healthy : .unhealthy
            let endpoints = hosts.instances.indices.map { host in
                let instance = hosts.instances[host]
                return UpstreamEndpoint(
                    hashKey: model.hashKeys[clusterIndex][host], weight: instance.configuration.weight,
                    locality: Int(instance.zone.index), priority: hosts.priorities[host], health: initial,
                    isMember: instance.isInService)
            }
            let balancer = try ClusterLoadBalancer(endpoints: endpoints, policy: cluster.policy, common: cluster.common, random: &random)
            clusters.append(ClusterRuntime(
                index: clusterIndex, loadBalancer: balancer, breakers: CircuitBreakers(cluster.circuitBreakers),
                outlier: cluster.outlierDetection.map { OutlierDetector($0, hosts: endpoints.count) },
                health: cluster.healthCheck.map { HealthChecker($0, hosts: endpoints.count) },
                activeRequests: HostCounts(hosts: endpoints.count)))
        }
    }

    /// Starts the periodic health checks and outlier evaluations, each at a random offset
    /// within its first interval, as Envoy's jittered timers spread them.
    func start(in simulation: Simulation) {
        for (index, cluster) in model.configuration.clusters.enumerated() {
            if let check = cluster.healthCheck {
                for host in 0..<clusters[index].loadBalancer.hostCount {
                    applyHealthCheck(cluster: index, host: host)
                }
                let offset = SimTime(nanoseconds: Int64(random.random() % UInt64(check.interval.nanoseconds)))
                simulation.schedule(after: offset, target: id, kind: Kind.healthCheck.rawValue, subject: UInt32(index))
            }
            if let outlier = cluster.outlierDetection {
                simulation.schedule(after: outlier.interval, target: id, kind: Kind.outlierTick.rawValue, subject: UInt32(index))
            }
        }
    }

    // MARK: Arrival and workers

    /// A request enters this proxy (called by the network load balancer). A client's reaches
    /// it now: its client sent it one client latency earlier, so that the traffic's arrival
    /// times are the edge's and the way in costs no event. An application's, from inside the
    /// platform, arrives after the internal network's latency. The request's id is its slot
    /// in the exchange table.
    func admit(_ request: UInt32, in simulation: Simulation) {
        exchanges.begin(request)
        exchanges[request].phase = .requestCPU
        let context = model.requests[request]
        guard context.isInternal else {
            model.requests.sent(request, earlierBy: clientLatency(context.clientZone))
            queueForWorker(request, in: simulation)
            return
        }
        simulation.schedule(after: downstreamLatency(context), target: id, kind: Kind.internalArrival.rawValue, subject: request)
    }

    /// One way between this proxy and whoever sent the request.
    private func downstreamLatency(_ context: RequestContexts.Context) -> SimTime {
        guard context.isInternal else { return clientLatency(context.clientZone) }
        return model.configuration.network.sample(from: context.clientZone, to: zone, latencies)
    }

    /// One way between a client and this proxy; a client that entered through another zone's
    /// load balancer node (cross-zone load balancing) also crosses zones.
    func clientLatency(_ clientZone: Zone) -> SimTime {
        let latency = model.configuration.clientLatency.sampleTime(latencies)
        guard clientZone != zone else { return latency }
        return latency + model.configuration.network.crossZone.sampleTime(latencies)
    }

    public override func handle(_ event: Event, in simulation: Simulation) {
        if event.kind == UpstreamMessage.responseKind {
            upstreamAnswered(UpstreamMessage.Answer(subject: event.subject, argument: event.argument), in: simulation)
            return
        }
        switch Kind(rawValue: event.kind) {
        case .internalArrival:
            queueForWorker(event.subject, in: simulation)
        case .requestCPUDone:
            filterThenRoute(event.subject, in: simulation)
        case .backoffDone:
            backoffEnded(slot: event.subject, generation: UInt32(truncatingIfNeeded: event.argument), in: simulation)
        case .timeouts:
            timeoutsFired(list: Int(event.subject), in: simulation)
        case .healthCheck:
            healthCheckTick(cluster: Int(event.subject), in: simulation)
        case .outlierTick:
            outlierTick(cluster: Int(event.subject), in: simulation)
        case nil:
            preconditionFailure("unknown proxy event \(event.kind)")
        }
    }

    /// The request queues for a worker, first come first served, to be parsed and routed:
    /// its CPU end is known now, and routing happens then.
    func queueForWorker(_ slot: UInt32, in simulation: Simulation) {
        let proxies = model.configuration.proxies
        var cost = proxies.requestCPU.sampleTime(cpu)
        if let filterCPU { cost += filterCPU.sampleTime(cpu) }
        let end = workers.arrive(at: simulation.now, service: cost)!.end
        simulation.schedule(at: end, target: id, kind: Kind.requestCPUDone.rawValue, subject: slot)
    }

    private func filterThenRoute(_ request: UInt32, in simulation: Simulation) {
        guard let filter else {
            route(request, in: simulation)
            return
        }
        exchanges[request].phase = .filtering
        switch filter.inbound(request, proxy: self, in: simulation) {
        case .admit: route(request, in: simulation)
        case .hold: break
        case .deny(let status): respond(request, status: status, flags: Self.flags(forDenial: status), local: true, in: simulation)
        }
    }

    /// The filters let a held request through.
    public func resumeFiltered(_ request: UInt32, in simulation: Simulation) {
        precondition(exchanges[request].phase == .filtering, "resuming a request the filters do not hold")
        route(request, in: simulation)
    }

    /// The filters answer a held request themselves.
    public func denyFiltered(_ request: UInt32, status: UInt16, in simulation: Simulation) {
        precondition(exchanges[request].phase == .filtering, "denying a request the filters do not hold")
        respond(request, status: status, flags: Self.flags(forDenial: status), local: true, in: simulation)
    }

    /// Envoy's flags for its filters' local replies: 429 rate limited (RL), 500 rate-limit
    /// service error (RLSE), anything else unauthorized by the external service (UAEX).
    static func flags(forDenial status: UInt16) -> ResponseFlags {
        switch status {
        case 429: return .rateLimited
        case 500: return .rateLimitServiceError
        default: return .unauthorizedExternalService
        }
    }

    // MARK: Final responses

    /// The request's final response: it goes through a worker once more, first come first
    /// served, then to the client. The worker's end is known now, and nothing that happens at
    /// this proxy later can change it, so the response leaves without an event of its own.
    func respond(_ slot: UInt32, status: UInt16, flags: ResponseFlags, local: Bool, in simulation: Simulation) {
        exchanges[slot].status = status
        exchanges[slot].flags.formUnion(flags)
        exchanges[slot].local = local
        if exchanges[slot].holdsRetrySlot, exchanges[slot].cluster >= 0 {
            clusters[Int(exchanges[slot].cluster)].breakers.endRetry()
            exchanges[slot].holdsRetrySlot = false
        }
        let cost = model.configuration.proxies.responseCPU.sampleTime(cpu)
        finish(slot, leaving: workers.arrive(at: simulation.now, service: cost)!.end, in: simulation)
    }

    /// The response leaves the proxy at `leaving` (its worker's end): to the client, or back
    /// to the application that sent the request through the edge, which alone hears it
    /// (neither the clients' statistics nor the response listener do). The edge counts it
    /// answered now, when its response is handed to a worker.
    private func finish(_ slot: UInt32, leaving: SimTime, in simulation: Simulation) {
        let exchange = exchanges[slot]
        let context = model.requests[slot]
        let extra = filter?.outbound(slot, status: exchange.status, proxy: self, in: simulation) ?? .zero
        let delay = leaving - simulation.now + extra + downstreamLatency(context)
        let latency = simulation.now + delay - context.created
        if let caller = context.caller {
            model.edge.internalRequestAnswered(status: exchange.status, local: exchange.local, latency: latency, at: simulation.now)
            let call = UpstreamMessage.Call(
                caller: caller, callerZone: context.clientZone, slot: slot, generation: context.callerGeneration, requestClass: context.requestClass)
            UpstreamMessage.answer(call, status: exchange.status, after: delay, in: simulation)
        } else {
            model.edge.requestAnswered(status: exchange.status, flags: exchange.flags, local: exchange.local, latency: latency, at: simulation.now)
            model.responseListener?.responded(
                slot, context: context, status: exchange.status, flags: exchange.flags, latency: latency, at: simulation.now)
        }
        exchanges.end(slot)
        model.requests.release(slot)
    }

    // MARK: Statistics

    public override func resetStatistics(at time: SimTime) {
        workers.resetStatistics(at: time)
    }

    public override func report(at time: SimTime, into table: inout MetricTable) {
        workers.advance(to: time)
        let statistics = workers.statistics
        let component = "edge.proxy.\(index)"
        table.append(component, "worker_utilization", "ratio", statistics.busyServers.mean(at: time) / Double(workers.servers))
        table.append(component, "worker_queue_mean", "count", statistics.queueLength.mean(at: time))
        table.append(component, "worker_wait_mean", "ms", statistics.waits.mean * 1000)
    }

    /// Mean worker utilization since the warm-up, for the edge's summary.
    func workerUtilization(at time: SimTime) -> Double {
        workers.advance(to: time)
        return workers.statistics.busyServers.mean(at: time) / Double(workers.servers)
    }
}
