import EdgeProxy
import Infra
import SimKernel

/// What each tier and each tenant got from the edge, from every final response (it listens
/// to the edge, see `EdgeResponseListener`), since the warm-up.
///
/// Per tier: responses, SLO attainment (the share answered within the tier's latency
/// objective), the throttled share (status 429 or Envoy's rate-limited flag) and the error
/// share (5xx), with the tier's latency percentiles. Per tenant, in 44 bytes: responses,
/// throttled and errors as 32-bit counts and a `TenantLatencySketch`; from them, the
/// noisy-neighbour lists: the tenants throttled most, and those with the highest p99 among
/// tenants with at least `p99MinimumRequests` responses.
///
/// Reported as `tenants` (the configured count, and memory), `tenants.tier.<tier>` (tenants
/// at the end, sign-ups that became tenants included) and, per rank `NN` from
/// 01, `tenants.top_throttled.NN` and `tenants.top_p99.NN` (empty ranks are NaN, so every
/// replication reports the same metrics).
public final class TenantOutcomes: Component, EdgeResponseListener {
    private let population: TenantPopulation
    private let slo: [SimTime]
    private let listLength: Int
    private let p99MinimumRequests: Int
    /// Bytes of the population and of the workload's tables, for the memory report.
    private let workloadBytes: Int
    private var tierResponses = [UInt64](repeating: 0, count: Tier.allCases.count)
    private var tierWithinSLO = [UInt64](repeating: 0, count: Tier.allCases.count)
    private var tierThrottled = [UInt64](repeating: 0, count: Tier.allCases.count)
    private var tierErrors = [UInt64](repeating: 0, count: Tier.allCases.count)
    private var tierLatency = (0..<Tier.allCases.count).map { _ in LatencyRecorder() }
    /// One entry per tenant, its three counts side by side: one cache line per response.
    private var counts: [TenantCounts]
    private var sketch: TenantLatencySketch

    public init(population: TenantPopulation, configuration: WorkloadConfiguration, workloadBytes: Int) {
        self.population = population
        slo = configuration.slo
        listLength = configuration.noisyNeighbours
        p99MinimumRequests = configuration.p99MinimumRequests
        self.workloadBytes = workloadBytes
        counts = [TenantCounts](repeating: TenantCounts(), count: population.count)
        sketch = TenantLatencySketch(tenants: population.count)
    }

    /// Makes room for tenants appended to the population since.
    public func cover(_ tenants: Int) {
        guard tenants > counts.count else { return }
        counts.append(contentsOf: repeatElement(TenantCounts(), count: tenants - counts.count))
        sketch.cover(tenants)
    }

    public static func isThrottled(status: UInt16, flags: ResponseFlags) -> Bool {
        status == 429 || flags.contains(.rateLimited)
    }

    public func responded(
        _ request: UInt32, context: RequestContexts.Context, status: UInt16, flags: ResponseFlags, latency: SimTime,
        at now: SimTime
    ) {
        let tier = Int(context.tier.rawValue)
        let tenant = Int(context.tenant)
        let isThrottled = Self.isThrottled(status: status, flags: flags)
        let isError = status >= 500
        tierResponses[tier] &+= 1
        if latency <= slo[tier] { tierWithinSLO[tier] &+= 1 }
        tierLatency[tier].record(latency)
        counts[tenant].responses &+= 1
        sketch.record(tenant: tenant, latency)
        if isThrottled {
            tierThrottled[tier] &+= 1
            counts[tenant].throttled &+= 1
        }
        if isError {
            tierErrors[tier] &+= 1
            counts[tenant].errors &+= 1
        }
    }

    public override func resetStatistics(at time: SimTime) {
        for tier in tierResponses.indices {
            tierResponses[tier] = 0
            tierWithinSLO[tier] = 0
            tierThrottled[tier] = 0
            tierErrors[tier] = 0
            tierLatency[tier].reset()
        }
        for tenant in counts.indices { counts[tenant] = TenantCounts() }
        sketch.reset()
    }

    /// Bytes of the per-tenant outcome arrays (see `TenantPopulation.memoryBytes`).
    public var memoryBytes: Int {
        counts.count * MemoryLayout<TenantCounts>.stride + sketch.memoryBytes
    }

    /// A tenant's counts, for tests and reports.
    public func counts(of tenant: Int) -> (responses: Int, throttled: Int, errors: Int) {
        (Int(counts[tenant].responses), Int(counts[tenant].throttled), Int(counts[tenant].errors))
    }

    /// A tenant's p99 from its sketch, in seconds.
    public func p99(of tenant: Int) -> Double? { sketch.quantile(0.99, tenant: tenant) }

