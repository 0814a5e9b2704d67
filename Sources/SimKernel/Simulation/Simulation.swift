/// The environment of one replication: the clock, the event calendar, the registered
/// components and the random streams. It runs on one thread; replications run in parallel
/// as separate simulations.
public final class Simulation {
    public let streams: RandomStreams
    // The hot counters below are only read and written whole, never passed inout, so
    // Swift's per-access dynamic exclusivity checks would protect nothing.
    @exclusivity(unchecked) public private(set) var now: SimTime = .zero
    /// Events dispatched to components; cancelled events are not counted.
    @exclusivity(unchecked) public private(set) var processedEvents: UInt64 = 0
    /// Cancelled events discarded when they reached the front of the calendar.
    @exclusivity(unchecked) public private(set) var discardedEvents: UInt64 = 0

    let calendar = EventCalendar()
    /// Owns the components; `dispatch` mirrors it without reference counting, so that the
    /// loop reaches a component with one load and no retain or release.
    private var components: [Component] = []
    private var dispatch: UnsafeMutablePointer<Unmanaged<Component>>
    private var dispatchCapacity = 64
    @exclusivity(unchecked) var sequence: UInt64 = 0
    var tokens = CancellationTokens()
    private let observer = StatisticsClock()

    public init(seed: UInt64, generator: RandomStream.Generator = .mt19937) {
        streams = RandomStreams(seed: seed, generator: generator)
        dispatch = .allocate(capacity: dispatchCapacity)
        register(observer)
    }

    deinit {
        dispatch.deinitialize(count: components.count)
        dispatch.deallocate()
    }

    /// Adds a component; the returned id is its address for `schedule`.
    @discardableResult
    public func register(_ component: Component) -> ComponentID {
        precondition(component.id.index == .max, "component registered twice")
        precondition(components.count < Event.maximumComponents, "too many components (limit \(Event.maximumComponents))")
        if components.count == dispatchCapacity {
            let larger = UnsafeMutablePointer<Unmanaged<Component>>.allocate(capacity: dispatchCapacity * 2)
            larger.moveInitialize(from: dispatch, count: components.count)
            dispatch.deallocate()
            dispatch = larger
            dispatchCapacity *= 2
        }
        (dispatch + components.count).initialize(to: .passUnretained(component))
        component.id = ComponentID(index: UInt32(components.count))
        components.append(component)
        return component.id
    }

    public var componentCount: Int { components.count }

    /// The component registered `index`-th (its `id.index`).
    public func component(at index: Int) -> Component { components[index] }

    public var pendingEvents: Int { calendar.count }

    /// Bytes held by the event calendar's storage.
    public var calendarBytes: Int { calendar.allocatedBytes }

    // MARK: Scheduling

    /// Schedules an event at an absolute time, never before `now`.
    public func schedule(at time: SimTime, target: ComponentID, kind: UInt32, subject: UInt32 = 0, argument: UInt64 = 0) {
        precondition(time >= now, "an event cannot be scheduled in the past")
        precondition(kind < Simulation.cancellableFlag, "event kinds must be below 2^31")
        enqueue(time, target, kind, subject, argument)
    }

    /// Schedules an event `delay` after `now`.
    public func schedule(after delay: SimTime, target: ComponentID, kind: UInt32, subject: UInt32 = 0, argument: UInt64 = 0) {
        schedule(at: now + delay, target: target, kind: kind, subject: subject, argument: argument)
    }

    /// Schedules an event that `cancel` can withdraw. Its `argument` carries the token, so
    /// only `subject` is free for the caller's payload.
    public func scheduleCancellable(at time: SimTime, target: ComponentID, kind: UInt32, subject: UInt32 = 0) -> CancellationToken {
        precondition(time >= now, "an event cannot be scheduled in the past")
        precondition(kind < Simulation.cancellableFlag, "event kinds must be below 2^31")
        let token = tokens.arm()
        enqueue(time, target, kind | Simulation.cancellableFlag, subject, token.packed)
        return token
    }

    /// Withdraws a cancellable event; false if it already fired or was cancelled.
    @discardableResult
    public func cancel(_ token: CancellationToken) -> Bool {
        tokens.retire(token)
    }

