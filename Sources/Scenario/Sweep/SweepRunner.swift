import Dispatch
import SimKernel
import Synchronization

/// Runs items of a sweep, in parallel when asked, and returns their results in the order of
/// the items given, so the number of threads never changes a byte of the output.
public enum SweepRunner {
    /// Progress is reported per position in `items` (as `replication`), with simulated time
    /// scaled to the longest point's duration so that points of different durations add up.
    public static func run(_ sweep: Sweep, items: [Int], jobs: Int, progress: (any RunProgress)? = nil) -> [SweepItemResult] {
        precondition(jobs > 0)
        guard !items.isEmpty else { return [] }
        let longest = sweep.points.map(\.scenario.duration.nanoseconds).max() ?? 1
        let state = Mutex(Progress(results: Array(repeating: nil, count: items.count)))
        DispatchQueue.concurrentPerform(iterations: min(jobs, items.count)) { _ in
            while let slot = state.withLock({ $0.takeNext() }) {
                let (point, replication) = sweep.item(items[slot])
                let scenario = sweep.points[point].scenario
                let scaled = progress.map { ScaledProgress(progress: $0, slot: slot, scale: Double(longest) / Double(scenario.duration.nanoseconds)) }
                let result = ScenarioRunner.runReplication(scenario, index: replication, progress: scaled)
                let item = SweepItemResult(
                    point: point, replication: replication, seed: result.seed, events: result.events,
                    digest: result.digest, metrics: result.metrics)
                state.withLock { $0.results[slot] = item }
            }
        }
        return state.withLock { $0.results.map { $0! } }
    }

    private struct Progress: Sendable {
        var next = 0
        var results: [SweepItemResult?]

        mutating func takeNext() -> Int? {
            guard next < results.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    private struct ScaledProgress: RunProgress {
        let progress: any RunProgress
        let slot: Int
        let scale: Double

        func advanced(replication: Int, to time: SimTime, events: UInt64) {
            progress.advanced(replication: slot, to: SimTime(nanoseconds: Int64(Double(time.nanoseconds) * scale)), events: events)
        }
    }
}
