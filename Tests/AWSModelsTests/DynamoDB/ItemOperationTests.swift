import AWSModels
import SimKernel
import Testing

@Suite struct ItemOperationTests {
    static func make(_ name: String, staleness: DynamoDBStalenessParameters = DynamoDBTestSupport.fresh,
                     index: DynamoDBIndexConfiguration? = nil) -> (Simulation, DynamoDBTable, DynamoDBTestCaller) {
        let (simulation, table) = DynamoDBTestSupport.table(DynamoDBTableConfiguration(
            name: name, mode: .provisioned(readUnits: 1_000, writeUnits: 1_000), staleness: staleness, index: index))
        return (simulation, table, DynamoDBTestSupport.caller(in: simulation))
    }

    /// Sign-up: PutItem with attribute_not_exists creates the item; a second one fails the
    /// condition, returns the stored item, and is billed as a write all the same.
    @Test func aFailedConditionalWriteStillConsumesCapacity() throws {
        let (simulation, table, caller) = Self.make("tenants")
        table.putItem(key: 1, itemBytes: 1_536, status: DynamoDBItemStatus.pending, condition: .attributeNotExists,
                      caller: caller.id, slot: 1, in: simulation)
        simulation.run(until: .seconds(1))
        table.putItem(key: 1, itemBytes: 1_536, status: DynamoDBItemStatus.pending, condition: .attributeNotExists,
                      caller: caller.id, slot: 2, in: simulation)
        simulation.run(until: .seconds(2))
        let first = try #require(caller.last(1))
        #expect(first.outcome == .success)
        #expect(first.operation == .putItem)
        #expect(first.item == DynamoDBItemState(exists: true, version: 1, status: DynamoDBItemStatus.pending))
        let second = try #require(caller.last(2))
        #expect(second.outcome == .conditionalCheckFailed)
        #expect(second.item == DynamoDBItemState(exists: true, version: 1, status: DynamoDBItemStatus.pending))
        #expect(table.consumedWriteUnits == 4, "two writes of 2 WCU, the failed one included")
        #expect(table.statistics.conditionalCheckFailures.total == 1)
        #expect(caller.answers.count == 2)
    }

    /// Optimistic locking and status transitions: PENDING -> ACTIVE only from the expected version.
    @Test func updatesCheckVersionAndStatus() {
        let (simulation, table, caller) = Self.make("versions")
        table.putItem(key: 9, itemBytes: 500, status: DynamoDBItemStatus.pending, caller: caller.id, slot: 0, in: simulation)
        table.updateItem(key: 9, status: DynamoDBItemStatus.active, condition: .versionEquals(1), caller: caller.id, slot: 1, in: simulation)
        table.updateItem(key: 9, status: DynamoDBItemStatus.failed, condition: .versionEquals(1), caller: caller.id, slot: 2, in: simulation)
        table.updateItem(key: 9, status: DynamoDBItemStatus.deleting, condition: .statusEquals(DynamoDBItemStatus.active), caller: caller.id, slot: 3, in: simulation)
        table.getItem(key: 9, consistency: .strong, caller: caller.id, slot: 4, in: simulation)
        table.deleteItem(key: 9, caller: caller.id, slot: 5, in: simulation)
        table.getItem(key: 9, consistency: .strong, caller: caller.id, slot: 6, in: simulation)
        simulation.run(until: .seconds(1))
        #expect(caller.last(1)?.outcome == .success)
        #expect(caller.last(2)?.outcome == .conditionalCheckFailed)
        #expect(caller.last(2)?.item.version == 2)
        #expect(caller.last(3)?.outcome == .success)
        #expect(caller.last(4)?.item == DynamoDBItemState(exists: true, version: 3, status: DynamoDBItemStatus.deleting))
        #expect(caller.last(4)?.operation == .getItem)
        #expect(caller.last(6)?.item.exists == false)
        #expect(table.itemCount == 0)
        #expect(table.consumedReadUnits == 2, "two strongly consistent reads of at most 4 KB")
    }

    /// TransactWriteItems: all or nothing, at twice the write cost; a failed condition cancels
    /// it, names the action, writes nothing and still consumes the capacity.
    @Test func transactionsAreAllOrNothingAtDoubleCost() throws {
        let (simulation, table, caller) = Self.make("tx")
        table.transactWriteItems([
            .put(key: 1, itemBytes: 1_536, status: DynamoDBItemStatus.pending, condition: .attributeNotExists),
            .put(key: 2, itemBytes: 1_536, status: DynamoDBItemStatus.pending, condition: .attributeNotExists),
        ], caller: caller.id, slot: 1, in: simulation)
        simulation.run(until: .seconds(1))
        #expect(caller.last(1)?.outcome == .success)
        #expect(caller.last(1)?.operation == .transactWriteItems)
        #expect(table.consumedWriteUnits == 8, "2 items x 2 WCU x 2")
        table.transactWriteItems([
            .update(key: 1, status: DynamoDBItemStatus.active, condition: .statusEquals(DynamoDBItemStatus.pending)),
            .put(key: 3, itemBytes: 100, status: DynamoDBItemStatus.pending),
            .conditionCheck(key: 2, condition: .statusEquals(DynamoDBItemStatus.active)),
        ], caller: caller.id, slot: 2, in: simulation)
        simulation.run(until: .seconds(2))
        let canceled = try #require(caller.last(2))
        #expect(canceled.outcome == .transactionCanceled)
        #expect(canceled.actionIndex == 2)
        #expect(canceled.item.status == DynamoDBItemStatus.pending)
        #expect(table.item(forKey: 1).status == DynamoDBItemStatus.pending, "nothing of a canceled transaction is written")
        #expect(table.item(forKey: 3).exists == false)
        #expect(table.consumedWriteUnits == 8 + 4 + 2 + 4)
        #expect(table.statistics.transactionsCanceled.total == 1)
        // Transactions answer about 2.5 times slower than single writes.
        #expect(table.configuration.latency.transaction.mean > 2 * table.configuration.latency.write.mean)
    }

