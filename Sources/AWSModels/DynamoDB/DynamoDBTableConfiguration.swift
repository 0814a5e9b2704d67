import SimKernel

/// How a table (or index) is billed and limited.
public enum DynamoDBCapacityMode: Sendable, Equatable {
    /// Provisioned read and write capacity units per second.
    case provisioned(readUnits: Double, writeUnits: Double)
    /// On-demand: serves up to twice the previous peak at once, grows behind it.
    case onDemand
}

/// One table: its mode, size, partition behaviour, on-demand scaling, latencies, read
/// staleness and (optionally) one global secondary index. Tags as in aws-spec.md:
/// [P] published, [S] secondary source, [A] assumption.
public struct DynamoDBTableConfiguration: Sendable {
    public var name: String
    public var mode: DynamoDBCapacityMode
    /// Stored bytes, for the size rule of the partition count (one partition per 10 GB).
    public var tableSizeBytes: Double
    public var partitions: DynamoDBPartitionParameters
    public var onDemand: DynamoDBOnDemandParameters
    public var latency: DynamoDBLatencyParameters
    public var staleness: DynamoDBStalenessParameters
    public var index: DynamoDBIndexConfiguration?
    /// Items the table is expected to hold, to size its store once.
    public var expectedItems: Int

    public init(
        name: String, mode: DynamoDBCapacityMode, tableSizeBytes: Double = 0,
        partitions: DynamoDBPartitionParameters = DynamoDBPartitionParameters(),
        onDemand: DynamoDBOnDemandParameters = DynamoDBOnDemandParameters(),
        latency: DynamoDBLatencyParameters = DynamoDBLatencyParameters(),
        staleness: DynamoDBStalenessParameters = DynamoDBStalenessParameters(),
        index: DynamoDBIndexConfiguration? = nil, expectedItems: Int = 0
    ) {
        if case .provisioned(let read, let write) = mode {
            precondition(read >= 0 && write >= 0 && read + write > 0, "a provisioned table needs some capacity")
        }
        if let index {
            precondition((index.mode == .onDemand) == (mode == .onDemand), "an index has its table's capacity mode")
        }
        precondition(tableSizeBytes >= 0 && expectedItems >= 0)
        self.name = name
        self.mode = mode
        self.tableSizeBytes = tableSizeBytes
        self.partitions = partitions
        self.onDemand = onDemand
        self.latency = latency
        self.staleness = staleness
        self.index = index
        self.expectedItems = expectedItems
    }
}

/// A global secondary index: its own capacity and partitions, keyed by a key the caller gives
/// with each write (a status, a region: often of low cardinality). Projection ALL: every
/// successful write of an item that has an index key writes the index too.
public struct DynamoDBIndexConfiguration: Sendable {
    public var name: String
    public var mode: DynamoDBCapacityMode
    /// Indexed bytes, for the size rule of its partition count.
    public var sizeBytes: Double

    public init(name: String, mode: DynamoDBCapacityMode, sizeBytes: Double = 0) {
        if case .provisioned(let read, let write) = mode {
            precondition(read >= 0 && write >= 0 && read + write > 0, "a provisioned index needs some capacity")
        }
        self.name = name
        self.mode = mode
        self.sizeBytes = sizeBytes
    }
}

/// Partitions, burst, adaptive capacity and split-for-heat (aws-spec.md 2.2).
public struct DynamoDBPartitionParameters: Sendable, Equatable {
    /// Read units per second one partition serves at most. [P]
    public var readCeiling: Double = 3_000
    /// Write units per second one partition serves at most (a linear mix with reads). [P]
    public var writeCeiling: Double = 1_000
    /// Bytes one partition holds before the size rule adds another. [S]
    public var bytesPerPartition: Double = 10 * 1_073_741_824
    /// Seconds of unused provisioned share a partition banks as burst capacity. [P]
    public var burstSeconds: Double = 300
    /// Whether the burst bank starts full (a table that ran below its provisioned rate
    /// before the simulation starts). [A]
    public var burstInitiallyFull: Bool = true
    /// Seconds of the ceiling a partition may spend at once: its ceiling bucket's depth. [A]
    public var ceilingBurstSeconds: Double = 1
    /// Provisioned mode: a partition out of its share borrows unused table capacity. [P]
    public var adaptiveCapacity: Bool = true
    /// Whether hot partitions split. [P]
    public var splitForHeat: Bool = true
    /// A partition running at this share of its ceiling ... [A: 80%]
    public var splitThreshold: Double = 0.8
    /// ... for this long splits at the median of its recent keys. [A: 60 to 300 s]
    public var splitAfter: SimTime = .seconds(120)
    /// The window heat is measured over. [A]
    public var heatWindow: SimTime = .seconds(1)
    /// Recent keys each partition remembers to find its median. [A]
    public var keySamples: Int = 16

    public init() {}
}

/// On-demand scaling (aws-spec.md 2.2).
public struct DynamoDBOnDemandParameters: Sendable, Equatable {
    /// Read units a new table serves at once (previous peak = half of it). [P]
    public var initialReadUnits: Double = 12_000
    /// Write units a new table serves at once, as a linear mix with reads. [P]
    public var initialWriteUnits: Double = 4_000
    /// The reachable level doubles about this often under sustained demand. [P: about 30 min; A: the curve]
    public var peakDoublingTime: SimTime = .seconds(1_800)
    /// The per-table account quota, which AWS raises on request. [P]
    public var tableReadQuota: Double = 40_000
    public var tableWriteQuota: Double = 40_000
    /// The table's optional maximum on-demand throughput. [P]
    public var maxReadUnits: Double?
    public var maxWriteUnits: Double?

    public init() {}
}

/// API latencies, in seconds (aws-spec.md 2.3, all [A]).
public struct DynamoDBLatencyParameters: Sendable, Equatable {
    public var getItem: Distribution = .lognormal(median: 0.0025, p99: 0.010)
    public var strongGetItem: Distribution = .lognormal(median: 0.0025, p99: 0.010)
    /// PutItem, UpdateItem, DeleteItem.
    public var write: Distribution = .lognormal(median: 0.004, p99: 0.015)
    /// TransactWriteItems: about 2.5 times a write.
    public var transaction: Distribution = .lognormal(median: 0.010, p99: 0.0375)
    /// A throttled request's answer.
    public var throttled: Distribution = .lognormal(median: 0.0025, p99: 0.010)

    public init() {}
}

/// Eventually consistent reads shortly after a write may return the previous item
/// (aws-spec.md 2.3, [A]): with probability `probability * exp(-dt / decay)`.
public struct DynamoDBStalenessParameters: Sendable, Equatable {
    /// Right after the write: one replica in three has not applied it yet. [A]
    public var probability: Double = 1.0 / 3.0
    /// [A: p(dt) decays over about 10 to 100 ms]
    public var decay: SimTime = .milliseconds(20)

    public init() {}
}
