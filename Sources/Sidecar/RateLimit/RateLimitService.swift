import SimKernel

/// The decision logic of the global rate-limit service (envoyproxy/ratelimit with its Redis
/// fixed-window cache), as a value: `shouldRateLimit` is the `ShouldRateLimit` call without
/// the network. Latency, capacity and failures of the call belong to whoever places the
/// service in the model.
///
/// For each descriptor: find the limit (`RateLimitServiceConfig.limit`); count `hits` (the
/// descriptor's `hitsAddend`, else `max(1, hits)`) into the counter of the domain, the
/// descriptor's entries and the current fixed window; answer OVER_LIMIT when the counter
/// exceeds `requests_per_unit`. Shadow-mode limits count but answer OK. The overall code is
/// OVER_LIMIT iff some descriptor is. A call allocates nothing once its buffers have grown,
/// except for `share_threshold` wildcards (which build the shared key).
public struct RateLimitService: Sendable {
    public let config: RateLimitServiceConfig
    public let options: RateLimitServiceOptions
    public private(set) var counters = FixedWindowCounters()
    /// Counters of the descriptors' inline limits, all together.
    public private(set) var inlineLimitStatistics = RateLimitStatistics()
    private var statistics: [RateLimitStatistics]
    private var pending: [Pending] = []

    private enum Counting: Sendable {
        case noLimit
        case unlimited
        case counted(key: FixedWindowCounters.Key, match: RateLimitMatch, unit: RateLimitUnit, hits: UInt64, cached: Bool)
    }

    private struct Pending: Sendable {
        var counting: Counting
        var after: UInt64 = 0
    }

    public init(config: RateLimitServiceConfig, options: RateLimitServiceOptions = RateLimitServiceOptions()) {
        self.config = config
        self.options = options
        self.statistics = [RateLimitStatistics](repeating: RateLimitStatistics(), count: config.tree.nodes.count)
    }

    /// Unix seconds at simulated time `now` (whole seconds, rounded down).
    public func unixSeconds(at now: SimTime) -> Int64 {
        let seconds = now.nanoseconds / 1_000_000_000
        return options.unixEpochOffset + (now.nanoseconds % 1_000_000_000 < 0 ? seconds - 1 : seconds)
    }

    /// `ShouldRateLimit(domain, descriptors, hits_addend)` at `now`.
    public mutating func shouldRateLimit(domain: String, descriptors: [RateLimitDescriptor], hits: UInt32 = 0, at now: SimTime) -> RateLimitResponse {
        var response = RateLimitResponse()
        shouldRateLimit(domain: domain, descriptors: descriptors, hits: hits, at: now, into: &response)
        return response
    }

    /// `shouldRateLimit`, reusing `response`'s storage.
    public mutating func shouldRateLimit(domain: String, descriptors: [RateLimitDescriptor], hits: UInt32 = 0, at now: SimTime, into response: inout RateLimitResponse) {
        response.statuses.removeAll(keepingCapacity: true)
        guard !domain.isEmpty, !descriptors.isEmpty else {
            response.overallCode = .unknown
            return
        }
        let unixNow = unixSeconds(at: now)
        counters.expire(unixSeconds: unixNow)
        let root = config.tree.root(of: domain)
        let requestHits = Swift.max(1, UInt64(hits))

        // As the service does: find every limit and consult the local cache, then count, then judge.
        pending.removeAll(keepingCapacity: true)
        for descriptor in descriptors {
            guard let root, let match = config.tree.limit(root: root, domain: domain, descriptor: descriptor) else {
                pending.append(Pending(counting: .noLimit))
                continue
            }
            guard !match.policy.unlimited, let unit = match.policy.unit else {
                pending.append(Pending(counting: .unlimited))
                continue
            }
            let entries = match.sharedEntries == 0 ? descriptor.entries : config.tree.countedEntries(root: root, descriptor: descriptor)
            let key = FixedWindowCounters.Key(domain: domain, entries: entries)
            let descriptorHits = descriptor.hitsAddend ?? requestHits
            addStatistics(of: match) { $0.totalHits += descriptorHits }
            let cached = options.localCache && counters.isCachedOverLimit(key, unit: unit, unixSeconds: unixNow)
            pending.append(Pending(counting: .counted(key: key, match: match, unit: unit, hits: descriptorHits, cached: cached)))
        }
        for index in pending.indices {
            if case let .counted(key, _, unit, hits, false) = pending[index].counting {
                pending[index].after = counters.increment(key, unit: unit, by: hits, unixSeconds: unixNow)
            }
        }
        var overall = RateLimitResponse.Code.ok
        for index in pending.indices {
            let status = judge(pending[index], unixSeconds: unixNow)
            if status.code == .overLimit {
                overall = .overLimit
            }
            response.statuses.append(status)
        }
        response.overallCode = options.globalShadowMode ? .ok : overall
    }

