import SimKernel

extension PartitionedCapacity {
    // MARK: Statistics

    func resetStatistics() {
        consumedReadAtReset = consumedRead
        consumedWriteAtReset = consumedWrite
        splitsAtReset = splits
        adaptiveBorrows.reset()
        onDemand?.growthThrottles.reset()
        maxWindowHeat = 0
        hottestLoadSum = 0
        totalLoadSum = 0
    }

    /// The hottest partition's ceiling utilization over the span since the last call.
    func sampleHeat(seconds: Double) -> Double {
        var hottest = 0.0
        for i in partitions.indices {
            hottest = max(hottest, partitions[i].lifetimeLoad - partitions[i].sampledLoad)
            partitions[i].sampledLoad = partitions[i].lifetimeLoad
        }
        return seconds > 0 ? hottest / seconds : .nan
    }
}
