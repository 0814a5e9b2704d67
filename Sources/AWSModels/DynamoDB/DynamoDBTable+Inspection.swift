import SimKernel

extension DynamoDBTable {
    // MARK: Inspection and control

    /// The stored item (no capacity, no latency: for tests and reports).
    public func item(forKey key: UInt64) -> DynamoDBItemState {
        store.item(key)?.state ?? .missing
    }

    /// Stores an item as if it had been written long ago, without consuming capacity.
    public func preload(key: UInt64, state: DynamoDBItemState, itemBytes: Int, indexKey: UInt64? = nil) {
        precondition(itemBytes >= 0 && itemBytes <= CapacityUnits.maximumItemBytes)
        store.preload(key, state: state, bytes: itemBytes, indexKey: indexKey)
    }

    /// Items that exist.
    public var itemCount: Int { store.existing }

    public var partitionCount: Int { capacity.partitions.count }
    public var indexPartitionCount: Int? { index?.partitions.count }
    /// Partition splits since time zero (for heat, for UpdateTable, for on-demand growth).
    public var partitionSplits: Int { capacity.splits }

    /// The partition that holds `key` now.
    public func partition(forKey key: UInt64) -> Int {
        capacity.partitionIndex(for: PartitionedCapacity.hash(key))
    }

    /// The index partition that holds index key `key` now.
    public func indexPartition(forKey key: UInt64) -> Int? {
        index?.partitionIndex(for: PartitionedCapacity.hash(key))
    }

    /// Provisioned mode: a partition's burst bank (its share bucket) at `time`, in units.
    public func burstBalance(partition: Int, operation: ThrottleReason.Operation, at time: SimTime) -> Double {
        capacity.burstBalance(partition: partition, operation: operation, at: time)
    }

    /// Capacity units consumed since time zero.
    public var consumedReadUnits: Double { capacity.consumedRead }
    public var consumedWriteUnits: Double { capacity.consumedWrite }
    public var indexConsumedWriteUnits: Double? { index?.consumedWrite }

    /// On-demand mode: the previous peaks the table serves twice of, in units per second.
    public var onDemandPeak: (read: Double, write: Double)? {
        capacity.onDemand.map { ($0.peakRead, $0.peakWrite) }
    }

    /// The highest ceiling utilization of any partition in any heat window since the warm-up.
    public var partitionHeatMax: Double { capacity.maxWindowHeat }

    /// UpdateTable (provisioned mode): new read and write units, from now on.
    public func setProvisionedThroughput(readUnits: Double, writeUnits: Double, in simulation: Simulation) {
        precondition(readUnits >= 0 && writeUnits >= 0 && readUnits + writeUnits > 0)
        capacity.setProvisioned(readUnits: readUnits, writeUnits: writeUnits, at: simulation.now)
    }
}
