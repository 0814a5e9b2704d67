import EdgeProxy
import Infra
import SimKernel

/// The sidecar's work for one application instance (sidecar and library placements), or an
/// edge proxy's filters (edge-only placement): authentication with an introspection cache,
/// local and global rate limiting, and access logging.
///
/// A request's path through it: CPU (the proxy's parsing and token verification, queued on
/// the chain's share of the cores), the cache (a miss calls the auth service), the local
/// token buckets, the rate-limit service; then the application, after the hop from the
/// sidecar. Each call it makes carries the job id as its slot, so answers and timeouts find
/// their request without a lookup.
public final class FilterChain: Component, InstanceFilter, ProxyFilter {
    enum Kind: UInt32 {
        case timeouts = 1
        case flushTick
        case shipDone
    }

    /// What the chain sits in front of, unowned: the front holds the chain as its filter.
    private enum Front {
        case instance(ComponentLink<ServiceInstance>)
        case proxy(ComponentLink<ProxyHost>)
    }

    let shared: SidecarShared
    public let zone: Zone
    private let front: Front
    /// The chain's cores, first come first served: a request's CPU end is known when it
    /// arrives, so its checks run then and what follows is timed from that end.
    private var cpu: FCFSServers?
    private var cache: IntrospectionCache?
    private var localFilter: LocalRateLimitFilter?
    private let globalFilter: GlobalRateLimitFilter?
    private(set) var log: AccessLog?
    private(set) var jobs = FilterJobs()
    /// This chain's share of the `sidecar` counts, summed at report time.
    private(set) var counts = SidecarStatistics.Count.zeros
    private var waitingRecords = 0
    private var shipEnds = SimTime.zero
    /// Common timeouts: auth calls, then rate-limit calls.
    private var timeouts: [CommonTimeouts] = []
    private var random: StreamRandom
    private let draws: RandomStream
    // The configuration's hot values, kept here so the per-request path reads plain fields.
    private let isSidecar: Bool
    private let authenticates: Bool
    private let authFailOpen: Bool
    private let authStatusOnError: UInt16
    private let hop: Distribution
    private let proxyCPU: Distribution
    private let verifyCPU: Distribution?
    /// The local limiter's bucket for each tier's descriptor, looked up once.
    private var tierBuckets: [LocalRateLimiter.BucketID?] = []
    /// Set while a proxy's request runs through the checks inside `inbound`: a decision
    /// reached then is returned to the proxy instead of called back.
    private var synchronous = false
    private var synchronousVerdict = FilterVerdict.hold

    private static let authTimeouts = 0
    private static let rateLimitTimeouts = 1

    init(instance: ServiceInstance, shared: SidecarShared, streams: RandomStreams) throws(LocalRateLimiterConfigurationError) {
        self.shared = shared
        zone = instance.zone
        front = .instance(ComponentLink(instance))
        let prefix = "sidecar.\(instance.id.index)"
        random = StreamRandom(streams.stream("\(prefix)/envoy-random"))
        draws = streams.stream("\(prefix)/draws")
        globalFilter = shared.configuration.globalRateLimit.map { GlobalRateLimitFilter($0.filter) }
        (isSidecar, authenticates, authFailOpen, authStatusOnError, hop, proxyCPU, verifyCPU) = Self.hotValues(shared.configuration)
        super.init()
        cpu = FCFSServers(servers: shared.configuration.chainServers, percentiles: false)
        try setUp()
    }

    init(proxy: ProxyHost, shared: SidecarShared, streams: RandomStreams) throws(LocalRateLimiterConfigurationError) {
        self.shared = shared
        zone = proxy.zone
        front = .proxy(ComponentLink(proxy))
        let prefix = "sidecar.edge.\(proxy.index)"
        random = StreamRandom(streams.stream("\(prefix)/envoy-random"))
        draws = streams.stream("\(prefix)/draws")
        globalFilter = shared.configuration.globalRateLimit.map { GlobalRateLimitFilter($0.filter) }
        (isSidecar, authenticates, authFailOpen, authStatusOnError, hop, proxyCPU, verifyCPU) = Self.hotValues(shared.configuration)
        super.init()
        try setUp()
    }

    private static func hotValues(_ c: SidecarConfiguration) -> (Bool, Bool, Bool, UInt16, Distribution, Distribution, Distribution?) {
        (c.placement == .sidecar, c.auth != nil, c.auth?.failOpen ?? false, c.auth?.statusOnError ?? 503, c.hop, c.proxyCPU, c.auth?.verifyCPU)
    }

