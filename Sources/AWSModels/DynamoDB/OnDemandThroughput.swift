import Foundation
import SimKernel

/// On-demand scaling of one table or index (aws-spec.md 2.2): the table serves up to twice
/// its previous peak at once, as a linear mix of reads and writes; the peak follows sustained
/// consumption, but grows at most by a factor 2 per `peakDoublingTime`, so the reachable
/// level doubles about every 30 minutes under pressure. The per-table quota and the optional
/// maximum cap each dimension on their own.
struct OnDemandThroughput {
    let parameters: DynamoDBOnDemandParameters
    private(set) var peakRead: Double
    private(set) var peakWrite: Double
    /// One second of the reachable level, in normalized units (a linear mix: a read of r units
    /// takes r / (2 peakRead)).
    private var reachable: CapacityBucket
    private var readCap: CapacityBucket
    private var writeCap: CapacityBucket
    /// Throttles because demand outgrew twice the previous peak.
    var growthThrottles = Counter()

    init(parameters: DynamoDBOnDemandParameters, at time: SimTime) {
        precondition(parameters.initialReadUnits > 0 && parameters.initialWriteUnits > 0 && parameters.peakDoublingTime > .zero)
        self.parameters = parameters
        peakRead = parameters.initialReadUnits / 2
        peakWrite = parameters.initialWriteUnits / 2
        reachable = CapacityBucket(rate: 1, capacity: 1, full: true, at: time)
        let read = OnDemandThroughput.cap(parameters.tableReadQuota, parameters.maxReadUnits)
        let write = OnDemandThroughput.cap(parameters.tableWriteQuota, parameters.maxWriteUnits)
        readCap = CapacityBucket(rate: read, capacity: read, full: true, at: time)
        writeCap = CapacityBucket(rate: write, capacity: write, full: true, at: time)
    }

    private static func cap(_ quota: Double, _ maximum: Double?) -> Double {
        min(quota, maximum ?? .infinity)
    }

    var readLimit: Double { OnDemandThroughput.cap(parameters.tableReadQuota, parameters.maxReadUnits) }
    var writeLimit: Double { OnDemandThroughput.cap(parameters.tableWriteQuota, parameters.maxWriteUnits) }

    /// Units per second served at once: twice the previous peak, within the caps.
    var reachableRead: Double { min(2 * peakRead, readLimit) }
    var reachableWrite: Double { min(2 * peakWrite, writeLimit) }

    /// Which cap binds a dimension: the table's maximum if it is set at or below the quota.
    private func capLimit(_ operation: ThrottleReason.Operation) -> ThrottleReason.Limit {
        let (quota, maximum) = operation == .read
            ? (parameters.tableReadQuota, parameters.maxReadUnits) : (parameters.tableWriteQuota, parameters.maxWriteUnits)
        if let maximum, maximum <= quota { return .maxOnDemandThroughputExceeded }
        return .accountLimitExceeded
    }

    /// Nil if `units` of `operation` fit now, else the reason.
    mutating func check(_ operation: ThrottleReason.Operation, units: Double, at time: SimTime) -> ThrottleReason.Limit? {
        let capAvailable = operation == .read ? readCap.available(at: time) : writeCap.available(at: time)
        if capAvailable < units { return capLimit(operation) }
        if reachable.available(at: time) < normalized(operation, units) {
            growthThrottles.increment()
            return .keyRangeThroughputExceeded
        }
        return nil
    }

    mutating func commit(_ operation: ThrottleReason.Operation, units: Double) {
        if operation == .read { readCap.take(units) } else { writeCap.take(units) }
        reachable.take(normalized(operation, units))
    }

    private func normalized(_ operation: ThrottleReason.Operation, _ units: Double) -> Double {
        units / (operation == .read ? 2 * peakRead : 2 * peakWrite)
    }

    /// Raises the peaks after a window in which the table consumed these rates.
    mutating func endWindow(readRate: Double, writeRate: Double, seconds: Double) {
        let factor = exp2(seconds / parameters.peakDoublingTime.seconds)
        if readRate > peakRead { peakRead = min(readRate, peakRead * factor) }
        if writeRate > peakWrite { peakWrite = min(writeRate, peakWrite * factor) }
    }

    /// Partitions' worth of throughput the table must be able to serve at once.
    func partitionUnits(readCeiling: Double, writeCeiling: Double) -> Double {
        max(reachableRead / readCeiling, reachableWrite / writeCeiling)
    }
}