    /// The tenants throttled most (only tenants throttled at least once).
    public func topThrottled() -> [Int] {
        var top = NoisyNeighbours(k: listLength)
        for tenant in counts.indices where counts[tenant].throttled > 0 { top.offer(tenant, score: Double(counts[tenant].throttled)) }
        return top.ranked.map(\.tenant)
    }

    /// The tenants with the highest p99, among those with enough responses.
    public func topP99() -> [Int] {
        var top = NoisyNeighbours(k: listLength)
        for tenant in counts.indices where Int(counts[tenant].responses) >= p99MinimumRequests {
            if let p99 = sketch.quantile(0.99, tenant: tenant) { top.offer(tenant, score: p99) }
        }
        return top.ranked.map(\.tenant)
    }

    public override func report(at time: SimTime, into table: inout MetricTable) {
        // The workload's bytes were counted when it was built, for the configured tenants; the
        // outcomes' cover every id they have room for.
        let configured = population.configuration.count
        table.append("tenants", "count", "count", Double(configured))
        table.append("tenants", "memory_per_tenant", "bytes", configured > 0 ? Double(workloadBytes) / Double(configured) : .nan)
        table.append("tenants", "outcomes_memory_per_tenant", "bytes", counts.isEmpty ? .nan : Double(memoryBytes) / Double(counts.count))
        var tenantsByTier = [Int](repeating: 0, count: Tier.allCases.count)
        var usersByTier = [Double](repeating: 0, count: Tier.allCases.count)
        for tenant in 0..<population.count where population.isTenant(tenant) {
            let tier = Int(population.tiers[tenant].rawValue)
            tenantsByTier[tier] += 1
            usersByTier[tier] += Double(population.activeUsers[tenant])
        }
        for tier in Tier.allCases {
            let t = Int(tier.rawValue)
            let component = "tenants.tier.\(tier.name)"
            let answered = Double(tierResponses[t])
            func share(_ value: UInt64) -> Double { answered > 0 ? Double(value) / answered : .nan }
            table.append(component, "tenants", "count", Double(tenantsByTier[t]))
            table.append(component, "active_users", "count", usersByTier[t])
            table.append(component, "requests", "count", answered)
            table.append(component, "slo_threshold", "ms", slo[t].seconds * 1000)
            table.append(component, "slo_attainment", "ratio", share(tierWithinSLO[t]))
            table.append(component, "throttled", "count", Double(tierThrottled[t]))
            table.append(component, "throttled_ratio", "ratio", share(tierThrottled[t]))
            table.append(component, "errors", "count", Double(tierErrors[t]))
            table.append(component, "error_ratio", "ratio", share(tierErrors[t]))
            table.append(component, "latency_p50", "ms", tierLatency[t].percentile(50) * 1000)
            table.append(component, "latency_p99", "ms", tierLatency[t].percentile(99) * 1000)
        }
        appendList("tenants.top_throttled", topThrottled(), into: &table)
        appendList("tenants.top_p99", topP99(), into: &table)
    }

    /// Whether `component` is a rank of a noisy-neighbour list (`tenants.top_<list>.<rank>`):
    /// a fact of one replication, which no average or comparison across runs can use.
    public static func isNeighbourList(_ component: String) -> Bool {
        component.hasPrefix("tenants.top_")
    }

    /// The metrics of one noisy-neighbour row.
    public static let neighbourMetrics: [(metric: String, unit: String)] = [
        ("tenant", "id"), ("tier", "index"), ("active_users", "count"), ("requests", "count"), ("throttled", "count"),
        ("errors", "count"), ("latency_p99", "ms"),
    ]

    private func appendList(_ prefix: String, _ tenants: [Int], into table: inout MetricTable) {
        for rank in 0..<listLength {
            let component = "\(prefix).\(rank + 1 < 10 ? "0" : "")\(rank + 1)"
            guard rank < tenants.count else {
                for (metric, unit) in Self.neighbourMetrics { table.append(component, metric, unit, .nan) }
                continue
            }
            let tenant = tenants[rank]
            let values = [
                Double(tenant), Double(population.tiers[tenant].rawValue), Double(population.activeUsers[tenant]),
                Double(counts[tenant].responses), Double(counts[tenant].throttled), Double(counts[tenant].errors),
                (p99(of: tenant) ?? .nan) * 1000,
            ]
            for ((metric, unit), value) in zip(Self.neighbourMetrics, values) { table.append(component, metric, unit, value) }
        }
    }
}

/// A tenant's responses since the warm-up, and how many were throttled or errors.
struct TenantCounts {
    var responses: UInt32 = 0
    var throttled: UInt32 = 0
    var errors: UInt32 = 0
}
