import SimKernel
import Testing

/// Records what it receives; schedules follow-ups on request.
final class Recorder: Component {
    var received: [(time: SimTime, kind: UInt32, subject: UInt32)] = []
    var resets: [SimTime] = []
    var onEvent: ((Event, Simulation) -> Void)?

    override func handle(_ event: Event, in simulation: Simulation) {
        received.append((event.time, event.kind, event.subject))
        onEvent?(event, simulation)
    }

    override func resetStatistics(at time: SimTime) {
        resets.append(time)
    }

    override func report(at time: SimTime, into table: inout MetricTable) {
        table.append("recorder", "events", "count", Double(received.count))
    }

    override var seriesKeys: [MetricKey] { [MetricKey("recorder", "events", "count")] }

    override func sample(at time: SimTime, into frame: inout [Double]) {
        frame.append(Double(received.count))
    }
}

@Suite struct SimulationTests {
    @Test func dispatchesInTimeOrderAndBreaksTiesByInsertion() {
        let simulation = Simulation(seed: 1)
        let a = Recorder(), b = Recorder()
        simulation.register(a)
        simulation.register(b)
        simulation.schedule(at: .seconds(2), target: a.id, kind: 1, subject: 1)
        simulation.schedule(at: .seconds(1), target: b.id, kind: 2, subject: 2)
        simulation.schedule(at: .seconds(2), target: b.id, kind: 3, subject: 3)
        simulation.schedule(at: .seconds(2), target: a.id, kind: 4, subject: 4)
        simulation.run(until: .seconds(10))
        #expect(a.received.map(\.subject) == [1, 4])
        #expect(b.received.map(\.subject) == [2, 3])
        #expect(simulation.processedEvents == 4)
        #expect(simulation.now == .seconds(10))
    }

    @Test func stopsAtTheHorizonAndResumes() {
        let simulation = Simulation(seed: 1)
        let recorder = Recorder()
        simulation.register(recorder)
        recorder.onEvent = { event, simulation in
            simulation.schedule(after: .seconds(1), target: event.target, kind: 0)
        }
        simulation.schedule(at: .zero, target: recorder.id, kind: 0)
        simulation.run(until: .seconds(5))
        #expect(recorder.received.map(\.time) == (0...5).map { SimTime.seconds(Int64($0)) })
        simulation.run(until: .milliseconds(7_500))
        #expect(recorder.received.count == 8)
        #expect(simulation.now == .milliseconds(7_500))
    }

    @Test func stopsWhenTheEventBudgetRunsOut() {
        let simulation = Simulation(seed: 1)
        let recorder = Recorder()
        simulation.register(recorder)
        for i in 0..<10 { simulation.schedule(at: .seconds(Int64(i)), target: recorder.id, kind: 0) }
        #expect(simulation.run(until: .infinity, maxEvents: 4) == .exhaustedBudget)
        #expect(recorder.received.count == 4)
        #expect(simulation.now == .seconds(3))
        #expect(simulation.run(until: .infinity) == .reachedTime)
        #expect(recorder.received.count == 10)
    }

    @Test func cancelledEventsNeverArrive() {
        let simulation = Simulation(seed: 1)
        let recorder = Recorder()
        simulation.register(recorder)
        let kept = simulation.scheduleCancellable(at: .seconds(1), target: recorder.id, kind: 7, subject: 1)
        let dropped = simulation.scheduleCancellable(at: .seconds(2), target: recorder.id, kind: 7, subject: 2)
        #expect(simulation.cancel(dropped))
        #expect(!simulation.cancel(dropped))
        simulation.run(until: .seconds(3))
        #expect(recorder.received.map(\.subject) == [1])
        #expect(recorder.received.map(\.kind) == [7])
        #expect(!simulation.cancel(kept), "a fired event can no longer be cancelled")
        #expect(simulation.processedEvents == 1)
        #expect(simulation.discardedEvents == 1)
    }

    @Test func reusedTokenSlotsDoNotCancelNewEvents() {
        let simulation = Simulation(seed: 1)
        let recorder = Recorder()
        simulation.register(recorder)
        let first = simulation.scheduleCancellable(at: .seconds(1), target: recorder.id, kind: 0, subject: 1)
        simulation.run(until: .seconds(1))
        // The slot of `first` is free again; the next token reuses it with a new generation.
        let second = simulation.scheduleCancellable(at: .seconds(2), target: recorder.id, kind: 0, subject: 2)
        #expect(!simulation.cancel(first))
        simulation.run(until: .seconds(3))
        #expect(recorder.received.map(\.subject) == [1, 2])
        #expect(!simulation.cancel(second))
    }

    @Test func warmupResetsAndSamplesEveryInterval() {
        let simulation = Simulation(seed: 1)
        let recorder = Recorder()
        simulation.register(recorder)
        for i in 0..<10 { simulation.schedule(at: .seconds(Int64(i)), target: recorder.id, kind: 0) }
        simulation.observe(warmupEnd: .milliseconds(2_500), sampleInterval: .seconds(4))
        simulation.run(until: .seconds(10))
        #expect(recorder.resets == [.milliseconds(2_500)])
        let series = simulation.timeSeries
        #expect(series.keys == [MetricKey("recorder", "events", "count")])
        #expect(series.times == [.seconds(4), .seconds(8)])
        // The events at 4 s and 8 s were scheduled before the samples at those times, so
        // they come first: a sample covers its interval's end.
        #expect(series.values == [5, 9])
        #expect(simulation.report().values == [10])
    }
}
