/// Host counts of one priority level, the input of Envoy's priority arithmetic.
public struct PriorityHostCounts: Sendable, Equatable {
    /// Every host of the priority (including excluded ones).
    public var hosts: Int
    public var healthy: Int
    public var degraded: Int
    /// Hosts left out of the health computation (`excludedHosts`).
    public var excluded: Int

    public init(hosts: Int, healthy: Int, degraded: Int = 0, excluded: Int = 0) {
        self.hosts = hosts
        self.healthy = healthy
        self.degraded = degraded
        self.excluded = excluded
    }
}

/// Whether a pick targets the healthy or the degraded hosts of the chosen priority.
public enum HostAvailability: Sendable, Equatable {
    case healthy
    case degraded
}

/// How load spreads over priority levels, and which levels are in panic: Envoy's
/// `LoadBalancerBase::recalculatePerPriorityState`, `recalculatePerPriorityPanic`,
/// `recalculateLoadInTotalPanic` and `choosePriority`
/// (`load_balancing_policies/common/load_balancer_impl.cc`).
///
/// Health of a priority is `min(100, factor × healthy / (hosts − excluded))` in integer
/// arithmetic (likewise for degraded); the 100 units of load go to priorities in order by
/// healthy availability, then by degraded availability, the rounding remainder to the first
/// available priority. A priority is in panic when the total availability is below 100 and
/// its healthy plus degraded percentage is below the threshold; if all are, load follows raw
/// host counts. (Envoy's `weighted_priority_health`, summing weights instead of counting
/// hosts, is not modelled.)
public struct PriorityLoad: Sendable, Equatable {
    /// Percent of picks per priority that go to its healthy hosts.
    public private(set) var healthy: [UInt32]
    /// Percent of picks per priority that go to its degraded hosts.
    public private(set) var degraded: [UInt32]
    /// Healthy availability per priority (0...100).
    public private(set) var healthAvailability: [UInt32]
    /// Degraded availability per priority (0...100).
    public private(set) var degradedAvailability: [UInt32]
    /// Whether each priority is in panic (its picks use all of its hosts).
    public private(set) var panic: [Bool]
    /// Healthy hosts over all priorities, as Envoy counts them for the preconnect limit
    /// (0 when the total availability is 0).
    public private(set) var totalHealthyHosts: Int

    public init(counts: [PriorityHostCounts], overprovisioningFactor: UInt32 = 140, panicThreshold: UInt32 = 50) {
        let levels = max(1, counts.count)
        healthy = Array(repeating: 0, count: levels)
        degraded = Array(repeating: 0, count: levels)
        healthAvailability = Array(repeating: 0, count: levels)
        degradedAvailability = Array(repeating: 0, count: levels)
        panic = Array(repeating: false, count: levels)
        totalHealthyHosts = 0

        let factor = UInt64(overprovisioningFactor)
        for (level, count) in counts.enumerated() {
            let hostCount = UInt64(count.hosts - count.excluded)
            guard hostCount > 0 else { continue }
            healthAvailability[level] = UInt32(min(100, factor * UInt64(count.healthy) / hostCount))
            degradedAvailability[level] = UInt32(min(100, factor * UInt64(count.degraded) / hostCount))
        }

        let totalAvailability = normalizedTotalAvailability
        if totalAvailability > 0 {
            let (firstHealthy, remainingAfterHealthy) = Self.distribute(
                100, availability: healthAvailability, total: totalAvailability, into: &healthy)
            let (firstDegraded, remainder) = Self.distribute(
                remainingAfterHealthy, availability: degradedAvailability, total: totalAvailability, into: &degraded)
            if remainder != 0 {
                if let firstHealthy {
                    healthy[firstHealthy] += remainder
                } else if let firstDegraded {
                    degraded[firstDegraded] += remainder
                }
            }
            totalHealthyHosts = counts.reduce(0) { $0 + $1.healthy }
        }

        let threshold = min(100, panicThreshold)
        if threshold == 0 && totalAvailability == 0 {
            // Panic disabled and nothing available: all load to P0, where no host will be found.
            healthy[0] = 100
            return
        }
        var totalPanic = true
        for level in 0..<levels {
            let inPanic = totalAvailability == 100
                ? false
                : Self.isInPanic(level < counts.count ? counts[level] : PriorityHostCounts(hosts: 0, healthy: 0), threshold: threshold)
            panic[level] = inPanic
            totalPanic = totalPanic && inPanic
        }
        if totalPanic {
            distributeByHostCount(counts)
        }
    }

    /// `min(100, Σ health + Σ degraded)`.
    public var normalizedTotalAvailability: UInt32 {
        min(100, healthAvailability.reduce(0, +) + degradedAvailability.reduce(0, +))
    }

    /// The priority a pick goes to: `hash % 100 + 1` walked over the cumulative healthy
    /// loads, then over the degraded loads.
    public func choosePriority(hash: UInt64) -> (priority: Int, availability: HostAvailability) {
        let target = UInt32(hash % 100) + 1
        var cumulative: UInt32 = 0
        for level in healthy.indices {
            cumulative += healthy[level]
            if target <= cumulative { return (level, .healthy) }
        }
        for level in degraded.indices {
            cumulative += degraded[level]
            if target <= cumulative { return (level, .degraded) }
        }
        return (0, .healthy)
    }

    static func isInPanic(_ count: PriorityHostCounts, threshold: UInt32) -> Bool {
        let hostCount = count.hosts - count.excluded
        let healthyPercent = hostCount == 0 ? 0.0 : 100.0 * Double(count.healthy) / Double(hostCount)
        let degradedPercent = hostCount == 0 ? 0.0 : 100.0 * Double(count.degraded) / Double(hostCount)
        return healthyPercent + degradedPercent < Double(threshold)
    }

    /// Envoy's `distributeLoad`: returns the first priority with availability and the load
    /// left over.
    private static func distribute(
        _ totalLoad: UInt32, availability: [UInt32], total: UInt32, into loads: inout [UInt32]
    ) -> (first: Int?, remaining: UInt32) {
        var remaining = totalLoad
        var first: Int?
        for level in availability.indices {
            if first == nil && availability[level] > 0 { first = level }
            loads[level] = min(remaining, availability[level] * 100 / total)
            remaining -= loads[level]
        }
        return (first, remaining)
    }

    /// `recalculateLoadInTotalPanic`: load proportional to host counts.
    private mutating func distributeByHostCount(_ counts: [PriorityHostCounts]) {
        let totalHosts = counts.reduce(0) { $0 + $1.hosts }
        guard totalHosts > 0 else {
            healthy[0] = 100
            return
        }
        var remaining: UInt32 = 100
        var firstNonEmpty: Int?
        for level in counts.indices {
            if firstNonEmpty == nil && counts[level].hosts != 0 { firstNonEmpty = level }
            let load = UInt32(100 * counts[level].hosts / totalHosts)
            healthy[level] = load
            degraded[level] = 0
            remaining -= load
        }
        healthy[firstNonEmpty ?? 0] += remaining
    }
}
