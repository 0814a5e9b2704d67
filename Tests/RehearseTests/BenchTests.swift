import Foundation
import Testing

/// The benchmarks end with `events_per_second=N`.
@Suite struct BenchTests {
    static func eventsPerSecond(_ outcome: CLI.Outcome) -> UInt64? {
        guard let last = outcome.stdoutLines.last, last.hasPrefix("events_per_second=") else { return nil }
        let digits = last.dropFirst("events_per_second=".count)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return UInt64(digits)
    }

    @Test func hold() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let outcome = try CLI.run(["bench", "hold", "--pending", "1000", "--events", "100000"], in: workspace.url)
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let rate = try #require(Self.eventsPerSecond(outcome), "stdout: \(outcome.stdout)")
        #expect(rate > 0)
    }

    @Test func phold() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let outcome = try CLI.run(["bench", "phold", "--lps", "64", "--end", "100"], in: workspace.url)
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let rate = try #require(Self.eventsPerSecond(outcome), "stdout: \(outcome.stdout)")
        #expect(rate > 0)
    }
}
