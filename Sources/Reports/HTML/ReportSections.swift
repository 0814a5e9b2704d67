import Foundation
import Scenario
import SimKernel

/// What the sections of a report share while it is built: the shaded spans of time charts
/// and the series that a chart has already claimed (the rest go to "Other series").
final class ReportContext {
    let markers: [TimeMarker]
    private var claimed = Set<MetricKey>()

    init(markers: [TimeMarker]) {
        self.markers = markers
    }

    func isClaimed(_ key: MetricKey) -> Bool { claimed.contains(key) }

    /// Renders a time chart and claims its series, drawn or not.
    func line(_ chart: LineChart, _ data: ReportData) -> String? {
        for series in chart.series { claimed.insert(series.key) }
        return chart.render(data, markers: markers)
    }
}

/// A section of the report: shown when it has at least one block.
struct ReportSection: Sendable {
    var id: String
    var title: String
    var intro: String?
    var build: @Sendable (ReportData, ReportContext) -> [String]
}

/// The report's sections in order. Each chart and table asks for metric keys and is left
/// out when they are absent, so components added later (DynamoDB capacity, fleets by
/// state, SLO attainment per tier ...) are one more entry of the same kind here.
enum ReportSections {
    static let all: [ReportSection] = [
        ReportSection(
            id: "key-figures", title: "Key figures",
            intro: "Means across replications with their 95% Student-t confidence intervals; the range is the lowest and highest replication. The full list is in summary.csv.",
            build: keyFigures),
        ReportSection(
            id: "over-time", title: "Over time",
            intro: "Values per sample interval of the run, warm-up included (shaded). A line is the mean of the replications, its band their range.",
            build: overTime),
        ReportSection(
            id: "responses", title: "Responses and errors",
            intro: "How the edge answered: status classes and the Envoy response flags that were set.",
            build: responses),
        ReportSection(
            id: "tiers", title: "Tenants by tier",
            intro: "What each tier of tenants got over the measured span: the share of responses within the tier's latency objective, throttled (429) and failed (5xx) shares, and latency percentiles.",
            build: TenantSections.perTier),
        ReportSection(
            id: "noisy-neighbours", title: "Noisy neighbours",
            intro: "The tenants throttled most and those with the highest p99 latency, with their tier and size.",
            build: TenantSections.noisyNeighbours),
        ReportSection(
            id: "clusters", title: "Clusters and hosts",
            intro: "Envoy's upstream statistics per cluster, side by side, and how each cluster spread its requests over its hosts.",
            build: clusters),
        ReportSection(
            id: "capacity", title: "Services and proxies",
            intro: "How busy the application services and the edge proxies' workers were over the measured span.",
            build: capacity),
        ReportSection(
            id: "dynamodb", title: "DynamoDB capacity",
            intro: "Consumed capacity against what each table (and index) served at once. Consumption above the dashed line comes from burst capacity; throttles are in the errors chart.",
            build: dynamoDB),
        ReportSection(
            id: "analytic-check", title: "Analytic sanity check",
            intro: "Each queueing station beside the closed form for its kind of queue, at the arrival rates of the traffic equations. A simulated interval that contains the formula's value is what a correct simulator gives; short runs and heavy tails widen the intervals.",
            build: analyticCheck),
        ReportSection(
            id: "other-series", title: "Other series",
            intro: "Time series that no chart above shows, grouped by metric. Series that stay at zero for the whole run are listed, not drawn.",
            build: otherSeries),
    ]

    // MARK: - Names

    static let clusterPrefix = "edge.cluster."
    static let servicePrefix = "service."
    static let stationPrefix = "station."
    static let proxyPrefix = "edge.proxy."

    static func clusters(_ data: ReportData) -> [String] {
        data.components(prefix: clusterPrefix, having: "upstream_rq_time_p99")
    }

    static func services(_ data: ReportData) -> [String] {
        data.components(prefix: servicePrefix, having: "utilization_mean")
    }

    static func stations(_ data: ReportData) -> [String] {
        data.components(prefix: stationPrefix, having: "utilization")
    }

    static func short(_ component: String, _ prefix: String) -> String {
        component.hasPrefix(prefix) ? String(component.dropFirst(prefix.count)) : component
    }

