import SimKernel

/// The report's tenant sections: SLO attainment, throttling and errors per tier, and the
/// noisy neighbours. Both are empty (and so left out) for runs without tenants.
enum TenantSections {
    static func tiers(_ data: ReportData) -> [String] {
        data.components(prefix: TenantsCSV.tierPrefix, having: "slo_attainment")
    }

    static func perTier(_ data: ReportData, _ context: ReportContext) -> [String] {
        let components = tiers(data)
        guard !components.isEmpty else { return [] }
        let names = components.map { ReportSections.short($0, TenantsCSV.tierPrefix) }
        var blocks: [String] = []
        let chart = BarChart(
            title: "SLO attainment per tier",
            caption: "Share of each tier's responses within the tier's latency objective (throttled and failed responses count when they are fast).",
            categories: names, series: [("attainment", components.map { Optional(MetricKey($0, "slo_attainment", "ratio")) })], data: data,
            categoryTitle: "tier")
        if let html = chart.render() { blocks.append(html) }
        let shares = BarChart(
            title: "Throttled and failed responses per tier", caption: "Share of each tier's responses answered 429 (rate limited) or 5xx.",
            categories: names,
            series: [
                ("throttled", components.map { Optional(MetricKey($0, "throttled_ratio", "ratio")) }),
                ("errors (5xx)", components.map { Optional(MetricKey($0, "error_ratio", "ratio")) }),
            ], data: data, categoryTitle: "tier")
        if let html = shares.render() { blocks.append(html) }
        let table = MatrixTable(rowTitle: "Tier", rows: zip(names, components).map { ($0, $1) }, columns: [
            .init("tenants", "tenants", "count"), .init("active users", "active_users", "count"), .init("requests", "requests", "count"),
            .init("objective", "slo_threshold", "ms"), .init("SLO attainment", "slo_attainment", "ratio"),
            .init("throttled", "throttled_ratio", "ratio"), .init("errors", "error_ratio", "ratio"),
            .init("latency p50", "latency_p50", "ms"), .init("latency p99", "latency_p99", "ms"),
        ])
        if let html = table.render(data) { blocks.append(html) }
        return blocks
    }

    static func noisyNeighbours(_ data: ReportData, _ context: ReportContext) -> [String] {
        guard let first = data.results.first else { return [] }
        var blocks: [String] = []
        let titles = [
            "top_throttled": ("Throttled most", "The tenants with the most responses answered 429 (rate limited)."),
            "top_p99": ("Highest p99 latency", "The tenants with the highest p99 client latency, among those with enough responses to have one (from a per-tenant sketch in power-of-two buckets: within a factor of two)."),
        ]
        for list in TenantsCSV.lists {
            let ranks = TenantsCSV.ranks(first, list: list)
            guard !ranks.isEmpty, let (title, caption) = titles[list] else { continue }
            let metrics = first.metrics
            var rows = ""
            for rank in ranks {
                let component = "tenants.\(list).\(rank)"
                guard let tenant = metrics.value(component, "tenant", "id"), !tenant.isNaN else { continue }
                func cell(_ metric: String, _ unit: String) -> String {
                    "<td class=\"num\">\(HTMLText.escape(ReportNumber.format(metrics.value(component, metric, unit) ?? .nan)))</td>"
                }
                rows += "<tr><th scope=\"row\" class=\"num\">\(Int(rank) ?? 0)</th>"
                rows += "<td class=\"num\">\(HTMLText.escape(CSVNumber.format(tenant)))</td>"
                rows += "<td>\(HTMLText.escape(TenantsCSV.tierName(metrics.value(component, "tier", "index") ?? .nan)))</td>"
                rows += cell("active_users", "count") + cell("requests", "count") + cell("throttled", "count") + cell("errors", "count")
                rows += cell("latency_p99", "ms") + "</tr>\n"
            }
            guard !rows.isEmpty else {
                blocks.append("<p class=\"note\">\(HTMLText.escape(title)): no tenant qualifies in replication \(first.replication + 1).</p>\n")
                continue
            }
            var html = "<div class=\"table-wrap\"><table class=\"matrix\"><caption>\(HTMLText.escape(title)) (replication \(first.replication + 1)). "
            html += "\(HTMLText.escape(caption))</caption><thead><tr>"
            for heading in ["rank", "tenant", "tier", "active users", "requests", "throttled", "errors", "p99 (ms)"] {
                html += "<th scope=\"col\"\(heading == "tier" ? "" : " class=\"num\"")>\(HTMLText.escape(heading))</th>"
            }
            html += "</tr></thead>\n<tbody>\n\(rows)</tbody></table></div>\n"
            blocks.append(html)
        }
        if !blocks.isEmpty, data.replicationCount > 1 {
            blocks.append("<p class=\"note\">Every replication's lists are in tenants.csv (column replication); the population is the same in all of them.</p>\n")
        }
        return blocks
    }
}