    private func setUp() throws(LocalRateLimiterConfigurationError) {
        let configuration = shared.configuration
        if let auth = configuration.auth {
            cache = IntrospectionCache(capacity: auth.cacheSize, ttl: auth.cacheTTL)
        }
        if let local = configuration.localRateLimit {
            let filter = try LocalRateLimitFilter(local, at: .zero)
            tierBuckets = shared.localDescriptors.map { filter.limiter.bucket(matching: $0[0].entries) }
            localFilter = filter
        }
        log = configuration.accessLog.map { AccessLog($0) }
        timeouts = [
            CommonTimeouts(duration: configuration.auth?.timeout ?? .seconds(1)),
            CommonTimeouts(duration: configuration.globalRateLimit?.timeout ?? .seconds(1)),
        ]
    }

    /// Starts the access log's periodic flush.
    func start(in simulation: Simulation) {
        if let log { simulation.schedule(after: log.configuration.flushInterval, target: id, kind: Kind.flushTick.rawValue) }
    }

    var cpuServers: Int { cpu?.servers ?? 0 }

    func cpuBusyMean(at time: SimTime) -> Double {
        cpu?.advance(to: time)
        return cpu?.statistics.busyServers.mean(at: time) ?? 0
    }

    // MARK: Entry points

    public func inbound(_ call: UpstreamMessage.Call, instance: ServiceInstance, in simulation: Simulation) -> FilterVerdict {
        let job = begin(request: call.slot, call: call, at: simulation.now)
        jobs[job].phase = .cpu
        jobs[job].readyAt = cpu!.arrive(at: simulation.now, service: cpuCost())!.end
        proceed(job, in: simulation)
        return .hold
    }

    public func inbound(_ request: UInt32, proxy: ProxyHost, in simulation: Simulation) -> FilterVerdict {
        let call = UpstreamMessage.Call(caller: proxy.id, callerZone: proxy.zone, slot: request, generation: 0, requestClass: 0)
        let job = begin(request: request, call: call, at: simulation.now)
        synchronous = true
        synchronousVerdict = .hold
        proceed(job, in: simulation)
        synchronous = false
        return synchronousVerdict
    }

    public func outbound(_ call: UpstreamMessage.Call, status: UInt16, instance: ServiceInstance, in simulation: Simulation) -> SimTime {
        var extra = logRecord(in: simulation)
        if isSidecar {
            extra += hop.sampleTime(draws) + proxyCPU.sampleTime(draws)
        }
        shared.recordOutbound(call.slot, delay: extra)
        return extra
    }

    public func outbound(_ request: UInt32, status: UInt16, proxy: ProxyHost, in simulation: Simulation) -> SimTime {
        let extra = logRecord(in: simulation)
        shared.recordOutbound(request, delay: extra)
        return extra
    }

    func count(_ count: SidecarStatistics.Count) {
        counts[count.rawValue].increment()
    }

    /// The tenant and tier a call from this chain was made for, while its job lasts.
    func sender(of call: UpstreamMessage.Call) -> (tenant: UInt32, tier: Tier)? {
        guard Int(call.slot) < jobs.jobs.count else { return nil }
        let job = jobs[call.slot]
        return job.generation & 0xFF_FFFF == call.generation && job.phase != .free ? (job.tenant, job.tier) : nil
    }

    private func begin(request: UInt32, call: UpstreamMessage.Call, at now: SimTime) -> UInt32 {
        count(.requests)
        return jobs.allocate(request: request, context: shared.requests[request], call: call, at: now)
    }

    // MARK: Events

    public override func handle(_ event: Event, in simulation: Simulation) {
        if event.kind == UpstreamMessage.responseKind {
            answered(UpstreamMessage.Answer(subject: event.subject, argument: event.argument), in: simulation)
            return
        }
        switch Kind(rawValue: event.kind) {
        case .timeouts:
            timeoutsFired(list: Int(event.subject), in: simulation)
        case .flushTick:
            if let log, log.buffered > 0 { startFlush(in: simulation) }
            simulation.schedule(after: log!.configuration.flushInterval, target: id, kind: Kind.flushTick.rawValue)
        case .shipDone:
            log!.finishFlush()
            if log!.wantsFlush { startFlush(in: simulation) }
        case nil:
            preconditionFailure("unknown filter chain event \(event.kind)")
        }
    }

