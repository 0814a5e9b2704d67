import SimKernel

/// A binary min-heap of small integer ids (message slots, group indices) keyed by
/// `(time, tie)`, which knows where each id sits: an id's key can change, or the id can
/// leave, from anywhere in O(log n). So a deleted message leaves its timer at once instead
/// of lingering as a stale entry. Ties in `time` break by `tie` (an arrival sequence), which
/// keeps the order deterministic.
struct SQSIndexedHeap {
    struct Entry {
        var time: Int64
        var tie: UInt64
        var id: UInt32
    }

    private var entries: [Entry] = []
    /// Position of each id in `entries`, or -1.
    private var positions: [Int32] = []

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }
    var min: Entry? { entries.first }

    func contains(_ id: UInt32) -> Bool {
        Int(id) < positions.count && positions[Int(id)] >= 0
    }

    mutating func insert(_ id: UInt32, time: SimTime, tie: UInt64) {
        while positions.count <= Int(id) { positions.append(-1) }
        precondition(positions[Int(id)] < 0, "id already in the heap")
        entries.append(Entry(time: time.nanoseconds, tie: tie, id: id))
        positions[Int(id)] = Int32(entries.count - 1)
        siftUp(entries.count - 1)
    }

    /// Inserts `id`, or moves it to its new key if it is already in.
    mutating func set(_ id: UInt32, time: SimTime, tie: UInt64) {
        guard contains(id) else { return insert(id, time: time, tie: tie) }
        let position = Int(positions[Int(id)])
        let old = entries[position]
        let new = Entry(time: time.nanoseconds, tie: tie, id: id)
        entries[position] = new
        if SQSIndexedHeap.precedes(new, old) { siftUp(position) } else { siftDown(position) }
    }

    mutating func remove(_ id: UInt32) {
        let position = Int(positions[Int(id)])
        precondition(position >= 0, "id not in the heap")
        positions[Int(id)] = -1
        let last = entries.removeLast()
        guard position < entries.count else { return }
        entries[position] = last
        positions[Int(last.id)] = Int32(position)
        if position > 0 && SQSIndexedHeap.precedes(last, entries[(position - 1) / 2]) {
            siftUp(position)
        } else {
            siftDown(position)
        }
    }

    private static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        a.time < b.time || (a.time == b.time && a.tie < b.tie)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        let moving = entries[child]
        while child > 0 {
            let parent = (child - 1) / 2
            guard SQSIndexedHeap.precedes(moving, entries[parent]) else { break }
            entries[child] = entries[parent]
            positions[Int(entries[child].id)] = Int32(child)
            child = parent
        }
        entries[child] = moving
        positions[Int(moving.id)] = Int32(child)
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let moving = entries[parent]
        let count = entries.count
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count && SQSIndexedHeap.precedes(entries[child + 1], entries[child]) { child += 1 }
            guard SQSIndexedHeap.precedes(entries[child], moving) else { break }
            entries[parent] = entries[child]
            positions[Int(entries[parent].id)] = Int32(parent)
            parent = child
        }
        entries[parent] = moving
        positions[Int(moving.id)] = Int32(parent)
    }
}
