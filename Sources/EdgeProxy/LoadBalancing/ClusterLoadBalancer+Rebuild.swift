/// Rebuilding after host-set or health changes (Envoy's priority update callbacks:
/// `recalculatePerPriorityState`, `EdfLoadBalancerBase::refresh`,
/// `ThreadAwareLoadBalancerBase::refresh`).
extension ClusterLoadBalancer {
    /// The host lists of one priority.
    struct PriorityHosts {
        var all: [Int] = []
        var healthy: [Int] = []
        var degraded: [Int] = []
        var excluded = 0

        func list(_ source: Int) -> [Int] {
            switch source {
            case ClusterLoadBalancer.allHostsSource: all
            case ClusterLoadBalancer.healthySource: healthy
            default: degraded
            }
        }
    }

    mutating func rebuild(activeRequests: UnsafeBufferPointer<UInt32>) {
        needsRebuild = false
        let levels = (endpoints.map(\.priority).max() ?? 0) + 1
        var priorities = [PriorityHosts](repeating: PriorityHosts(), count: levels)
        for (host, endpoint) in endpoints.enumerated() where endpoint.isMember {
            let level = endpoint.priority
            priorities[level].all.append(host)
            switch endpoint.health {
            case .healthy: priorities[level].healthy.append(host)
            case .degraded: priorities[level].degraded.append(host)
            case .unhealthy: break
            case .excluded: priorities[level].excluded += 1
            }
        }
        priorityLoad = PriorityLoad(
            counts: priorities.map {
                PriorityHostCounts(hosts: $0.all.count, healthy: $0.healthy.count, degraded: $0.degraded.count, excluded: $0.excluded)
            },
            overprovisioningFactor: common.overprovisioningFactor,
            panicThreshold: common.panicThresholdPercent)
        stashedRandom.removeAll()

        let previousLevels = priorityCount
        let rebuildsLevel = (0..<levels).map { level in
            rebuildAll || level >= previousLevels || (level < dirtyPriorities.count && dirtyPriorities[level])
        }
        priorityCount = levels
        rebuildAll = false
        dirtyPriorities = Array(repeating: false, count: levels)

        switch kind {
        case .roundRobin:
            let previous = roundRobinSources
            roundRobinSources.removeAll(keepingCapacity: true)
            Self.forEachSource(priorities) { index, level, hosts in
                if rebuildsLevel[level] {
                    let position = index < previous.count ? previous[index].rrIndex : seed
                    roundRobinSources.append(RoundRobinLoadBalancer(hosts: hosts, weights: weights, seed: seed, rrIndex: position))
                } else {
                    // Untouched priority: same scheduler; Envoy's shared peek-ahead count resets.
                    var kept = previous[index]
                    kept.discardPeekahead()
                    roundRobinSources.append(kept)
                }
            }
        case .leastRequest:
            let previous = leastRequestSources
            leastRequestSources.removeAll(keepingCapacity: true)
            Self.forEachSource(priorities) { index, level, hosts in
                leastRequestSources.append(
                    rebuildsLevel[level]
                        ? LeastRequestLoadBalancer(
                            hosts: hosts, weights: weights, activeRequests: activeRequests, seed: seed, config: leastRequestConfig)
                        : previous[index])
            }
        case .random:
            randomSources.removeAll(keepingCapacity: true)
            Self.forEachSource(priorities) { _, _, hosts in
                randomSources.append(RandomLoadBalancer(hosts: hosts))
            }
        case .ringHash:
            ringHashTables.removeAll(keepingCapacity: true)
            let keys = endpoints.map(\.hashKey)
            for level in 0..<levels {
                let ring = RingHashLoadBalancer(
                    validated: ringHashConfig, normalizedWeights: normalizedWeights(priorities[level], level: level), hashKeys: keys)
                if let stats = ring.stats { ringHashStats = stats }
                ringHashTables.append(ring)
            }
        case .maglev:
            maglevTables.removeAll(keepingCapacity: true)
            let keys = endpoints.map(\.hashKey)
            for level in 0..<levels {
                let table = MaglevLoadBalancer(
                    validated: maglevConfig, normalizedWeights: normalizedWeights(priorities[level], level: level), hashKeys: keys)
                if let stats = table.stats { maglevStats = stats }
                maglevTables.append(table)
            }
        }
    }

    /// Calls `body(source index, priority, hosts)` for every host source.
    private static func forEachSource(_ priorities: [PriorityHosts], _ body: (Int, Int, [Int]) -> Void) {
        for (level, hosts) in priorities.enumerated() {
            for source in 0..<sourceKinds {
                body(level * sourceKinds + source, level, hosts.list(source))
            }
        }
    }

    /// `normalizeWeights`: healthy hosts (all hosts in panic), flat or per locality. The
    /// localities of a priority are those with at least one of its hosts, in index order.
    private func normalizedWeights(_ hosts: PriorityHosts, level: Int) -> NormalizedHostWeights {
        let candidates = priorityLoad.panic[level] ? hosts.all : hosts.healthy
        guard common.localityWeightedBalancing && !localityWeights.isEmpty else {
            return NormalizedHostWeights(hosts: candidates, weights: weights)
        }
        let localities = Set(hosts.all.map { endpoints[$0].locality }).sorted()
        var hostsPerLocality = [[Int]](repeating: [], count: localities.count)
        for host in candidates {
            hostsPerLocality[localities.firstIndex(of: endpoints[host].locality)!].append(host)
        }
        let weightsPerLocality = localities.map { $0 < localityWeights.count ? localityWeights[$0] : 0 }
        return NormalizedHostWeights(hostsPerLocality: hostsPerLocality, localityWeights: weightsPerLocality, weights: weights)
    }
}
