import Foundation
import SimKernel

/// One DynamoDB table (and optionally one global secondary index) as a component.
///
/// Calls are methods the caller invokes during its own event handling; each takes effect at
/// once (capacity, conditions, stored state) and its answer arrives at the caller as an event
/// after the API latency: `kind` as the caller asked (`DynamoDBResponse.kind` by default),
/// `subject` the caller's slot, `argument` a `DynamoDBResponse`. The table's own events are
/// its heat windows, which run only while it sees load.
///
/// Metrics are reported under `dynamodb.<name>` (and `dynamodb.<name>.<index>`).
public final class DynamoDBTable: Component {
    public let configuration: DynamoDBTableConfiguration
    public var name: String { configuration.name }
    let capacity: PartitionedCapacity
    let index: PartitionedCapacity?
    var store: ItemStore
    public internal(set) var statistics = DynamoDBTableStatistics()
    let latencies: RandomStream
    let staleness: RandomStream
    private var windowArmed = false
    var series = DynamoDBSeriesMarks()

    enum Kind: UInt32 {
        case heatWindow = 1
    }

    public init(configuration: DynamoDBTableConfiguration, streams: RandomStreams, at time: SimTime = .zero) {
        self.configuration = configuration
        capacity = PartitionedCapacity(
            resource: .table, mode: configuration.mode, sizeBytes: configuration.tableSizeBytes,
            parameters: configuration.partitions, onDemand: configuration.onDemand, at: time)
        index = configuration.index.map {
            PartitionedCapacity(
                resource: .index, mode: $0.mode, sizeBytes: $0.sizeBytes,
                parameters: configuration.partitions, onDemand: configuration.onDemand, at: time)
        }
        store = ItemStore(expectedItems: configuration.expectedItems)
        latencies = streams.stream("dynamodb.\(configuration.name)/latency")
        staleness = streams.stream("dynamodb.\(configuration.name)/staleness")
    }

    // MARK: API

    /// GetItem. The answer carries the item (or `.missing`); an eventually consistent read
    /// shortly after a write may carry the item as it was before.
    public func getItem(
        key: UInt64, consistency: ReadConsistency = .eventual,
        caller: ComponentID, slot: UInt32, kind: UInt32 = DynamoDBResponse.kind, in simulation: Simulation
    ) {
        let now = simulation.now
        statistics.count(.getItem)
        armWindow(simulation)
        let stored = store.item(key)
        let units = CapacityUnits.read(itemBytes: Int(stored?.bytes ?? 0), consistency: consistency)
        capacity.clearDemands()
        capacity.addDemand(hash: PartitionedCapacity.hash(key), units: units)
        if let limit = capacity.evaluate(.read, at: now) {
            throttle(.getItem, ThrottleReason(.table, .read, limit), caller: caller, slot: slot, kind: kind, in: simulation)
            return
        }
        capacity.commit(.read, at: now)
        var item = stored?.state ?? .missing
        if consistency == .eventual, let stored, isStale(stored, at: now) {
            item = stored.previous
            statistics.staleReads.increment()
        }
        let latency = consistency == .eventual ? configuration.latency.getItem : configuration.latency.strongGetItem
        answer(DynamoDBResponse(outcome: .success, operation: .getItem, item: item), after: latency, caller: caller, slot: slot, kind: kind, in: simulation)
    }

    /// PutItem: replaces the whole item (an index key of nil means the new item has none).
    public func putItem(
        key: UInt64, itemBytes: Int, status: UInt8, condition: DynamoDBCondition = .none, indexKey: UInt64? = nil,
        caller: ComponentID, slot: UInt32, kind: UInt32 = DynamoDBResponse.kind, in simulation: Simulation
    ) {
        write(.putItem, key: key, itemBytes: itemBytes, status: status, condition: condition, indexKey: indexKey,
              caller: caller, slot: slot, kind: kind, in: simulation)
    }

    /// UpdateItem: creates the item if missing; nil size or index key keeps the stored ones.
    public func updateItem(
        key: UInt64, itemBytes: Int? = nil, status: UInt8, condition: DynamoDBCondition = .none, indexKey: UInt64? = nil,
        caller: ComponentID, slot: UInt32, kind: UInt32 = DynamoDBResponse.kind, in simulation: Simulation
    ) {
        write(.updateItem, key: key, itemBytes: itemBytes, status: status, condition: condition, indexKey: indexKey,
              caller: caller, slot: slot, kind: kind, in: simulation)
    }

    /// DeleteItem.
    public func deleteItem(
        key: UInt64, condition: DynamoDBCondition = .none,
        caller: ComponentID, slot: UInt32, kind: UInt32 = DynamoDBResponse.kind, in simulation: Simulation
    ) {
        write(.deleteItem, key: key, itemBytes: nil, status: 0, condition: condition, indexKey: nil,
              caller: caller, slot: slot, kind: kind, in: simulation)
    }

