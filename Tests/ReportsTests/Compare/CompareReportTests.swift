import Foundation
import Reports
import Scenario
import SimKernel
import Testing

@Suite struct CompareReportTests {
    /// The hostile scenario against itself with a faster server: B waits less.
    static func sides() throws -> (CompareReport.Side, CompareReport.Side, PairedComparison) {
        let a = try ReportFixtures.scenario(ReportFixtures.hostileText)
        let b = try ReportFixtures.scenario(ReportFixtures.hostileText.replacingOccurrences(of: "mean: 400ms", with: "mean: 300ms"))
        let resultsA = ReportFixtures.run(a, replications: 3)
        let resultsB = ReportFixtures.run(b, replications: 3)
        return (.init(scenario: a, results: resultsA), .init(scenario: b, results: resultsB), PairedComparison(resultsA, resultsB))
    }

    @Test func showsTheDifferenceAndTheChangedLines() throws {
        let (a, b, comparison) = try Self.sides()
        let wait = try #require(comparison.rows.first { $0.key == MetricKey("station.srv", "wait_mean", "s") })
        #expect(wait.verdict == .lower)
        let html = CompareReport.render(a: a, b: b, comparison)
        #expect(html.contains("<section id=\"differences\">"))
        #expect(html.contains("▼ lower"))
        #expect(html.contains("<span class=\"removed\">−     service: { exponential: { mean: 400ms } }</span>"))
        #expect(html.contains("<span class=\"added\">+     service: { exponential: { mean: 300ms } }</span>"))
        #expect(html.contains("<figure class=\"chart\">"))
        #expect(html == CompareReport.render(a: a, b: b, comparison), "the same inputs give the same bytes")
    }

    @Test func opensOfflineAndEscapesScenarioText() throws {
        let (a, b, comparison) = try Self.sides()
        let html = CompareReport.render(a: a, b: b, comparison)
        #expect(html.contains("<title>A vs B · rehearse comparison</title>"))
        #expect(html.contains("<h3>A: &lt;script&gt;alert(1)&lt;/script&gt;</h3>"))
        #expect(html.contains("&lt;img src=x onerror=&quot;alert(2)&quot;&gt;"))
        // The description's `src=` is there as escaped text only.
        for forbidden in ["http://", "https://", "<script", "<link", "@import", "url(", "xlink:href", "<iframe", "<img"] {
            #expect(!html.lowercased().contains(forbidden), "the page refers to something outside itself: \(forbidden)")
        }
    }

    @Test func aDesignAgainstItselfSaysSo() throws {
        let (a, _, _) = try Self.sides()
        let html = CompareReport.render(a: a, b: a, PairedComparison(a.results, a.results))
        #expect(html.contains("No metric differs significantly"))
        #expect(html.contains("The two scenario files have the same text: the designs are the same."))
        #expect(html.contains("No series differs between the designs"))
    }

    @Test func csvNamesBothDesignsOnEveryRow() throws {
        let (a, b, comparison) = try Self.sides()
        let csv = CompareFiles.csv(a.scenario, b.scenario, comparison)
        let lines = csv.split(separator: "\r\n").map(String.init)
        #expect(lines[0].hasPrefix("scenario,variant,versus_scenario,versus_variant,component,metric,unit,replications,a_mean"))
        #expect(lines[0].hasSuffix(",relative_difference,correlation,significant"))
        #expect(lines.count == comparison.rows.count + 1)
        let wait = try #require(lines.first { $0.contains(",station.srv,wait_mean,s,") })
        #expect(wait.hasPrefix("<script>alert(1)</script>,default,<script>alert(1)</script>,default,station.srv,wait_mean,s,3,"))
        #expect(wait.hasSuffix(",yes"))
    }
}
