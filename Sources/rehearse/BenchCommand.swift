import ArgumentParser
import Dispatch
import Foundation
import SimKernel

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the kernel's event throughput; the last line is events_per_second=N.",
        subcommands: [Hold.self, Phold.self])

    struct Hold: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The hold model: pop the earliest event at t, push one at t + Exp(1).")

        @Option(help: "Events kept pending in the calendar.")
        var pending = 65_536

        @Option(help: "Hold operations to time, after as many warm-up operations as pending events.")
        var events: UInt64 = 20_000_000

        @Option(help: "Seed of the random streams.")
        var seed: UInt64 = 1

        func validate() throws {
            guard pending > 0, events > 0 else { throw ValidationError("--pending and --events must be positive") }
        }

        func run() {
            let simulation = Simulation(seed: seed)
            _ = HoldBenchmark(simulation: simulation, pending: pending)
            simulation.run(until: .infinity, maxEvents: UInt64(pending))
            let seconds = timed { simulation.run(until: .infinity, maxEvents: events) }
            print("hold pending=\(pending) events=\(events) seconds=\(String(format: "%.3f", seconds))")
            print("calendar_bytes=\(simulation.calendarBytes) peak_rss_bytes=\(peakResidentBytes())")
            print("events_per_second=\(Int(Double(events) / seconds))")
        }
    }

    struct Phold: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "PHOLD as in ROSS's models/phold, run sequentially.")

        @Option(help: "Logical processes.")
        var lps = 1_024

        @Option(help: "Initial events per logical process.")
        var population = 1

        @Option(help: "Simulated end time, in PHOLD's time units.")
        var end = 20_000.0

        @Option(help: "Probability that an event goes to a uniformly chosen LP.")
        var remote = 0.25

        @Option(help: "Mean delay between events.")
        var mean = 1.0

        @Option(help: "Minimum delay between events.")
        var lookahead = 0.1

        @Option(help: "Seed of the random streams.")
        var seed: UInt64 = 1

        func validate() throws {
            guard lps > 0, population > 0, end > 0 else { throw ValidationError("--lps, --population and --end must be positive") }
            guard (0...1).contains(remote) else { throw ValidationError("--remote must lie in [0, 1]") }
            guard lookahead >= 0, mean > lookahead else { throw ValidationError("need mean > lookahead >= 0") }
        }

        func run() {
            let simulation = Simulation(seed: seed)
            var parameters = PholdBenchmark.Parameters(lps: lps, population: population)
            parameters.remote = remote
            parameters.mean = mean
            parameters.lookahead = lookahead
            let model = PholdBenchmark(simulation: simulation, parameters: parameters)
            let seconds = timed { simulation.run(until: SimTime(seconds: end)) }
            precondition(model.processed == simulation.processedEvents, "PHOLD lost events")
            print("phold lps=\(lps) population=\(population) end=\(end) events=\(simulation.processedEvents) seconds=\(String(format: "%.3f", seconds))")
            print("calendar_bytes=\(simulation.calendarBytes) peak_rss_bytes=\(peakResidentBytes())")
            print("events_per_second=\(Int(Double(simulation.processedEvents) / seconds))")
        }
    }
}

/// Wall time of `work` in seconds: only the benchmark's event loop is timed.
private func timed(_ work: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
}

/// The process's peak resident set size.
private func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
}
