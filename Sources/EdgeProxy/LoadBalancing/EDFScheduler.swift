/// Envoy's earliest-deadline-first scheduler (`source/common/upstream/edf_scheduler.h`), the
/// engine of weighted round robin and weighted least request.
///
/// Every entry waits in a min-heap under a deadline `currentTime + 1/weight`; a pick pops the
/// earliest deadline (ties: the entry added first), moves `currentTime` to it and re-adds the
/// entry with its weight evaluated *now*, so weight changes take effect one pick later.
/// Entries are integers (host indices). Envoy's lazy removal of expired entries (weak
/// pointers) is not modelled: a scheduler is rebuilt whenever its host list changes.
public struct EDFScheduler: Sendable {
    struct Slot: Sendable {
        var deadline: Double
        var order: UInt64
        var entry: Int

        @inline(__always)
        func precedes(_ other: Slot) -> Bool {
            deadline < other.deadline || (deadline == other.deadline && order < other.order)
        }
    }

    private var heap: [Slot] = []
    /// The deadline of the last pick (Envoy's `current_time_`).
    public private(set) var currentTime: Double = 0
    /// The tie-breaker given to the next added entry (Envoy's `order_offset_`).
    public private(set) var orderOffset: UInt64 = 0
    /// Entries handed out by `peekAgain` and not yet consumed by `pickAndAdd`.
    private var prepicked = IndexFIFO<Int>()

    public init() {}

    /// Number of entries waiting in the queue.
    public var count: Int { heap.count }
    public var isEmpty: Bool { heap.isEmpty }

    /// Adds `entry` with deadline `currentTime + 1/weight`. The weight must be positive.
    public mutating func add(weight: Double, entry: Int) {
        precondition(weight > 0, "EDF weights must be positive")
        push(Slot(deadline: currentTime + 1.0 / weight, order: orderOffset, entry: entry))
        orderOffset &+= 1
    }

    /// Picks the entry with the earliest deadline and re-adds it with `weight(entry)`.
    /// Entries pre-picked by `peekAgain` are returned first, in order, without re-adding
    /// (they were re-added when peeked).
    public mutating func pickAndAdd(weight: (Int) -> Double) -> Int? {
        if !prepicked.isEmpty { return prepicked.removeFirst() }
        guard let entry = popEntry() else { return nil }
        add(weight: weight(entry), entry: entry)
        return entry
    }

    /// The entry a later `pickAndAdd` will return: the first call peeks the next pick, the
    /// second the pick after it, and so on (Envoy's `peekAgain`, used for preconnecting).
    public mutating func peekAgain(weight: (Int) -> Double) -> Int? {
        guard let entry = popEntry() else { return nil }
        prepicked.append(entry)
        add(weight: weight(entry), entry: entry)
        return entry
    }

    /// A scheduler in the state of one built by adding `entries` in order and then picking
    /// `picks` times, computed in O(n) for the bulk of the picks (Envoy's `createWithPicks`).
    /// Weights are augmented by 1e-13 for the emulated picks, floor counts are corrected
    /// where floating point disagrees with the exact value, and the remaining picks are done
    /// one by one with the unaugmented weights. `picks` is first reduced modulo 429496729.
    public static func createWithPicks(entries: [Int], weight: (Int) -> Double, picks: UInt32) -> EDFScheduler {
        let picks = picks % 429_496_729
        var scheduler = EDFScheduler()
        if entries.isEmpty { return scheduler }
        // The emulated picks use weights augmented by 1e-13, so that weights that are
        // multiples of each other do not tie differently from one-by-one picks.
        var weightsSum = 0.0
        for entry in entries { weightsSum += weight(entry) + 1e-13 }
        let pickShare = Double(picks) / weightsSum
        var slots: [Slot] = []
        slots.reserveCapacity(entries.count)
        var picksSoFar: UInt32 = 0
        var maxPickTime = 0.0
        for (index, entry) in entries.enumerated() {
            let entryWeight = weight(entry) + 1e-13
            var floorPicks = UInt32(entryWeight * Double(picks) / weightsSum)
            if floorPicks > 0 && Double(floorPicks) / entryWeight >= pickShare {
                floorPicks -= 1
            }
            let pickTime = Double(floorPicks) / entryWeight
            let deadline = Double(floorPicks + 1) / entryWeight
            slots.append(Slot(deadline: deadline, order: UInt64(index), entry: entry))
            maxPickTime = max(maxPickTime, pickTime)
            picksSoFar += floorPicks
        }
        scheduler.heap = slots
        scheduler.heapify()
        scheduler.currentTime = maxPickTime
        scheduler.orderOffset = UInt64(entries.count)
        while picksSoFar < picks {
            _ = scheduler.pickAndAdd(weight: weight)
            picksSoFar += 1
        }
        return scheduler
    }

    /// The queued entries with their deadlines, in the order they would be picked if no
    /// weight changed. For inspection and tests; allocates.
    public func queuedEntries() -> [(deadline: Double, entry: Int)] {
        heap.sorted { $0.precedes($1) }.map { ($0.deadline, $0.entry) }
    }

    // MARK: binary min-heap on (deadline, order)

    private mutating func popEntry() -> Int? {
        guard !heap.isEmpty else { return nil }
        let top = heap[0]
        currentTime = top.deadline
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
        return top.entry
    }

    private mutating func push(_ slot: Slot) {
        heap.append(slot)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard slot.precedes(heap[parent]) else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = slot
    }

    private mutating func siftDown(_ start: Int) {
        let count = heap.count
        let slot = heap[start]
        var parent = start
        while true {
            var child = 2 * parent + 1
            if child >= count { break }
            if child + 1 < count && heap[child + 1].precedes(heap[child]) { child += 1 }
            guard heap[child].precedes(slot) else { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = slot
    }

    private mutating func heapify() {
        var index = heap.count / 2 - 1
        while index >= 0 {
            siftDown(index)
            index -= 1
        }
    }
}
