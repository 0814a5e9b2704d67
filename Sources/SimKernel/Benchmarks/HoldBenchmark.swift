/// The classic hold model (Vaucher and Duval 1975; Jones 1986): keep `pending` events in the
/// calendar; each event at `t` schedules its successor at `t + Exp(mean)`. It measures the
/// floor cost of the event loop: calendar, dispatch and one random draw per event.
public final class HoldBenchmark: Component {
    private let stream: RandomStream
    private let meanSeconds: Double

    public init(simulation: Simulation, pending: Int, mean: SimTime = .seconds(1)) {
        precondition(pending > 0)
        stream = simulation.streams.stream("bench.hold/delay")
        meanSeconds = mean.seconds
        super.init()
        simulation.register(self)
        for _ in 0..<pending {
            simulation.schedule(at: SimTime(seconds: stream.exponential(mean: meanSeconds)), target: id, kind: 0)
        }
    }

    public override func handle(_ event: Event, in simulation: Simulation) {
        simulation.schedule(at: event.time + SimTime(seconds: stream.exponential(mean: meanSeconds)), target: id, kind: 0)
    }
}
