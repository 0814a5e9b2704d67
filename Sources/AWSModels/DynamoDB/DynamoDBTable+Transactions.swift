import SimKernel

extension DynamoDBTable {
    /// TransactWriteItems: all actions or none, each at twice the write cost. Capacity for
    /// every action first; then every condition (one failure cancels the transaction, which
    /// still consumes the capacity, and names the action in the answer); then the index's
    /// capacity; then all writes. The answer carries the first action's item.
    public func transactWriteItems(
        _ actions: [DynamoDBTransactAction],
        caller: ComponentID, slot: UInt32, kind: UInt32 = DynamoDBResponse.kind, in simulation: Simulation
    ) {
        precondition(!actions.isEmpty && actions.count <= 100, "TransactWriteItems takes 1 to 100 actions")
        let now = simulation.now
        statistics.count(.transactWriteItems)
        armWindow(simulation)
        capacity.clearDemands()
        for (i, action) in actions.enumerated() {
            for j in 0..<i { precondition(actions[j].key != action.key, "a transaction cannot touch one item twice") }
            let stored = store.item(action.key)
            let oldBytes = Int(stored?.bytes ?? 0)
            let newBytes = Self.newBytes(action, oldBytes: oldBytes)
            precondition(newBytes <= CapacityUnits.maximumItemBytes, "DynamoDB items are at most 400 KB")
            capacity.addDemand(hash: PartitionedCapacity.hash(action.key),
                               units: CapacityUnits.write(itemBytes: max(oldBytes, newBytes), transactional: true))
        }
        if let limit = capacity.evaluate(.write, at: now) {
            throttle(.transactWriteItems, ThrottleReason(.table, .write, limit), caller: caller, slot: slot, kind: kind, in: simulation)
            return
        }
        for (i, action) in actions.enumerated() {
            let current = store.item(action.key)?.state ?? .missing
            guard action.condition.holds(for: current) else {
                capacity.commit(.write, at: now)
                statistics.transactionsCanceled.increment()
                answer(DynamoDBResponse(outcome: .transactionCanceled, operation: .transactWriteItems, item: current, actionIndex: min(i, 127)),
                       after: configuration.latency.transaction, caller: caller, slot: slot, kind: kind, in: simulation)
                return
            }
        }
        if let index {
            index.clearDemands()
            for action in actions where action.kind != .conditionCheck {
                let stored = store.item(action.key)
                let oldBytes = Int(stored?.bytes ?? 0)
                addIndexDemands(index, old: stored?.currentIndexKey, oldBytes: oldBytes,
                                new: Self.newIndexKey(action, stored: stored), newBytes: Self.newBytes(action, oldBytes: oldBytes))
            }
            if !index.demands.isEmpty, let limit = index.evaluate(.write, at: now) {
                throttle(.transactWriteItems, ThrottleReason(.index, .write, limit), caller: caller, slot: slot, kind: kind, in: simulation)
                return
            }
            if !index.demands.isEmpty { index.commit(.write, at: now) }
        }
        capacity.commit(.write, at: now)
        var first = DynamoDBItemState.missing
        for (i, action) in actions.enumerated() {
            let stored = store.item(action.key)
            let current = stored?.state ?? .missing
            var state = current
            if action.kind != .conditionCheck {
                let delete = action.kind == .delete
                state = DynamoDBItemState(exists: !delete, version: current.version &+ 1, status: delete ? 0 : action.status)
                store.write(action.key, state: state, bytes: Self.newBytes(action, oldBytes: Int(stored?.bytes ?? 0)),
                            indexKey: Self.newIndexKey(action, stored: stored), at: now)
            }
            if i == 0 { first = state }
        }
        answer(DynamoDBResponse(outcome: .success, operation: .transactWriteItems, item: first),
               after: configuration.latency.transaction, caller: caller, slot: slot, kind: kind, in: simulation)
    }

    private static func newBytes(_ action: DynamoDBTransactAction, oldBytes: Int) -> Int {
        switch action.kind {
        case .put, .update: return action.itemBytes ?? oldBytes
        case .delete: return 0
        case .conditionCheck: return oldBytes
        }
    }

    private static func newIndexKey(_ action: DynamoDBTransactAction, stored: ItemStore.Stored?) -> UInt64? {
        switch action.kind {
        case .put: return action.indexKey
        case .update: return action.indexKey ?? stored?.currentIndexKey
        case .delete: return nil
        case .conditionCheck: return stored?.currentIndexKey
        }
    }
}
