import Dispatch
import SimKernel
import Synchronization

/// Hears how replications advance, for progress bars. Called from the threads that run the
/// replications; it must not influence them.
public protocol RunProgress: Sendable {
    func advanced(replication: Int, to time: SimTime, events: UInt64)
}

/// Runs a scenario's replications, in parallel when asked, and returns their results in
/// replication order, so the number of threads never changes a byte of the output.
public enum ScenarioRunner {
    /// Slices per replication between progress reports; slicing does not change the run.
    static let progressSlices: Int64 = 200

    /// The seed of replication `index`: a function of the scenario seed and the index only.
    public static func seed(of index: Int, scenarioSeed: UInt64) -> UInt64 {
        RandomStreams.replicationSeed(scenarioSeed: scenarioSeed, replication: index)
    }

    public static func runReplication(_ scenario: Scenario, index: Int, progress: (any RunProgress)? = nil) -> ReplicationResult {
        let seed = seed(of: index, scenarioSeed: scenario.seed)
        let simulation = Simulation(seed: seed, generator: scenario.generator)
        ModelAssembly.build(scenario, in: simulation)
        simulation.observe(warmupEnd: scenario.warmup, sampleInterval: scenario.sampleInterval)
        let slice = max(scenario.duration.nanoseconds / progressSlices, 1)
        var time = SimTime.zero
        while time < scenario.duration {
            time = SimTime(nanoseconds: min(time.nanoseconds + slice, scenario.duration.nanoseconds))
            simulation.run(until: time)
            progress?.advanced(replication: index, to: time, events: simulation.processedEvents)
        }
        return ReplicationResult(
            replication: index, seed: seed, events: simulation.processedEvents,
            metrics: simulation.report(), series: simulation.timeSeries)
    }

    /// Runs replications `0 ..< replications` on up to `jobs` threads.
    public static func run(_ scenario: Scenario, replications: Int, jobs: Int, progress: (any RunProgress)? = nil) -> [ReplicationResult] {
        precondition(replications > 0 && jobs > 0)
        let workers = min(jobs, replications)
        let state = Mutex(Progress(results: Array(repeating: nil, count: replications)))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = state.withLock({ $0.takeNext() }) {
                let result = runReplication(scenario, index: index, progress: progress)
                state.withLock { $0.results[index] = result }
            }
        }
        return state.withLock { $0.results.map { $0! } }
    }

    private struct Progress: Sendable {
        var next = 0
        var results: [ReplicationResult?]

        mutating func takeNext() -> Int? {
            guard next < results.count else { return nil }
            defer { next += 1 }
            return next
        }
    }
}