    private mutating func judge(_ pending: Pending, unixSeconds now: Int64) -> RateLimitDescriptorStatus {
        switch pending.counting {
        case .noLimit:
            return RateLimitDescriptorStatus(code: .ok)
        case .unlimited:
            return RateLimitDescriptorStatus(code: .ok, limitRemaining: UInt32.max)
        case let .counted(key, match, unit, hits, cached):
            let rpu = match.policy.requestsPerUnit
            var decision = RateLimitDecision(code: .ok, limitRemaining: 0)
            let ratio = options.nearLimitRatio
            addStatistics(of: match) { statistics in
                decision = RateLimitDecision.evaluate(
                    requestsPerUnit: rpu, before: pending.after &- hits, after: pending.after, hits: hits,
                    nearLimitRatio: ratio, shadowMode: match.shadowMode, cachedOverLimit: cached, statistics: &statistics)
            }
            if options.localCache, !cached, pending.after > UInt64(rpu) {
                counters.cacheOverLimit(key, unit: unit, unixSeconds: now)
            }
            return RateLimitDescriptorStatus(
                code: decision.code,
                currentLimit: RateLimitCurrentLimit(requestsPerUnit: rpu, unit: unit, name: match.policy.name),
                limitRemaining: decision.limitRemaining,
                durationUntilReset: unit.seconds - (now - FixedWindowCounters.windowStart(unit, unixSeconds: now)))
        }
    }

    private mutating func addStatistics(of match: RateLimitMatch, _ update: (inout RateLimitStatistics) -> Void) {
        if let node = match.node {
            update(&statistics[node])
        } else {
            update(&inlineLimitStatistics)
        }
    }

    /// The counters of the configured limit whose stats key is `statsKey` (`domain.key_value…`).
    public func statistics(statsKey: String) -> RateLimitStatistics? {
        guard let node = config.tree.nodes.firstIndex(where: { $0.statsKey == statsKey && $0.policy != nil }) else { return nil }
        return statistics[node]
    }

    /// Starts every counter of statistics afresh (end of warm-up); rate-limit counters stay.
    public mutating func resetStatistics() {
        statistics = [RateLimitStatistics](repeating: RateLimitStatistics(), count: statistics.count)
        inlineLimitStatistics = RateLimitStatistics()
    }

    /// The Redis key the service would increment for `descriptor` at `now`
    /// (`<prefix><domain>_<k1>_<v1>_…_<window start>`); nil when no limit applies.
    public func cacheKey(domain: String, descriptor: RateLimitDescriptor, at now: SimTime) -> String? {
        guard let root = config.tree.root(of: domain),
              let match = config.tree.limit(root: root, domain: domain, descriptor: descriptor),
              !match.policy.unlimited, let unit = match.policy.unit
        else { return nil }
        let entries = match.sharedEntries == 0 ? descriptor.entries : config.tree.countedEntries(root: root, descriptor: descriptor)
        var key = options.cacheKeyPrefix + domain + "_"
        for entry in entries {
            key += entry.key + "_" + entry.value + "_"
        }
        return key + String(FixedWindowCounters.windowStart(unit, unixSeconds: unixSeconds(at: now)))
    }
}
