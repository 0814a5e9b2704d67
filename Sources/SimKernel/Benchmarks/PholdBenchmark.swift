/// PHOLD as in ROSS's `models/phold`, run sequentially: `lps` logical processes each start
/// with `population` events at `lookahead + Exp(mean - lookahead)`; processing an event
/// schedules one new event, at a uniformly chosen LP with probability `remote`, otherwise at
/// the same LP, `lookahead + Exp(mean - lookahead)` later.
///
/// The LPs live in one component as a flat array, the way rehearse keeps per-tenant state
/// (an event's `subject` names its LP), and random streams belong to the model and its
/// purposes (routing, delay), never to single LPs. Each event still goes through the
/// calendar and the dispatch by index that every model uses.
public final class PholdBenchmark: Component {
    public struct Parameters: Sendable {
        public var lps: Int
        public var population: Int
        public var remote: Double = 0.25
        public var mean: Double = 1.0
        public var lookahead: Double = 0.1

        public init(lps: Int, population: Int) {
            self.lps = lps
            self.population = population
        }
    }

    private let routing: RandomStream
    private let delay: RandomStream
    private let remote: Double
    private let excess: Double
    private let lookahead: SimTime
    private let lps: Int
    /// Events processed per LP: the LPs' whole state.
    private let processedByLP: UnsafeMutableBufferPointer<UInt64>

    public init(simulation: Simulation, parameters: Parameters) {
        precondition(parameters.lps > 0 && parameters.lps <= Int(UInt32.max) && parameters.population > 0)
        precondition(parameters.lookahead >= 0 && parameters.mean > parameters.lookahead)
        routing = simulation.streams.stream("bench.phold/routing")
        delay = simulation.streams.stream("bench.phold/delay")
        remote = parameters.remote
        excess = parameters.mean - parameters.lookahead
        lookahead = SimTime(seconds: parameters.lookahead)
        lps = parameters.lps
        processedByLP = .allocate(capacity: parameters.lps)
        processedByLP.initialize(repeating: 0)
        super.init()
        simulation.register(self)
        for lp in 0..<parameters.lps {
            for _ in 0..<parameters.population {
                simulation.schedule(at: nextDelay(), target: id, kind: 0, subject: UInt32(lp))
            }
        }
    }

    deinit {
        processedByLP.deallocate()
    }

    /// Events processed by all LPs (a check that every event reached its LP).
    public var processed: UInt64 { processedByLP.reduce(0, +) }

    private func nextDelay() -> SimTime {
        lookahead + SimTime(seconds: delay.exponential(mean: excess))
    }

    public override func handle(_ event: Event, in simulation: Simulation) {
        processedByLP[Int(event.subject)] &+= 1
        var destination = event.subject
        if routing.uniform() < remote {
            destination = UInt32(routing.index(below: lps))
        }
        simulation.schedule(at: event.time + nextDelay(), target: id, kind: 0, subject: destination)
    }
}