    /// The proxy's pass (sidecar placement) and the token verification.
    private func cpuCost() -> SimTime {
        var seconds = 0.0
        if isSidecar { seconds += proxyCPU.sample(draws) }
        if let verifyCPU { seconds += verifyCPU.sample(draws) }
        return SimTime(seconds: seconds)
    }

    // MARK: The checks

    /// Runs the checks, up to a decision or to a call the job must wait for.
    private func proceed(_ job: UInt32, in simulation: Simulation) {
        if authenticate(job, in: simulation) { afterAuthentication(job, in: simulation) }
    }

    /// True when the request may go on; false when it waits for the auth service.
    private func authenticate(_ job: UInt32, in simulation: Simulation) -> Bool {
        guard authenticates else { return true }
        let key = IntrospectionCache.key(tenant: jobs[job].tenant, user: jobs[job].user)
        if cache!.lookup(key, at: simulation.now) {
            count(.cacheHits)
            return true
        }
        count(.cacheMisses)
        count(.authCalls)
        jobs[job].phase = .auth
        call(shared.authTargets, job: job, timeouts: Self.authTimeouts, in: simulation)
        return false
    }

    /// The local and global rate limits, then admission (or a wait for the rate-limit service).
    private func afterAuthentication(_ job: UInt32, in simulation: Simulation) {
        if localFilter != nil {
            let outcome = localFilter!.decide(matching: tierBuckets[Int(jobs[job].tier.rawValue)], at: simulation.now, random: &random)
            switch outcome.action {
            case .limitedEnforced:
                count(.deniedLocal)
                finish(job, status: outcome.status, in: simulation)
                return
            case .limitedNotEnforced:
                count(.localLimitedNotEnforced)
            case .allowed:
                count(.localAllowed)
            case .notEnabled:
                break
            }
        }
        if let globalFilter, globalFilter.callsService(descriptorCount: 1, random: &random) {
            count(.globalCalls)
            jobs[job].phase = .globalRateLimit
            call(shared.rateLimitTargets, job: job, timeouts: Self.rateLimitTimeouts, in: simulation)
            return
        }
        finish(job, status: nil, in: simulation)
    }

    /// Calls a random instance of an auth or rate-limit service for `job`; the call leaves
    /// when the job's CPU work is done. Its timeout runs from now (timeouts of one duration
    /// must start in time order), so it includes that CPU work.
    private func call(_ targets: [ServiceInstance], job: UInt32, timeouts list: Int, in simulation: Simulation) {
        let target = targets[draws.index(below: targets.count)]
        let generation = jobs[job].generation
        let wait = jobs[job].readyAt - simulation.now
        let call = UpstreamMessage.Call(caller: id, callerZone: zone, slot: job, generation: generation, requestClass: 0)
        UpstreamMessage.send(call, to: target.id, after: wait + shared.network.sample(from: zone, to: target.zone, draws), in: simulation)
        if let due = timeouts[list].start(subject: job, generation: generation, at: simulation.now) {
            simulation.schedule(at: due, target: id, kind: Kind.timeouts.rawValue, subject: UInt32(list))
        }
    }

    private func answered(_ answer: UpstreamMessage.Answer, in simulation: Simulation) {
        let job = answer.slot
        guard Int(job) < jobs.jobs.count, jobs[job].generation & 0xFF_FFFF == answer.generation else { return }
        jobs[job].readyAt = simulation.now
        switch jobs[job].phase {
        case .auth: authAnswered(job, status: answer.status, in: simulation)
        case .globalRateLimit: rateLimitAnswered(job, status: answer.status, in: simulation)
        default: return
        }
    }

    private func authAnswered(_ job: UInt32, status: UInt16?, in simulation: Simulation) {
        switch status {
        case 200:
            cache!.insert(IntrospectionCache.key(tenant: jobs[job].tenant, user: jobs[job].user), at: simulation.now)
        case 401:
            count(.deniedInvalidToken)
            finish(job, status: 401, in: simulation)
            return
        default:
            count(.authFailures)
            guard authFailOpen else {
                count(.deniedAuthError)
                finish(job, status: authStatusOnError, in: simulation)
                return
            }
            count(.authFailedOpen)
        }
        afterAuthentication(job, in: simulation)
    }

