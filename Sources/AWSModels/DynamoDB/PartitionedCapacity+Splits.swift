import SimKernel

/// Partition growth: UpdateTable, on-demand scaling, and split-for-heat.
extension PartitionedCapacity {
    // MARK: Configuration changes

    /// UpdateTable: new provisioned throughput. Partitions are added if the classic rule asks
    /// for more; they never merge.
    func setProvisioned(readUnits read: Double, writeUnits write: Double, at time: SimTime) {
        precondition(onDemand == nil, "an on-demand table has no provisioned throughput")
        mode = .provisioned(readUnits: read, writeUnits: write)
        let needed = Int((read / parameters.readCeiling + write / parameters.writeCeiling - 1e-9).rounded(.up))
        while partitions.count < needed { splitWidest(at: time) }
        unusedRead.reconfigure(rate: read, capacity: read, at: time)
        unusedWrite.reconfigure(rate: write, capacity: write, at: time)
        rebalanceShares(at: time)
    }

    /// Provisioned mode: every partition's share is the table's throughput over the partitions.
    func rebalanceShares(at time: SimTime) {
        guard case .provisioned(let read, let write) = mode else { return }
        let n = Double(partitions.count)
        for i in partitions.indices {
            partitions[i].readShare.reconfigure(rate: read / n, capacity: parameters.burstSeconds * read / n, at: time)
            partitions[i].writeShare.reconfigure(rate: write / n, capacity: parameters.burstSeconds * write / n, at: time)
        }
    }

    /// On-demand mode: splits the widest partitions until a uniform load at the reachable
    /// level fits under every partition's ceiling.
    func ensureOnDemandPartitions(at time: SimTime) {
        guard let onDemand else { return }
        let units = onDemand.partitionUnits(readCeiling: parameters.readCeiling, writeCeiling: parameters.writeCeiling)
        while true {
            let widest = widestPartition()
            guard widthShare(of: widest) * units > 1 + 1e-9 else { return }
            guard split(widest, at: midpoint(of: widest), time: time) else { return }
        }
    }

    func widestPartition() -> Int {
        var widest = 0
        var width = 0.0
        for i in partitions.indices {
            let w = widthShare(of: i)
            if w > width {
                width = w
                widest = i
            }
        }
        return widest
    }

    func splitWidest(at time: SimTime) {
        let widest = widestPartition()
        _ = split(widest, at: midpoint(of: widest), time: time)
    }

    func midpoint(of partition: Int) -> UInt64 {
        let start = UInt128(partitions[partition].start)
        let end = self.end(of: partition).map { UInt128($0) } ?? (UInt128(1) << 64)
        return UInt64(truncatingIfNeeded: start + (end - start) / 2)
    }

    // MARK: Heat and splits

    /// Ends a heat window that lasted `seconds`: measures heat, splits partitions hot for
    /// long enough, and (on-demand) raises the peaks. Returns whether another window is
    /// needed (there was load, or a partition is on a hot streak).
    func endWindow(seconds: Double, at time: SimTime) -> Bool {
        let windowsToSplit = max(1, Int((Double(parameters.splitAfter.nanoseconds) / Double(parameters.heatWindow.nanoseconds)).rounded(.up)))
        var hottest = 0.0
        var total = 0.0
        var active = false
        splitCandidates.removeAll(keepingCapacity: true)
        for i in partitions.indices {
            let load = partitions[i].windowLoad
            partitions[i].windowLoad = 0
            total += load
            hottest = max(hottest, load)
            if load > 0 { active = true }
            if parameters.splitForHeat && load / seconds >= parameters.splitThreshold {
                partitions[i].hotWindows += 1
                active = true
                if partitions[i].hotWindows >= windowsToSplit && !partitions[i].unsplittable { splitCandidates.append(i) }
            } else {
                partitions[i].hotWindows = 0
            }
        }
        maxWindowHeat = max(maxWindowHeat, hottest / seconds)
        hottestLoadSum += hottest
        totalLoadSum += total
        for i in splitCandidates.reversed() { splitForHeat(i, at: time) }
        if onDemand != nil {
            onDemand!.endWindow(readRate: windowRead / seconds, writeRate: windowWrite / seconds, seconds: seconds)
            ensureOnDemandPartitions(at: time)
        }
        windowRead = 0
        windowWrite = 0
        return active
    }

    func splitForHeat(_ partition: Int, at time: SimTime) {
        if let point = heatSplitPoint(partition), split(partition, at: point, time: time) { return }
        partitions[partition].unsplittable = true
    }

    /// The median of the partition's recent keys; if that is the range's first key, the next
    /// key above it; if every recent key is the first key, the key after it (isolating it).
    func heatSplitPoint(_ partition: Int) -> UInt64? {
        let start = partitions[partition].start
        let count = partitions[partition].sampleCount
        guard count > 0 else { return midpoint(of: partition) }
        let base = partition * parameters.keySamples
        scratchSamples.removeAll(keepingCapacity: true)
        for j in 0..<count { scratchSamples.append(keySamples[base + j]) }
        scratchSamples.sort()
        let median = scratchSamples[count / 2]
        if median > start { return median }
        if let above = scratchSamples.first(where: { $0 > start }) { return above }
        return start == .max ? nil : start + 1
    }

    /// Splits `partition` at `point`, which must lie strictly inside its range. The children
    /// share the parent's burst bank and recent keys; every share is rebalanced.
    @discardableResult
    func split(_ partition: Int, at point: UInt64, time: SimTime) -> Bool {
        let start = partitions[partition].start
        guard point > start, end(of: partition).map({ point < $0 }) ?? true else { return false }
        var left = partitions[partition]
        left.readShare.refill(at: time)
        left.writeShare.refill(at: time)
        left.readShare.set(level: left.readShare.level / 2, at: time)
        left.writeShare.set(level: left.writeShare.level / 2, at: time)
        left.hotWindows = 0
        left.unsplittable = false
        left.windowLoad /= 2
        var right = left
        right.start = point
        right.lifetimeLoad = 0
        right.sampledLoad = 0
        // Recent keys go to the child whose range holds them.
        let k = parameters.keySamples
        scratchSamples.removeAll(keepingCapacity: true)
        for j in 0..<left.sampleCount { scratchSamples.append(keySamples[partition * k + j]) }
        left.sampleCount = 0
        left.sampleCursor = 0
        right.sampleCount = 0
        right.sampleCursor = 0
        partitions[partition] = left
        partitions.insert(right, at: partition + 1)
        if k > 0 { keySamples.insert(contentsOf: repeatElement(0, count: k), at: (partition + 1) * k) }
        for hash in scratchSamples {
            recordSample(hash, partition: hash >= point ? partition + 1 : partition)
        }
        splits += 1
        rebalanceShares(at: time)
        return true
    }
}
