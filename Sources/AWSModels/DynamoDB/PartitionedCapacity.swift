import SimKernel

/// The capacity of one table or one global secondary index: its partitions (ranges of the
/// 64-bit key-hash space), each with a ceiling bucket (3,000 RCU / 1,000 WCU as a linear mix)
/// and, in provisioned mode, a share bucket per dimension that banks `burstSeconds` of unused
/// share; a table-wide pool of unused capacity hot partitions borrow from (adaptive capacity);
/// on-demand scaling; heat measurement and splits.
///
/// Admission is two-phase so that one request can need several partitions (transactions) or
/// two resources (a base-table write and its index write): `clearDemands`, `addDemand`, then
/// `evaluate`, and `commit` only if everything admitted.
final class PartitionedCapacity {
    struct Partition {
        var start: UInt64
        /// Partition-seconds of ceiling: a read of r units takes r / readCeiling.
        var ceiling: CapacityBucket
        var readShare: CapacityBucket
        var writeShare: CapacityBucket
        /// Ceiling units consumed in the current heat window, since time zero, and at the last sample.
        var windowLoad = 0.0
        var lifetimeLoad = 0.0
        var sampledLoad = 0.0
        var hotWindows = 0
        /// A range of one key that is still hot: it cannot split further.
        var unsplittable = false
        var sampleCount = 0
        var sampleCursor = 0
    }

    struct Demand {
        var partition: Int
        var hash: UInt64
        var units: Double
    }

    let resource: ThrottleReason.Resource
    let parameters: DynamoDBPartitionParameters
    var mode: DynamoDBCapacityMode
    var partitions: [Partition] = []
    /// `parameters.keySamples` recent key hashes per partition, in partition order.
    var keySamples: [UInt64] = []
    var scratchSamples: [UInt64] = []
    var splitCandidates: [Int] = []
    /// Provisioned mode: one second of the table's unused capacity, which hot partitions borrow.
    var unusedRead: CapacityBucket
    var unusedWrite: CapacityBucket
    var onDemand: OnDemandThroughput?
    var demands: [Demand] = []

    // Measurements. Lifetime totals are never reset; `...AtReset` marks the warm-up's end.
    var consumedRead = 0.0
    var consumedWrite = 0.0
    var consumedReadAtReset = 0.0
    var consumedWriteAtReset = 0.0
    var windowRead = 0.0
    var windowWrite = 0.0
    var splits = 0
    var splitsAtReset = 0
    var adaptiveBorrows = Counter()
    /// The highest ceiling utilization of any partition in any heat window since the reset.
    var maxWindowHeat = 0.0
    /// Sums over heat windows of the hottest partition's load and of the total load, since
    /// the reset: their ratio is the load-weighted share of the hottest partition.
    var hottestLoadSum = 0.0
    var totalLoadSum = 0.0

    init(resource: ThrottleReason.Resource, mode: DynamoDBCapacityMode, sizeBytes: Double,
         parameters: DynamoDBPartitionParameters, onDemand onDemandParameters: DynamoDBOnDemandParameters, at time: SimTime) {
        precondition(parameters.readCeiling > 0 && parameters.writeCeiling > 0 && parameters.bytesPerPartition > 0)
        precondition(parameters.burstSeconds >= 0 && parameters.ceilingBurstSeconds > 0 && parameters.keySamples >= 0)
        precondition(parameters.heatWindow > .zero && parameters.splitAfter >= .zero && parameters.splitThreshold > 0)
        self.resource = resource
        self.parameters = parameters
        self.mode = mode
        let bySize = max(1, Int((sizeBytes / parameters.bytesPerPartition).rounded(.up)))
        var count = bySize
        var read = 0.0, write = 0.0
        switch mode {
        case .provisioned(let r, let w):
            read = r
            write = w
            count = max(count, Int((r / parameters.readCeiling + w / parameters.writeCeiling - 1e-9).rounded(.up)))
        case .onDemand:
            let scaling = OnDemandThroughput(parameters: onDemandParameters, at: time)
            onDemand = scaling
            let units = scaling.partitionUnits(readCeiling: parameters.readCeiling, writeCeiling: parameters.writeCeiling)
            count = max(count, Int((units - 1e-9).rounded(.up)))
        }
        unusedRead = CapacityBucket(rate: read, capacity: read, full: true, at: time)
        unusedWrite = CapacityBucket(rate: write, capacity: write, full: true, at: time)
        let n = Double(count)
        let ceiling = CapacityBucket(rate: 1, capacity: parameters.ceilingBurstSeconds, full: true, at: time)
        for i in 0..<count {
            let start = UInt64(truncatingIfNeeded: (UInt128(i) << 64) / UInt128(count))
            partitions.append(Partition(
                start: start, ceiling: ceiling,
                readShare: CapacityBucket(rate: read / n, capacity: parameters.burstSeconds * read / n, full: parameters.burstInitiallyFull, at: time),
                writeShare: CapacityBucket(rate: write / n, capacity: parameters.burstSeconds * write / n, full: parameters.burstInitiallyFull, at: time)))
        }
        keySamples = Array(repeating: 0, count: count * parameters.keySamples)
        scratchSamples.reserveCapacity(parameters.keySamples)
        demands.reserveCapacity(128)
        ensureOnDemandPartitions(at: time)
    }

