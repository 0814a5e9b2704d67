import Foundation
import Reports
import Scenario
import SimKernel
import Testing

@Suite struct HTMLReportTests {
    static func render(_ scenario: Scenario, _ results: [ReplicationResult]) -> String {
        HTMLReport.render(scenario, results, RunSummary(results))
    }

    @Test func opensOffline() throws {
        let (scenario, results) = try ReportFixtures.mm1()
        let edge = Self.render(try ReportFixtures.edgeScenario(), ReportFixtures.edgeResults())
        for html in [Self.render(scenario, results), edge] {
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(html.contains("<style>"))
            let outside = ReportFixtures.withoutYAML(html)
            for forbidden in ["http://", "https://", "<script", "<link", " src=", "@import", "url(", "xlink:href", "<iframe", "<img"] {
                #expect(!outside.lowercased().contains(forbidden), "the page refers to something outside itself: \(forbidden)")
            }
        }
        // The URL of the scenario's comment is there, escaped, inside the YAML block only.
        let html = Self.render(scenario, results)
        #expect(html.contains("<pre># theory: https://en.wikipedia.org/wiki/M/M/1_queue\nname: mm1-check"))
    }

    @Test func hostileTextIsEscaped() throws {
        let scenario = try ReportFixtures.scenario(ReportFixtures.hostileText)
        #expect(scenario.name == ReportFixtures.hostileName)
        let html = Self.render(scenario, ReportFixtures.run(scenario, replications: 2))
        #expect(html.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; · rehearse report</title>"))
        #expect(html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        #expect(html.contains("&lt;img src=x onerror=&quot;alert(2)&quot;&gt; &amp; &#39;quoted&#39;"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))

        let edge = Self.render(try ReportFixtures.edgeScenario(), ReportFixtures.edgeResults())
        #expect(edge.contains("x&quot;&gt;&lt;svg onload=alert(3)&gt;"))
        #expect(!edge.contains("<svg onload"))
        #expect(!edge.contains("\"><svg"))
    }

    @Test func everySVGHasAViewBox() throws {
        let (scenario, results) = try ReportFixtures.mm1()
        for html in [Self.render(scenario, results), Self.render(try ReportFixtures.edgeScenario(), ReportFixtures.edgeResults())] {
            let svgs = ReportFixtures.count("<svg", in: html)
            #expect(svgs >= 3)
            #expect(ReportFixtures.count("<svg viewBox=\"0 0 ", in: html) == svgs)
            #expect(ReportFixtures.count("</svg>", in: html) == svgs)
            #expect(html.contains("<meta name=\"viewport\""))
            #expect(html.contains("@media print"))
        }
    }

    @Test func chartsFollowTheMetricsPresent() throws {
        let (scenario, results) = try ReportFixtures.mm1()
        let mm1 = Self.render(scenario, results)
        #expect(mm1.contains("<h2>Analytic sanity check</h2>"))
        #expect(mm1.contains(">Throughput</span>"))
        #expect(mm1.contains(">Utilization</span>"))
        #expect(mm1.contains("Mean response"))
        for absent in ["Upstream request time p99 per cluster", "Requests per host", "Responses by status class", "Edge throughput", "Utilization per service", "Edge proxy worker utilization", "<h2>Clusters and hosts</h2>"] {
            #expect(!mm1.contains(absent), "\(absent) without its metrics")
        }

        let edge = Self.render(try ReportFixtures.edgeScenario(), ReportFixtures.edgeResults())
        for present in ["Upstream request time p99 per cluster", "Requests per host", "Responses by status class", "Envoy response flags", "Edge throughput", "Utilization per service", "Edge proxy worker utilization", "Upstream requests per cluster", ">Latency</span>", ">Error ratio</span>"] {
            #expect(edge.contains(present), "\(present) missing")
        }
        #expect(!edge.contains("Analytic sanity check"))
        #expect(!edge.contains("Mean response"))

        // No results at all: a page with its header and nothing else, not a crash.
        let empty = HTMLReport.render(scenario, [], RunSummary([]))
        #expect(empty.contains("<h1>mm1-check</h1>"))
        #expect(!empty.contains("<svg"))
    }