    private func rateLimitAnswered(_ job: UInt32, status: UInt16?, in simulation: Simulation) {
        let response: RateLimitResponse?
        switch status {
        case 200: response = RateLimitResponse(overallCode: .ok)
        case 429: response = RateLimitResponse(overallCode: .overLimit)
        default: response = nil
        }
        let outcome = globalFilter!.decide(response, random: &random)
        switch outcome.action {
        case .limited:
            count(.globalOverLimit)
            count(.deniedGlobal)
            finish(job, status: outcome.status, in: simulation)
        case .failedClosed:
            count(.globalFailures)
            count(.deniedRateLimitError)
            finish(job, status: outcome.status, in: simulation)
        case .failedOpen:
            count(.globalFailures)
            count(.globalFailedOpen)
            finish(job, status: nil, in: simulation)
        case .overLimitNotEnforced:
            count(.globalOverLimit)
            count(.globalOverLimitNotEnforced)
            finish(job, status: nil, in: simulation)
        case .allowed, .skipped:
            finish(job, status: nil, in: simulation)
        }
    }

    private func timeoutsFired(list: Int, in simulation: Simulation) {
        let phase: FilterJobs.Phase = list == Self.authTimeouts ? .auth : .globalRateLimit
        // Closures passed straight to the call, not kept in a local: a kept one is allocated.
        while let entry = timeouts[list].nextExpired(at: simulation.now, isLive: { isWaiting($0, in: phase) }) {
            // The late answer will find the job moved on and be dropped.
            jobs[entry.subject].phase = .cpu
            jobs[entry.subject].readyAt = simulation.now
            if list == Self.authTimeouts {
                authAnswered(entry.subject, status: nil, in: simulation)
            } else {
                rateLimitAnswered(entry.subject, status: nil, in: simulation)
            }
        }
        if let due = timeouts[list].rearm(isLive: { isWaiting($0, in: phase) }) {
            simulation.schedule(at: due, target: id, kind: Kind.timeouts.rawValue, subject: UInt32(list))
        }
    }

    private func isWaiting(_ entry: CommonTimeouts.Entry, in phase: FilterJobs.Phase) -> Bool {
        jobs[entry.subject].generation == entry.generation && jobs[entry.subject].phase == phase
    }

    // MARK: Admission and denial

    /// The checks are done: `status` nil admits the request, otherwise the chain answers it.
    private func finish(_ job: UInt32, status: UInt16?, in simulation: Simulation) {
        let entry = jobs[job]
        switch front {
        case .instance(let link):
            jobs.release(job)
            let ready = max(entry.readyAt - simulation.now, .zero)
            if let status {
                link.withTarget { $0.answerFiltered(entry.call, status: status, after: ready, in: simulation) }
                return
            }
            let hop = isSidecar ? hop.sampleTime(draws) : .zero
            count(.admitted)
            shared.recordInbound(entry.request, delay: simulation.now + ready + hop - entry.arrived)
            link.withTarget { $0.admitFiltered(entry.call, after: ready + hop, in: simulation) }
        case .proxy(let link):
            let proxy = link.target
            jobs.release(job)
            if status == nil {
                count(.admitted)
                shared.recordInbound(entry.request, delay: simulation.now - entry.arrived)
            }
            if synchronous {
                synchronousVerdict = status.map { .deny($0) } ?? .admit
            } else if let status {
                proxy.denyFiltered(entry.request, status: status, in: simulation)
            } else {
                proxy.resumeFiltered(entry.request, in: simulation)
            }
        }
    }

    // MARK: Access log

    /// Writes the request's log record; returns the wait when the buffer is full and the
    /// policy is to block.
    private func logRecord(in simulation: Simulation) -> SimTime {
        guard log != nil else { return .zero }
        if !log!.isFull {
            _ = log!.append(at: simulation.now)
            if log!.wantsFlush { startFlush(in: simulation) }
            return .zero
        }
        guard log!.configuration.overflow == .block else {
            _ = log!.append(at: simulation.now)
            return .zero
        }
        // Back-pressure: the record waits for the shipper to take a batch, and so does the response.
        count(.logBlocked)
        waitingRecords += 1
        return max(shipEnds - simulation.now, .zero)
    }

    private func startFlush(in simulation: Simulation) {
        guard let duration = log!.startFlush(at: simulation.now) else { return }
        shipEnds = simulation.now + duration
        while waitingRecords > 0, !log!.isFull {
            log!.appendWaiting(at: simulation.now)
            waitingRecords -= 1
        }
        simulation.schedule(after: duration, target: id, kind: Kind.shipDone.rawValue)
    }

    public override func resetStatistics(at time: SimTime) {
        for index in counts.indices { counts[index].reset() }
        cpu?.resetStatistics(at: time)
        log?.resetStatistics(at: time)
    }
}