    /// An eventually consistent read right after a write may see the item before it.
    @Test func eventualReadsRightAfterAWriteMayBeStale() {
        var staleness = DynamoDBStalenessParameters()
        staleness.probability = 1
        staleness.decay = .seconds(1)
        let (simulation, table, caller) = Self.make("stale", staleness: staleness)
        table.preload(key: 4, state: DynamoDBItemState(exists: true, version: 1, status: DynamoDBItemStatus.pending), itemBytes: 100)
        table.updateItem(key: 4, status: DynamoDBItemStatus.active, caller: caller.id, slot: 0, in: simulation)
        table.getItem(key: 4, consistency: .eventual, caller: caller.id, slot: 1, in: simulation)
        table.getItem(key: 4, consistency: .strong, caller: caller.id, slot: 2, in: simulation)
        simulation.run(until: .seconds(60))
        table.getItem(key: 4, consistency: .eventual, caller: caller.id, slot: 3, in: simulation)
        simulation.run(until: .seconds(61))
        #expect(caller.last(1)?.item.status == DynamoDBItemStatus.pending, "stale")
        #expect(caller.last(2)?.item.status == DynamoDBItemStatus.active, "strong reads are never stale")
        #expect(caller.last(3)?.item.status == DynamoDBItemStatus.active)
        #expect(table.statistics.staleReads.total == 1)
    }

    /// A GSI with too little write capacity throttles base-table writes with the index reason.
    @Test func anIndexWithoutCapacityThrottlesBaseTableWrites() {
        let (simulation, table) = DynamoDBTestSupport.table(DynamoDBTableConfiguration(
            name: "signups", mode: .provisioned(readUnits: 100, writeUnits: 1_000),
            index: DynamoDBIndexConfiguration(name: "by-status", mode: .provisioned(readUnits: 5, writeUnits: 5))))
        let load = DynamoDBLoad(table: table, operation: .put(itemBytes: 800, indexKey: 1), phases: [(.zero, .milliseconds(20))], stop: .seconds(60)) { UInt64($0) }
        simulation.register(load)
        load.start(in: simulation)
        simulation.run(until: .seconds(61))
        // 5 WCU/s plus a full bank of 1,500 units, against 50 writes/s.
        #expect(load.reasons() == ["IndexWriteProvisionedThroughputExceeded"])
        let served = load.count(.success)
        #expect(served > 1_500 && served < 1_500 + 5 * 62 + 10)
        #expect(table.consumedWriteUnits == Double(served), "throttled writes consume nothing")
        #expect(table.indexConsumedWriteUnits == Double(served))
        #expect(table.itemCount == served)
        var metrics = MetricTable()
        table.report(at: simulation.now, into: &metrics)
        #expect(metrics.value("dynamodb.signups", "throttled_index_write_provisioned", "count") == Double(load.count(.throttled)))
        #expect(metrics.value("dynamodb.signups.by-status", "consumed_wcu", "units") == Double(served))
    }

    /// A low-cardinality index key (every new tenant PENDING) is one hot index partition:
    /// base-table writes are throttled at 1,000 WCU/s though the table has room.
    @Test func aLowCardinalityIndexKeyIsAHotIndexPartition() {
        var partitions = DynamoDBPartitionParameters()
        partitions.splitForHeat = true
        let (simulation, table) = DynamoDBTestSupport.table(DynamoDBTableConfiguration(
            name: "pending", mode: .onDemand, partitions: partitions,
            index: DynamoDBIndexConfiguration(name: "by-status", mode: .onDemand)))
        let load = DynamoDBLoad(table: table, operation: .put(itemBytes: 1_000, indexKey: UInt64(DynamoDBItemStatus.pending)),
                                phases: [(.zero, .microseconds(625))], stop: .seconds(10)) { UInt64($0) }
        simulation.register(load)
        load.start(in: simulation)
        simulation.run(until: .seconds(11))
        #expect(load.reasons() == ["IndexWriteKeyRangeThroughputExceeded"])
        #expect(table.consumedWriteUnits <= 1_000 * 11)
        #expect(table.consumedWriteUnits >= 1_000 * 9)
    }
}