    static func sentence(_ metric: String) -> String {
        let words = MetricLabel.humanize(metric)
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    static func rows(_ component: String, _ metrics: [(String, String)]) -> [FigureRow] {
        metrics.map { FigureRow(sentence($0.0), MetricKey(component, $0.0, $0.1)) }
    }

    // MARK: - Key figures

    static func keyFigures(_ data: ReportData, _ context: ReportContext) -> [String] {
        var blocks: [String] = []
        let cards = [
            FigureRow("Edge throughput", MetricKey("edge", "throughput", "per_s")),
            FigureRow("Latency p50 (clients)", MetricKey("edge", "latency_p50", "ms")),
            FigureRow("Latency p99 (clients)", MetricKey("edge", "latency_p99", "ms")),
            FigureRow("Error ratio", MetricKey("edge", "error_ratio", "ratio")),
            FigureRow("Network throughput", MetricKey("network", "throughput", "per_s")),
            FigureRow("Mean response", MetricKey("network", "response_mean", "s")),
            FigureRow("Response p99", MetricKey("network", "response_p99", "s")),
        ].filter { data.has($0.key) }
        if let html = KeyFigureCards.html(Array(cards.prefix(6)), data: data) { blocks.append(html) }

        let groups: [FigureGroup] = [
            FigureGroup(title: "Edge (what clients see)", rows: rows("edge", [
                ("requests", "count"), ("throughput", "per_s"), ("latency_mean", "ms"), ("latency_p50", "ms"),
                ("latency_p90", "ms"), ("latency_p99", "ms"), ("latency_p99_9", "ms"), ("error_ratio", "ratio"),
                ("responses_5xx", "count"), ("local_replies", "count"), ("in_flight_mean", "count"),
            ])),
            FigureGroup(title: "Edge proxies", rows: rows("edge.proxies", [
                ("worker_utilization_mean", "ratio"), ("worker_utilization_max", "ratio"),
            ])),
            FigureGroup(title: "Network", rows: rows("network", [
                ("arrivals", "count"), ("throughput", "per_s"), ("response_mean", "s"), ("response_p50", "s"),
                ("response_p95", "s"), ("response_p99", "s"), ("number_in_network_mean", "jobs"), ("losses", "count"),
            ])),
        ]
        if let table = FigureTable.html(groups, data: data) { blocks.append(table) }
        // Components of which there can be many get one row each; clusters and services
        // have their own sections.
        let stationNames = stations(data)
        let stationTable = MatrixTable(rowTitle: "Station", rows: stationNames.map { (short($0, stationPrefix), $0) }, columns: [
            .init("throughput", "throughput", "per_s"), .init("utilization", "utilization", "ratio"),
            .init("wait mean", "wait_mean", "s"), .init("wait p99", "wait_p99", "s"), .init("time in station", "sojourn_mean", "s"),
            .init("queue length", "queue_length_mean", "jobs"), .init("blocking", "blocking_probability", "ratio"),
        ])
        if let html = stationTable.render(data) { blocks.append(html) }
        return blocks
    }

    // MARK: - Over time

    static let backlogWords = ["visible", "queue_length", "in_flight", "number_in_system", "number_in_network", "backlog", "pending", "queue_mean", "queued"]
    static let errorWords = ["5xx", "4xx", "429", "throttl", "reject", "error", "timeout", "retry", "retries", "dead_letter", "rate_limited", "overflow", "refused", "local_replies", "failure"]

    static func overTime(_ data: ReportData, _ context: ReportContext) -> [String] {
        var blocks: [String] = []
        let clusterNames = clusters(data)
        let serviceNames = services(data)
        let stationNames = stations(data)

        var throughput = [
            LineSeries(MetricKey("edge", "throughput", "per_s"), label: "edge: responses to clients"),
            LineSeries(MetricKey("network", "throughput", "per_s"), label: "network: departures"),
        ].filter { data.hasSeries($0.key) }
        if throughput.isEmpty {
            throughput = stationNames.map { LineSeries(MetricKey($0, "throughput", "per_s"), label: short($0, stationPrefix)) }
        }
        throughput += serviceNames.map { LineSeries(MetricKey($0, "requests_served", "per_s"), label: "\(short($0, servicePrefix)) served") }
        blocks += [context.line(LineChart(title: "Throughput", caption: "Completed requests or jobs per second.", series: throughput), data)].compactMap { $0 }

        let perCluster = clusterNames.map { LineSeries(MetricKey($0, "upstream_rq", "per_s"), label: short($0, clusterPrefix)) }
        blocks += [context.line(LineChart(title: "Upstream requests per cluster", caption: "Requests the proxies sent to each cluster per second (retries included).", series: perCluster), data)].compactMap { $0 }

        let latency = [LineSeries(MetricKey("edge", "latency_mean", "ms"), label: "edge: clients' latency")]
            + clusterNames.map { LineSeries(MetricKey($0, "upstream_rq_time_mean", "ms"), label: "\(short($0, clusterPrefix)) upstream") }
        blocks += [context.line(LineChart(title: "Latency", caption: "Mean per interval (percentiles are in the key figures).", series: latency), data)].compactMap { $0 }

        let response = [LineSeries(MetricKey("network", "response_mean", "s"), label: "network: response")]
            + stationNames.map { LineSeries(MetricKey($0, "wait_mean", "s"), label: "\(short($0, stationPrefix)) wait") }
        blocks += [context.line(LineChart(title: "Response and waits", caption: "Mean time in the network and mean wait before service at each station, per interval.", series: response), data)].compactMap { $0 }

        // Errors and throttles: the edge's error ratio, per-cluster failures, and any series
        // named like an error that a later component reports (throttles, 429s, dead letters).
        var errorKeys = [MetricKey("edge", "error_ratio", "ratio"), MetricKey("edge", "local_replies", "per_s")]
        for component in clusterNames {
            errorKeys += [MetricKey(component, "upstream_rq_5xx", "per_s"), MetricKey(component, "upstream_rq_timeout", "per_s"), MetricKey(component, "upstream_rq_retry", "per_s")]
        }
        errorKeys += data.seriesKeys { key in
            !context.isClaimed(key) && errorWords.contains { key.metric.contains($0) }
        }
        var drewErrors = false
        var errorNames: [String] = []
        for (unit, keys) in groupByUnit(errorKeys.filter(data.hasSeries)) {
            let series = keys.map { LineSeries($0, label: label(of: $0)) }
            errorNames += series.map(\.label)
            let title = unit == "ratio" ? "Error ratio" : "Errors, retries and throttles"
            let caption = unit == "ratio" ? "Share of responses that were errors, per interval." : "Events per second (5xx, timeouts, retries, local replies, throttles when present)."
            if let chart = context.line(LineChart(title: title, caption: caption, series: series, skipIfAllZero: true, dropZeroSeries: unit != "ratio"), data) {
                blocks.append(chart)
                drewErrors = true
            }
        }
        if !drewErrors && !errorNames.isEmpty {
            blocks.append("<p class=\"note\">No errors, timeouts, retries or throttles in any interval (\(HTMLText.escape(errorNames.joined(separator: ", "))) stay at zero).</p>\n")
        }

        let backlog = data.seriesKeys { key in !context.isClaimed(key) && backlogWords.contains { key.metric.contains($0) } }
        for (unit, keys) in groupByUnit(backlog) {
            let series = keys.map { LineSeries($0, label: label(of: $0)) }
            blocks += [context.line(LineChart(title: "Backlogs and work in flight", caption: "Mean number waiting or in progress per interval (\(MetricLabel.humanize(unit))).", series: series), data)].compactMap { $0 }
        }

        var utilization: [LineSeries] = []
        for (index, component) in serviceNames.enumerated() {
            let name = short(component, servicePrefix)
            utilization.append(LineSeries(MetricKey(component, "utilization_mean", "ratio"), label: "\(name) mean", colorIndex: index))
            utilization.append(LineSeries(MetricKey(component, "utilization_max", "ratio"), label: "\(name) hottest instance", dashed: true, colorIndex: index))
        }
        utilization += stationNames.map { LineSeries(MetricKey($0, "utilization", "ratio"), label: short($0, stationPrefix)) }
        utilization += data.seriesKeys { key in
            !context.isClaimed(key) && key.unit == "ratio" && key.metric.contains("utilization") && !utilization.contains { $0.key == key }
        }.map { LineSeries($0, label: label(of: $0)) }
        let present = utilization.filter { data.hasSeries($0.key) }
        blocks += [context.line(LineChart(title: "Utilization", caption: "Share of busy servers (instances' concurrency slots, station servers). Dashed: the busiest instance of a service.", series: present), data)].compactMap { $0 }

        let instances = data.seriesKeys { !context.isClaimed($0) && $0.metric.hasPrefix("instances") }
        for (_, keys) in groupByUnit(instances) {
            blocks += [context.line(LineChart(title: "Instances", caption: "Instances per interval (by state when the fleet reports it).", series: keys.map { LineSeries($0, label: label(of: $0)) }), data)].compactMap { $0 }
        }

        let ejections = clusterNames.map { LineSeries(MetricKey($0, "outlier_detection_ejections_active", "count"), label: short($0, clusterPrefix)) }
        blocks += [context.line(LineChart(title: "Hosts ejected by outlier detection", caption: "Hosts out of the load-balancing set at the end of each interval.", series: ejections, skipIfAllZero: true), data)].compactMap { $0 }
        return blocks
    }

    /// Keys grouped by unit, groups in order of first appearance.
    static func groupByUnit(_ keys: [MetricKey]) -> [(String, [MetricKey])] {
        var groups: [(String, [MetricKey])] = []
        for key in keys {
            if let index = groups.firstIndex(where: { $0.0 == key.unit }) {
                if !groups[index].1.contains(key) { groups[index].1.append(key) }
            } else {
                groups.append((key.unit, [key]))
            }
        }
        return groups
    }

    /// "round-robin upstream rq 5xx" for `edge.cluster.round-robin,upstream_rq_5xx`.
    static func label(of key: MetricKey) -> String {
        var component = key.component
        for prefix in [clusterPrefix, servicePrefix, stationPrefix] where component.hasPrefix(prefix) {
            component = String(component.dropFirst(prefix.count))
        }
        return "\(component) \(MetricLabel.humanize(key.metric))"
    }

    // MARK: - Responses

    static func responses(_ data: ReportData, _ context: ReportContext) -> [String] {
        var blocks: [String] = []
        let classes = ["2xx", "3xx", "4xx", "5xx"]
        let classChart = BarChart(
            title: "Responses by status class", caption: "Responses to clients over the measured span.",
            categories: classes, series: [("responses", classes.map { MetricKey("edge", "responses_\($0)", "count") })], data: data)
        if let html = classChart.render() { blocks.append(html) }

        let flags = data.summary.rows.filter { $0.key.component == "edge" && $0.key.metric.hasPrefix("response_flag_") }
        if !flags.isEmpty {
            let set = flags.filter { $0.interval.mean > 0 }
            if set.isEmpty {
                let names = flags.map { String($0.key.metric.dropFirst("response_flag_".count)) }
                blocks.append("<p class=\"note\">No Envoy response flags were set (\(HTMLText.escape(names.joined(separator: ", "))) all zero): no upstream failures, overflows, timeouts or rate limiting at the edge.</p>\n")
            } else {
                let chart = BarChart(
                    title: "Envoy response flags", caption: "Responses carrying each flag (UH no healthy upstream, UF connection failure, UO overflow, URX retry limit, UT timeout, RL rate limited ...).",
                    categories: set.map { String($0.key.metric.dropFirst("response_flag_".count)) },
                    series: [("responses", set.map { Optional($0.key) })], data: data)
                if let html = chart.render() { blocks.append(html) }
            }
        }
        let throttles = data.summary.rows.filter { row in
            row.key.unit == "count" && row.interval.mean > 0 && row.key.component != "edge"
                && ["429", "throttl", "rate_limited"].contains { row.key.metric.contains($0) }
        }
        if !throttles.isEmpty {
            let chart = BarChart(
                title: "Throttled and rate-limited requests", caption: "Requests answered 429 or throttled, by component.",
                categories: throttles.map { label(of: $0.key) }, series: [("requests", throttles.map { Optional($0.key) })], data: data)
            if let html = chart.render() { blocks.append(html) }
        }
        return blocks
    }

    // MARK: - Clusters

    static func clusters(_ data: ReportData, _ context: ReportContext) -> [String] {
        let names = clusters(data)
        guard !names.isEmpty else { return [] }
        var blocks: [String] = []
        let labels = names.map { short($0, clusterPrefix) }
        let p99 = BarChart(
            title: "Upstream request time p99 per cluster", caption: "99th percentile of the time from the proxy to the upstream and back.",
            categories: labels, series: [("p99", names.map { MetricKey($0, "upstream_rq_time_p99", "ms") })], data: data, categoryTitle: "cluster")
        if let html = p99.render() { blocks.append(html) }

        let table = MatrixTable(rowTitle: "Cluster", rows: zip(labels, names).map { ($0, $1) }, columns: [
            .init("requests", "upstream_rq_total", "count"), .init("5xx", "upstream_rq_5xx", "count"),
            .init("retries", "upstream_rq_retry", "count"), .init("timeouts", "upstream_rq_timeout", "count"),
            .init("overflows", "upstream_rq_pending_overflow", "count"), .init("ejections", "outlier_detection_ejections_enforced_total", "count"),
            .init("panic", "lb_healthy_panic", "count"),
            .init("time mean", "upstream_rq_time_mean", "ms"), .init("p50", "upstream_rq_time_p50", "ms"), .init("p99", "upstream_rq_time_p99", "ms"),
        ])
        if let html = table.render(data) { blocks.append(html) }
        if let html = hostShares(data, clusters: names) { blocks.append(html) }
        return blocks
    }

    static let maximumHosts = 400

    /// Each cluster's requests per host as a share of the cluster's total. Clusters side by
    /// side when the bars fit, one chart per cluster otherwise.
    static func hostShares(_ data: ReportData, clusters names: [String]) -> String? {
        var shares: [(cluster: String, values: [Int: BarValue])] = []
        var hostCount = 0
        for component in names {
            var totals: [(Int, ConfidenceInterval)] = []
            for host in data.components(prefix: "\(component).host.", having: "upstream_rq_total") {
                guard let index = Int(host.dropFirst(component.count + ".host.".count)),
                      let interval = data.interval(host, "upstream_rq_total", "count") else { continue }
                totals.append((index, interval))
            }
            guard !totals.isEmpty else { continue }
            let sum = totals.reduce(0.0) { $0 + ($1.1.mean.isFinite ? $1.1.mean : 0) }
            guard sum > 0 else { continue }
            var values: [Int: BarValue] = [:]
            for (index, interval) in totals {
                values[index] = BarValue(mean: interval.mean / sum, low: interval.lower / sum, high: interval.upper / sum)
                hostCount = max(hostCount, index + 1)
            }
            shares.append((short(component, clusterPrefix), values))
        }
        guard !shares.isEmpty, hostCount > 0 else { return nil }
        guard hostCount <= maximumHosts else {
            return "<p class=\"note\">Requests per host: more than \(maximumHosts) hosts per cluster, not drawn; the counts are in summary.csv (edge.cluster.&lt;name&gt;.host.&lt;i&gt;).</p>\n"
        }
        let caption = "Share of each cluster's requests that went to each host; the dashed line is an even share." + slowHostsNote(data, clusters: shares.map(\.cluster))
        let hosts = (0..<hostCount).map(String.init)
        let even = (value: 1 / Double(hostCount), label: "even share")
        if hostCount * shares.count <= 160 {
            let series = shares.map { item in BarSeries(label: item.cluster, values: (0..<hostCount).map { item.values[$0] }) }
            return BarChart(title: "Requests per host", caption: caption, unit: "ratio", categories: hosts, series: series, reference: even, categoryTitle: "host").render()
        }
        return shares.compactMap { item in
            BarChart(title: "Requests per host: \(item.cluster)", caption: caption, unit: "ratio", categories: hosts,
                     series: [BarSeries(label: item.cluster, values: (0..<hostCount).map { item.values[$0] })], reference: even, categoryTitle: "host").render()
        }.joined()
    }

    /// " Hosts 0–2 of web run at speed 0.25 (slow)." for heterogeneous fleets behind the clusters.
    static func slowHostsNote(_ data: ReportData, clusters names: [String]) -> String {
        guard let platform = data.scenario.platform, let edge = platform.edge else { return "" }
        var slow: [(service: String, count: Int, speed: Double)] = []
        for name in names {
            guard let cluster = edge.clusters.first(where: { $0.name == name }),
                  let service = platform.services.first(where: { $0.name == cluster.service }),
                  service.slowInstances > 0, !slow.contains(where: { $0.service == service.name }) else { continue }
            slow.append((service.name, service.slowInstances, service.slowSpeed))
        }
        guard let first = slow.first else { return "" }
        func hosts(_ count: Int) -> String { count == 1 ? "Host 0" : "Hosts 0–\(count - 1)" }
        if slow.count > 1, slow.allSatisfy({ $0.count == first.count && $0.speed == first.speed }) {
            return " \(hosts(first.count)) of every cluster are slow (speed \(CSVNumber.format(first.speed)))."
        }
        return " " + slow.map { "\(hosts($0.count)) of \($0.service) are slow (speed \(CSVNumber.format($0.speed)))" }.joined(separator: "; ") + "."
    }

    // MARK: - Capacity

    static func capacity(_ data: ReportData, _ context: ReportContext) -> [String] {
        var blocks: [String] = []
        let names = services(data)
        if !names.isEmpty {
            let labels = names.map { short($0, servicePrefix) }
            let chart = BarChart(
                title: "Utilization per service", caption: "Across each service's instances: the least busy, the mean and the busiest.",
                categories: labels,
                series: [
                    ("least busy instance", names.map { MetricKey($0, "utilization_min", "ratio") }),
                    ("mean", names.map { MetricKey($0, "utilization_mean", "ratio") }),
                    ("busiest instance", names.map { MetricKey($0, "utilization_max", "ratio") }),
                ], data: data, categoryTitle: "service")
            if let html = chart.render() { blocks.append(html) }
            let table = MatrixTable(rowTitle: "Service", rows: zip(labels, names).map { ($0, $1) }, columns: [
                .init("instances", "instances", "count"), .init("served", "requests_served", "count"),
                .init("rejected", "rejected", "count"), .init("refused", "refused", "count"), .init("errors", "errors", "count"),
                .init("wait", "wait_mean", "s"), .init("time in service", "sojourn_mean", "s"),
            ])
            if let html = table.render(data) { blocks.append(html) }
        }
        let proxies = data.components(prefix: proxyPrefix, having: "worker_utilization")
        if !proxies.isEmpty {
            let chart = BarChart(
                title: "Edge proxy worker utilization", caption: "Share of each proxy's worker threads busy with request and response work.",
                categories: proxies.map { short($0, proxyPrefix) },
                series: [("utilization", proxies.map { MetricKey($0, "worker_utilization", "ratio") })], data: data, categoryTitle: "proxy")
            if let html = chart.render() { blocks.append(html) }
        }
        return blocks
    }

    // MARK: - Other series

    static let maximumOtherCharts = 24

    static func otherSeries(_ data: ReportData, _ context: ReportContext) -> [String] {
        let rest = data.seriesKeys { !context.isClaimed($0) }
        guard !rest.isEmpty else { return [] }
        var groups: [(title: String, keys: [MetricKey])] = []
        for key in rest {
            let title = "\(MetricLabel.humanize(key.metric)) (\(MetricLabel.humanize(key.unit)))"
            if let index = groups.firstIndex(where: { $0.title == title }) {
                groups[index].keys.append(key)
            } else {
                groups.append((title, [key]))
            }
        }
        var blocks: [String] = []
        var quiet: [String] = []
        for group in groups {
            let series = group.keys.map { LineSeries($0, label: $0.component) }
            guard blocks.count < maximumOtherCharts else {
                quiet.append(group.title)
                continue
            }
            if let chart = context.line(LineChart(title: sentence(group.title), series: series, skipIfAllZero: true, dropZeroSeries: true), data) {
                blocks.append(chart)
            } else {
                quiet.append(group.title)
            }
        }
        if !quiet.isEmpty {
            blocks.append("<p class=\"note\">Not drawn (zero throughout, or beyond \(maximumOtherCharts) charts): \(HTMLText.escape(quiet.joined(separator: "; "))).</p>\n")
        }
        return blocks
    }
}