    /// The stable hash that places a key: XXH64 of its eight little-endian bytes.
    static func hash(_ key: UInt64) -> UInt64 {
        withUnsafeBytes(of: key.littleEndian) { XXHash64.hash($0, seed: 0) }
    }

    /// The partition whose range holds `hash`.
    func partitionIndex(for hash: UInt64) -> Int {
        var low = 0
        var high = partitions.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if partitions[middle].start <= hash { low = middle } else { high = middle - 1 }
        }
        return low
    }

    func ceilingShare(_ operation: ThrottleReason.Operation) -> Double {
        operation == .read ? 1 / parameters.readCeiling : 1 / parameters.writeCeiling
    }

    // MARK: Admission

    func clearDemands() {
        demands.removeAll(keepingCapacity: true)
    }

    /// Adds `units` for the key whose hash is `hash`, merged with earlier demands on the same partition.
    func addDemand(hash: UInt64, units: Double) {
        let partition = partitionIndex(for: hash)
        for i in demands.indices where demands[i].partition == partition {
            demands[i].units += units
            return
        }
        demands.append(Demand(partition: partition, hash: hash, units: units))
    }

    /// Nil if every demand can be served now, else the limit that refuses them. Changes
    /// nothing but the buckets' refills.
    func evaluate(_ operation: ThrottleReason.Operation, at time: SimTime) -> ThrottleReason.Limit? {
        let perUnit = ceilingShare(operation)
        var total = 0.0
        for demand in demands {
            if partitions[demand.partition].ceiling.available(at: time) < demand.units * perUnit {
                return .keyRangeThroughputExceeded
            }
            total += demand.units
        }
        switch mode {
        case .provisioned:
            var borrowed = 0.0
            for demand in demands {
                let share = operation == .read
                    ? partitions[demand.partition].readShare.available(at: time)
                    : partitions[demand.partition].writeShare.available(at: time)
                if share < demand.units { borrowed += demand.units }
            }
            if borrowed > 0 {
                let unused = operation == .read ? unusedRead.available(at: time) : unusedWrite.available(at: time)
                guard parameters.adaptiveCapacity, unused >= borrowed else { return .provisionedThroughputExceeded }
            }
        case .onDemand:
            if let limit = onDemand!.check(operation, units: total, at: time) { return limit }
        }
        return nil
    }

    /// The throughput the table serves at once, in units per second: the provisioned units,
    /// or on-demand's twice the previous peak (capped by the table's limit). Consumption
    /// drawn against it shows the headroom (and bursts above it, served from burst buckets).
    func capacity(_ operation: ThrottleReason.Operation) -> Double {
        switch mode {
        case .provisioned(let read, let write): operation == .read ? read : write
        case .onDemand: operation == .read ? onDemand!.reachableRead : onDemand!.reachableWrite
        }
    }

    /// Consumes the demands `evaluate` admitted at the same `time`.
    func commit(_ operation: ThrottleReason.Operation, at time: SimTime) {
        let perUnit = ceilingShare(operation)
        let provisioned = onDemand == nil
        var total = 0.0
        for demand in demands {
            let p = demand.partition
            let load = demand.units * perUnit
            partitions[p].ceiling.take(load)
            partitions[p].windowLoad += load
            partitions[p].lifetimeLoad += load
            recordSample(demand.hash, partition: p)
            total += demand.units
            guard provisioned else { continue }
            if operation == .read {
                if partitions[p].readShare.available(at: time) >= demand.units {
                    partitions[p].readShare.take(demand.units)
                } else {
                    adaptiveBorrows.increment()
                }
                unusedRead.drain(demand.units, at: time)
            } else {
                if partitions[p].writeShare.available(at: time) >= demand.units {
                    partitions[p].writeShare.take(demand.units)
                } else {
                    adaptiveBorrows.increment()
                }
                unusedWrite.drain(demand.units, at: time)
            }
        }
        onDemand?.commit(operation, units: total)
        if operation == .read {
            consumedRead += total
            windowRead += total
        } else {
            consumedWrite += total
            windowWrite += total
        }
    }

    func recordSample(_ hash: UInt64, partition p: Int) {
        let k = parameters.keySamples
        guard k > 0 else { return }
        keySamples[p * k + partitions[p].sampleCursor] = hash
        partitions[p].sampleCursor = (partitions[p].sampleCursor + 1) % k
        partitions[p].sampleCount = min(k, partitions[p].sampleCount + 1)
    }

    // MARK: Inspection

    /// The burst bank (share bucket) of a partition, in units.
    func burstBalance(partition: Int, operation: ThrottleReason.Operation, at time: SimTime) -> Double {
        operation == .read ? partitions[partition].readShare.available(at: time) : partitions[partition].writeShare.available(at: time)
    }

    /// The exclusive end of a partition's range; nil for the last, which ends at 2^64.
    func end(of partition: Int) -> UInt64? {
        partition + 1 < partitions.count ? partitions[partition + 1].start : nil
    }

    /// The width of a partition's range, as a share of the hash space.
    func widthShare(of partition: Int) -> Double {
        let end = self.end(of: partition).map { UInt128($0) } ?? (UInt128(1) << 64)
        return Double(end - UInt128(partitions[partition].start)) / 18_446_744_073_709_551_616.0
    }
}