    static let cancellableFlag: UInt32 = 1 << 31

    func enqueue(_ time: SimTime, _ target: ComponentID, _ kind: UInt32, _ subject: UInt32, _ argument: UInt64) {
        precondition(sequence < Event.maximumSequence, "event sequence space exhausted")
        calendar.insert(Event(time: time, sequence: sequence, target: target, kind: kind, subject: subject, argument: argument))
        sequence &+= 1
    }

    // MARK: Running

    public enum StopReason: Sendable, Equatable {
        /// The next event lies beyond the horizon (or none is left); the clock is at the horizon.
        case reachedTime
        /// The event budget ran out; the clock is at the last event processed.
        case exhaustedBudget
    }

    /// Processes events in `(time, sequence)` order up to and including `horizon`, or until
    /// `maxEvents` have been dispatched.
    @discardableResult
    public func run(until horizon: SimTime, maxEvents: UInt64 = .max) -> StopReason {
        precondition(horizon >= now, "the horizon lies in the past")
        let budgetEnd = maxEvents == .max ? UInt64.max : processedEvents &+ maxEvents
        while calendar.count > 0 {
            if processedEvents >= budgetEnd { return .exhaustedBudget }
            if calendar.first.time > horizon { break }
            var event = calendar.removeFirst()
            now = event.time
            if event.kind >= Simulation.cancellableFlag {
                guard tokens.retire(CancellationToken(packed: event.argument)) else {
                    discardedEvents &+= 1
                    continue
                }
                event.kind &= ~Simulation.cancellableFlag
            }
            processedEvents &+= 1
            dispatch[Int(truncatingIfNeeded: event.order & Event.targetMask)]._withUnsafeGuaranteedRef {
                $0.handle(event, in: self)
            }
        }
        if horizon != .infinity { now = horizon }
        return .reachedTime
    }

    // MARK: Statistics

    /// Resets every component's statistics at `warmupEnd`, and samples every component's
    /// series every `sampleInterval` from now on. Call once, after registering the model.
    public func observe(warmupEnd: SimTime, sampleInterval: SimTime?) {
        precondition(warmupEnd >= now)
        observer.keys = components.flatMap { $0.seriesKeys }
        observer.interval = sampleInterval
        schedule(at: warmupEnd, target: observer.id, kind: StatisticsClock.Kind.warmupEnd.rawValue)
        if let interval = sampleInterval {
            precondition(interval > .zero, "the sampling interval must be positive")
            schedule(at: now + interval, target: observer.id, kind: StatisticsClock.Kind.sample.rawValue)
        }
    }

    /// Every component's final metrics, in registration order.
    public func report() -> MetricTable {
        var table = MetricTable()
        for component in components { component.report(at: now, into: &table) }
        return table
    }

    /// The samples taken so far.
    public var timeSeries: TimeSeries { observer.series }

    fileprivate func resetAllStatistics() {
        for component in components { component.resetStatistics(at: now) }
    }

    fileprivate func sampleAll(into frame: inout [Double]) {
        for component in components { component.sample(at: now, into: &frame) }
    }
}

/// The kernel's own component: ends the warm-up and takes the periodic samples.
private final class StatisticsClock: Component {
    enum Kind: UInt32 {
        case warmupEnd
        case sample
    }

    var interval: SimTime?
    var keys: [MetricKey] = [] {
        didSet { series = TimeSeries(keys: keys) }
    }
    var series = TimeSeries(keys: [])
    private var frame: [Double] = []

    override func handle(_ event: Event, in simulation: Simulation) {
        switch Kind(rawValue: event.kind) {
        case .warmupEnd:
            simulation.resetAllStatistics()
        case .sample:
            frame.removeAll(keepingCapacity: true)
            simulation.sampleAll(into: &frame)
            precondition(frame.count == keys.count, "a component sampled a different number of series than it declared")
            series.times.append(simulation.now)
            series.values.append(contentsOf: frame)
            if let interval { simulation.schedule(after: interval, target: event.target, kind: Kind.sample.rawValue) }
        case nil:
            preconditionFailure("unknown statistics clock event \(event.kind)")
        }
    }
}
