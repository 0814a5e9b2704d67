import Infra
import Scenario
import SimKernel

/// `tenants.csv`: per replication, one row per tier (SLO attainment, throttled and error
/// shares) and one row per noisy neighbour (the tenants throttled most, `top_throttled`, and
/// those with the highest p99, `top_p99`, by rank). Written only for runs with tenants.
///
/// The noisy-neighbour lists are facts of one replication (a tenant id averaged over
/// replications means nothing), so they leave `summary.csv` and `replications.csv` for this
/// file; the per-tier figures stay there too, with their intervals.
public enum TenantsCSV {
    public static let fileName = "tenants.csv"
    static let tierPrefix = "tenants.tier."
    static let neighbourPrefix = "tenants.top_"
    /// The lists, as `TenantOutcomes` reports them: `tenants.<list>.<rank>`.
    static let lists = ["top_throttled", "top_p99"]

    public static let header = [
        "scenario", "variant", "replication", "kind", "rank", "tier", "tenant", "tenants", "active_users", "requests",
        "slo_threshold_ms", "slo_attainment", "throttled", "throttled_ratio", "errors", "error_ratio", "latency_p50_ms",
        "latency_p99_ms",
    ]

    public static func isNeighbourMetric(_ key: MetricKey) -> Bool {
        key.component.hasPrefix(neighbourPrefix)
    }

    /// The results without the noisy-neighbour metrics, for the summary and the other CSVs,
    /// and for comparisons and sweeps: a list's tenant ids are facts of one replication of one
    /// design, so neither averaging them nor setting one design's against another's means anything.
    public static func withoutNeighbours(_ results: [ReplicationResult]) -> [ReplicationResult] {
        guard results.contains(where: { $0.metrics.keys.contains(where: isNeighbourMetric) }) else { return results }
        return results.map { result in
            ReplicationResult(
                replication: result.replication, seed: result.seed, events: result.events, metrics: withoutNeighbours(result.metrics),
                series: result.series)
        }
    }

    public static func withoutNeighbours(_ metrics: MetricTable) -> MetricTable {
        guard metrics.keys.contains(where: isNeighbourMetric) else { return metrics }
        var kept = MetricTable()
        for (key, value) in zip(metrics.keys, metrics.values) where !isNeighbourMetric(key) { kept.append(key, value) }
        return kept
    }

    /// The tiers the results report, in their order.
    static func tiers(_ result: ReplicationResult) -> [String] {
        var names: [String] = []
        for key in result.metrics.keys where key.component.hasPrefix(tierPrefix) && key.metric == "requests" {
            names.append(String(key.component.dropFirst(tierPrefix.count)))
        }
        return names
    }

    /// The ranks a list has in the results: `01`, `02` ...
    static func ranks(_ result: ReplicationResult, list: String) -> [String] {
        let prefix = "tenants.\(list)."
        return result.metrics.keys.filter { $0.component.hasPrefix(prefix) && $0.metric == "tenant" }.map { String($0.component.dropFirst(prefix.count)) }
    }

    /// A tier's name from its index as a neighbour row reports it.
    static func tierName(_ index: Double) -> String {
        guard index.isFinite, let raw = UInt8(exactly: index), let tier = Tier(rawValue: raw) else { return "" }
        return tier.name
    }

    /// The file's text, or nil when the run has no tenants.
    public static func text(_ scenario: Scenario, _ results: [ReplicationResult]) -> String? {
        guard let first = results.first, !tiers(first).isEmpty else { return nil }
        var table = CSVTable(header: header)
        for result in results {
            let metrics = result.metrics
            func value(_ component: String, _ metric: String, _ unit: String) -> String {
                CSVNumber.format(metrics.value(component, metric, unit) ?? .nan)
            }
            for tier in tiers(result) {
                let c = tierPrefix + tier
                table.append([
                    scenario.name, scenario.variant, String(result.replication), "tier", "", tier, "",
                    value(c, "tenants", "count"), value(c, "active_users", "count"), value(c, "requests", "count"),
                    value(c, "slo_threshold", "ms"), value(c, "slo_attainment", "ratio"), value(c, "throttled", "count"),
                    value(c, "throttled_ratio", "ratio"), value(c, "errors", "count"), value(c, "error_ratio", "ratio"),
                    value(c, "latency_p50", "ms"), value(c, "latency_p99", "ms"),
                ])
            }
            for list in lists {
                for rank in ranks(result, list: list) {
                    let c = "tenants.\(list).\(rank)"
                    // Ranks beyond the tenants that qualify are empty.
                    guard let tenant = metrics.value(c, "tenant", "id"), !tenant.isNaN else { continue }
                    table.append([
                        scenario.name, scenario.variant, String(result.replication), list, String(Int(rank) ?? 0),
                        tierName(metrics.value(c, "tier", "index") ?? .nan), CSVNumber.format(tenant), "",
                        value(c, "active_users", "count"), value(c, "requests", "count"), "", "", value(c, "throttled", "count"), "",
                        value(c, "errors", "count"), "", "", value(c, "latency_p99", "ms"),
                    ])
                }
            }
        }
        return table.text
    }
}