    /// Series of components that do not exist yet land in the charts of their kind.
    @Test func laterComponentsFindTheirCharts() throws {
        let keys = [
            MetricKey("sqs.provisioning", "messages_visible", "count"),
            MetricKey("dynamodb.tenants", "throttled_requests", "per_s"),
            MetricKey("dynamodb.tenants", "consumed_rcu", "per_s"),
            MetricKey("fleet.jira", "instances_running", "count"),
            MetricKey("dynamodb.tenants", "provisioned_wcu", "per_s"),
        ]
        let results = (0..<2).map { replication in
            var series = TimeSeries(keys: keys)
            for sample in 0..<6 {
                series.times.append(.seconds(Int64(sample + 1) * 60))
                series.values += [Double(sample * 10 + replication), 2, 300, 40, 0]
            }
            var metrics = MetricTable()
            metrics.append("dynamodb.tenants", "throttled_requests", "count", 12)
            return ReplicationResult(replication: replication, seed: 1, events: 1, metrics: metrics, series: series)
        }
        let html = Self.render(try ReportFixtures.edgeScenario(), results)
        func chart(_ title: String) -> String? {
            guard let start = html.range(of: "<span class=\"chart-title\">\(title)</span>") else { return nil }
            return String(html[start.lowerBound...]).components(separatedBy: "</figure>")[0]
        }
        #expect(chart("Backlogs and work in flight")?.contains("sqs.provisioning messages visible") == true)
        #expect(chart("Errors, retries and throttles")?.contains("dynamodb.tenants throttled requests") == true)
        #expect(chart("Instances")?.contains("fleet.jira instances running") == true)
        #expect(chart("Consumed rcu (per s)")?.contains("dynamodb.tenants") == true)
        #expect(chart("Throttled and rate-limited requests") != nil)
        #expect(chart("Provisioned wcu (per s)") == nil, "a series at zero throughout is listed, not drawn")
        #expect(html.contains("Not drawn (zero throughout, or beyond 24 charts): provisioned wcu (per s)."))
    }

    @Test func dynamoDBConsumptionIsDrawnAgainstCapacity() throws {
        let table = "dynamodb.tenants"
        let keys = ["consumed_rcu", "consumed_wcu", "read_capacity", "write_capacity"].map { MetricKey(table, $0, "per_s") }
        let results = (0..<2).map { replication in
            var series = TimeSeries(keys: keys)
            for sample in 0..<6 {
                series.times.append(.seconds(Int64(sample + 1) * 60))
                series.values += [Double(sample * 10 + replication), 35, 400, sample < 3 ? 400 : 40]
            }
            return ReplicationResult(replication: replication, seed: 1, events: 1, metrics: MetricTable(), series: series)
        }
        let html = Self.render(try ReportFixtures.edgeScenario(), results)
        #expect(html.contains("<h2>DynamoDB capacity</h2>"))
        for title in ["Reads: tenants", "Writes: tenants"] {
            let start = try #require(html.range(of: "<span class=\"chart-title\">\(title)</span>"))
            let figure = String(html[start.lowerBound...]).components(separatedBy: "</figure>")[0]
            #expect(figure.contains("consumed") && figure.contains("capacity"))
        }
        #expect(!html.contains("Consumed rcu (per s)"), "drawn once, in its own section")
    }

    @Test func sameInputsSameBytes() throws {
        let (scenario, results) = try ReportFixtures.mm1()
        let first = Self.render(scenario, results)
        let again = Self.render(scenario, ReportFixtures.run(scenario, replications: 3))
        #expect(first == again)
        let edge = Self.render(try ReportFixtures.edgeScenario(), ReportFixtures.edgeResults())
        #expect(edge == Self.render(try ReportFixtures.edgeScenario(), ReportFixtures.edgeResults()))
    }

    @Test func analyticCheckShowsErlangC() throws {
        let (scenario, results) = try ReportFixtures.mm1()
        let network = try #require(scenario.network)
        let rows = try #require(AnalyticCheck.rows(network))
        try #require(rows.count == 1)
        let row = rows[0]
        #expect(row.model == .erlangC)
        #expect(row.modelName == "M/M/1 (Erlang C)")
        #expect(row.exact)
        let measures = try #require(row.measures)
        #expect(abs(measures.wait - 0.5) < 1e-12)
        #expect(abs(measures.utilization - 0.5) < 1e-12)

        let html = Self.render(scenario, results)
        #expect(html.contains("<td class=\"model\">M/M/1<br><span class=\"formula\">Erlang C</span></td>"))
        #expect(html.contains("<td class=\"num\">500.0 ms</td>"), "the formula's mean wait")
        // The simulated mean wait is within reason of the formula's.
        let wait = try #require(RunSummary(results).row("station.server", "wait_mean", "s"))
        #expect(abs(wait.interval.mean - 0.5) < 0.15)
        #expect(html.contains("Mean time in the network by Little&#39;s law over the stations: 1.000 s"))
    }

