import AWSModels
import SimKernel

/// Calls a table by hand and records every answer.
final class DynamoDBTestCaller: Component {
    var answers: [(time: SimTime, slot: UInt32, response: DynamoDBResponse)] = []

    override func handle(_ event: Event, in simulation: Simulation) {
        precondition(event.kind == DynamoDBResponse.kind)
        answers.append((simulation.now, event.subject, DynamoDBResponse(event)))
    }

    func last(_ slot: UInt32) -> DynamoDBResponse? {
        answers.last { $0.slot == slot }?.response
    }
}

/// Sends one request every `interval` (which may change at given times) until `stop`, to keys
/// chosen by `key`, and counts the answers by time.
final class DynamoDBLoad: Component {
    enum Operation {
        case get(ReadConsistency)
        case put(itemBytes: Int, indexKey: UInt64?)
    }

    let table: DynamoDBTable
    let operation: Operation
    var phases: [(from: SimTime, interval: SimTime)]
    let stop: SimTime
    let key: (Int) -> UInt64
    private(set) var sent = 0
    /// Answers: time, outcome, reason.
    private(set) var answers: [(time: SimTime, outcome: DynamoDBResponse.Outcome, reason: ThrottleReason?)] = []
    private static let tick: UInt32 = 1

    init(table: DynamoDBTable, operation: Operation, phases: [(from: SimTime, interval: SimTime)], stop: SimTime, key: @escaping (Int) -> UInt64) {
        self.table = table
        self.operation = operation
        self.phases = phases
        self.stop = stop
        self.key = key
    }

    func start(in simulation: Simulation) {
        simulation.schedule(at: phases[0].from, target: id, kind: Self.tick)
    }

    private func interval(at time: SimTime) -> SimTime {
        phases.last { $0.from <= time }!.interval
    }

    override func handle(_ event: Event, in simulation: Simulation) {
        if event.kind == Self.tick {
            let k = key(sent)
            switch operation {
            case .get(let consistency):
                table.getItem(key: k, consistency: consistency, caller: id, slot: UInt32(truncatingIfNeeded: sent), in: simulation)
            case .put(let bytes, let indexKey):
                table.putItem(key: k, itemBytes: bytes, status: DynamoDBItemStatus.pending, indexKey: indexKey,
                              caller: id, slot: UInt32(truncatingIfNeeded: sent), in: simulation)
            }
            sent += 1
            let next = simulation.now + interval(at: simulation.now)
            if next < stop { simulation.schedule(at: next, target: id, kind: Self.tick) }
        } else {
            let response = DynamoDBResponse(event)
            answers.append((simulation.now, response.outcome, response.throttleReason))
        }
    }

    func count(_ outcome: DynamoDBResponse.Outcome, from: SimTime = .zero, to: SimTime = .infinity) -> Int {
        answers.reduce(0) { $0 + ($1.outcome == outcome && $1.time >= from && $1.time < to ? 1 : 0) }
    }

    func reasons() -> Set<String> {
        Set(answers.compactMap { $0.reason?.name })
    }

    var firstThrottle: SimTime? {
        answers.first { $0.outcome == .throttled }?.time
    }
}

enum DynamoDBTestSupport {
    /// Makes a simulation with a registered table.
    static func table(_ configuration: DynamoDBTableConfiguration, seed: UInt64 = 7) -> (Simulation, DynamoDBTable) {
        let simulation = Simulation(seed: seed)
        let table = DynamoDBTable(configuration: configuration, streams: simulation.streams)
        simulation.register(table)
        return (simulation, table)
    }

    static func caller(in simulation: Simulation) -> DynamoDBTestCaller {
        let caller = DynamoDBTestCaller()
        simulation.register(caller)
        return caller
    }

    /// No stale reads, so answers depend only on the stored state.
    static var fresh: DynamoDBStalenessParameters {
        var staleness = DynamoDBStalenessParameters()
        staleness.probability = 0
        return staleness
    }
}