    /// The shared path of PutItem, UpdateItem and DeleteItem: capacity (the larger of the old
    /// and new item), then the condition (a failed one still consumes the write), then the
    /// index's capacity (its throttle fails the base-table write), then the write.
    private func write(
        _ operation: DynamoDBOperation, key: UInt64, itemBytes: Int?, status: UInt8, condition: DynamoDBCondition,
        indexKey: UInt64?, caller: ComponentID, slot: UInt32, kind: UInt32, in simulation: Simulation
    ) {
        let now = simulation.now
        statistics.count(operation)
        armWindow(simulation)
        let stored = store.item(key)
        let current = stored?.state ?? .missing
        let oldBytes = Int(stored?.bytes ?? 0)
        let delete = operation == .deleteItem
        let newBytes = delete ? 0 : (itemBytes ?? oldBytes)
        precondition(newBytes >= 0 && newBytes <= CapacityUnits.maximumItemBytes, "DynamoDB items are at most 400 KB")
        capacity.clearDemands()
        capacity.addDemand(hash: PartitionedCapacity.hash(key), units: CapacityUnits.write(itemBytes: max(oldBytes, newBytes)))
        if let limit = capacity.evaluate(.write, at: now) {
            throttle(operation, ThrottleReason(.table, .write, limit), caller: caller, slot: slot, kind: kind, in: simulation)
            return
        }
        let holds = condition.holds(for: current)
        let newIndexKey = delete ? nil : (operation == .updateItem ? indexKey ?? stored?.currentIndexKey : indexKey)
        if holds, let index {
            index.clearDemands()
            addIndexDemands(index, old: stored?.currentIndexKey, oldBytes: oldBytes, new: newIndexKey, newBytes: newBytes)
            if !index.demands.isEmpty, let limit = index.evaluate(.write, at: now) {
                throttle(operation, ThrottleReason(.index, .write, limit), caller: caller, slot: slot, kind: kind, in: simulation)
                return
            }
        }
        capacity.commit(.write, at: now)
        guard holds else {
            statistics.conditionalCheckFailures.increment()
            answer(DynamoDBResponse(outcome: .conditionalCheckFailed, operation: operation, item: current),
                   after: configuration.latency.write, caller: caller, slot: slot, kind: kind, in: simulation)
            return
        }
        if let index, !index.demands.isEmpty { index.commit(.write, at: now) }
        let state = DynamoDBItemState(exists: !delete, version: current.version &+ 1, status: delete ? 0 : status)
        store.write(key, state: state, bytes: newBytes, indexKey: newIndexKey, at: now)
        answer(DynamoDBResponse(outcome: .success, operation: operation, item: state),
               after: configuration.latency.write, caller: caller, slot: slot, kind: kind, in: simulation)
    }

    /// Index writes of one item write (projection ALL): one at the new index key, and one at
    /// the old key when the item leaves it.
    func addIndexDemands(_ index: PartitionedCapacity, old: UInt64?, oldBytes: Int, new: UInt64?, newBytes: Int) {
        if let new { index.addDemand(hash: PartitionedCapacity.hash(new), units: CapacityUnits.write(itemBytes: newBytes)) }
        if let old, old != new { index.addDemand(hash: PartitionedCapacity.hash(old), units: CapacityUnits.write(itemBytes: oldBytes)) }
    }

    // MARK: Answers

    func throttle(
        _ operation: DynamoDBOperation, _ reason: ThrottleReason, caller: ComponentID, slot: UInt32, kind: UInt32, in simulation: Simulation
    ) {
        statistics.count(reason)
        answer(DynamoDBResponse(outcome: .throttled, operation: operation, throttleReason: reason, item: .missing),
               after: configuration.latency.throttled, caller: caller, slot: slot, kind: kind, in: simulation)
    }

    func answer(
        _ response: DynamoDBResponse, after latency: Distribution, caller: ComponentID, slot: UInt32, kind: UInt32, in simulation: Simulation
    ) {
        let delay = latency.sampleTime(latencies)
        if response.operation == .getItem {
            statistics.readLatency.record(delay)
        } else {
            statistics.writeLatency.record(delay)
        }
        simulation.schedule(after: delay, target: caller, kind: kind, subject: slot, argument: response.argument)
    }

    private func isStale(_ stored: ItemStore.Stored, at now: SimTime) -> Bool {
        let parameters = configuration.staleness
        guard parameters.probability > 0, stored.previous != stored.state else { return false }
        let age = (now - stored.writtenAt).seconds / parameters.decay.seconds
        guard age < 40 else { return false }
        return staleness.uniform() < parameters.probability * exp(-age)
    }

    // MARK: Heat windows

    func armWindow(_ simulation: Simulation) {
        guard !windowArmed else { return }
        precondition(id.index != .max, "register the table with the simulation before calling it")
        windowArmed = true
        let window = configuration.partitions.heatWindow.nanoseconds
        let next = (simulation.now.nanoseconds / window + 1) * window
        simulation.schedule(at: SimTime(nanoseconds: next), target: id, kind: Kind.heatWindow.rawValue)
    }

    public override func handle(_ event: Event, in simulation: Simulation) {
        precondition(event.kind == Kind.heatWindow.rawValue, "unknown DynamoDB table event \(event.kind)")
        let window = configuration.partitions.heatWindow
        var active = capacity.endWindow(seconds: window.seconds, at: simulation.now)
        if let index, index.endWindow(seconds: window.seconds, at: simulation.now) { active = true }
        if active {
            simulation.schedule(after: window, target: id, kind: Kind.heatWindow.rawValue)
        } else {
            windowArmed = false
        }
    }

    // MARK: Statistics (DynamoDBTable+Statistics.swift)

    public override func resetStatistics(at time: SimTime) {
        resetTableStatistics(at: time)
    }

    public override func report(at time: SimTime, into table: inout MetricTable) {
        reportTable(at: time, into: &table)
    }

    public override var seriesKeys: [MetricKey] { tableSeriesKeys }

    public override func sample(at time: SimTime, into frame: inout [Double]) {
        sampleTable(at: time, into: &frame)
    }
}