    @Test func analyticModelsByStation() throws {
        func source(_ name: String, to station: Int) -> NetworkConfiguration.Source {
            .init(name: name, interarrival: .exponential(mean: 1), routes: [.init(station: station, probability: 1)])
        }
        let lognormal = Distribution.lognormal(median: 0.3, p99: 1.5)
        let network = NetworkConfiguration(
            sources: [source("a", to: 0), source("b", to: 1), source("c", to: 2), source("d", to: 3)],
            stations: [
                .init(name: "mg1", servers: 1, service: lognormal, routes: [.init(station: 4, probability: 1)]),
                .init(name: "mmck", servers: 2, capacity: 5, service: .exponential(mean: 1.5)),
                .init(name: "ggc", servers: 2, service: .gamma(shape: 2, scale: 0.4)),
                .init(name: "unstable", servers: 1, service: .exponential(mean: 1.2)),
                .init(name: "downstream", servers: 1, service: .exponential(mean: 0.2)),
            ])
        let rows = try #require(AnalyticCheck.rows(network))
        #expect(rows.map(\.model) == [.pollaczekKhinchine, .birthDeath, .allenCunneen, .none, .allenCunneen])
        #expect(rows.map(\.exact) == [true, true, false, false, false])
        func close(_ a: QueueingTheory.Measures?, _ b: QueueingTheory.Measures) -> Bool {
            guard let a else { return false }
            return [(a.wait, b.wait), (a.utilization, b.utilization), (a.blocking, b.blocking)].allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) }
        }
        #expect(close(rows[0].measures, QueueingTheory.mg1(arrivalRate: 1, service: lognormal)))
        #expect(close(rows[1].measures, QueueingTheory.mmck(arrivalRate: 1, meanService: 1.5, servers: 2, capacity: 5)))
        #expect(rows[1].modelName == "M/M/2/5 (birth-death)")
        let ggc = QueueingTheory.ggcApproximation(arrivalRate: 1, interarrivalSCV: 1, service: .gamma(shape: 2, scale: 0.4), servers: 2)
        #expect(close(rows[2].measures, ggc))
        #expect(rows[2].modelName == "G/G/2 (Allen-Cunneen approximation)")
        #expect(rows[3].measures == nil)
        #expect(rows[3].note?.contains("unstable") == true)
        // Behind a lognormal server the arrivals are not Poisson: an approximation, said so.
        #expect(rows[4].note?.contains("flows from other stations taken as Poisson") == true)
    }

    @Test func largeRunsStaySmall() throws {
        let results = ReportFixtures.edgeResults(replications: 5, samples: 6_000, interval: 1)
        let html = Self.render(try ReportFixtures.edgeScenario(), results)
        #expect(html.utf8.count < 2_000_000, "\(html.utf8.count) bytes")
        // Every line has at most 300 points.
        var rest = Substring(html)
        var paths = 0
        while let start = rest.range(of: " d=\"M") {
            let end = rest[start.upperBound...].firstIndex(of: "\"")!
            let points = rest[start.upperBound..<end].components(separatedBy: " L").count
            #expect(points <= 300)
            paths += 1
            rest = rest[end...]
        }
        #expect(paths > 5)
    }

    @Test func numbersAreFormattedForPeople() throws {
        let edge = Self.render(try ReportFixtures.edgeScenario(), ReportFixtures.edgeResults())
        #expect(edge.contains("<div class=\"card-value\">500.5 /s</div>"))
        #expect(edge.contains("<div class=\"card-value\">3.350 %</div>"), "a ratio as a percentage")
        #expect(edge.contains("<td class=\"num\">60,050</td>"), "thousands grouped, whole counts without decimals")
        #expect(!edge.contains("nan") && !edge.contains("NaN"))
    }
}
