/// The pending events, in an array-backed 4-ary min-heap ordered by `(time, sequence)`.
///
/// A 4-ary heap halves the depth of a binary one, and with 32-byte events and the storage
/// offset below, the four children of a node share two cache lines. The buffer only grows
/// (doubling), so once a run is warm, scheduling allocates nothing.
public final class EventCalendar {
    /// Three slots of padding put each group of siblings (4i+1 ... 4i+4) on a 128-byte boundary.
    private static let padding = 3
    // Only ever read and written whole, never passed inout, so the dynamic exclusivity
    // checks Swift would add per event protect nothing.
    @exclusivity(unchecked) var base: UnsafeMutableRawPointer
    @exclusivity(unchecked) var heap: UnsafeMutablePointer<Event>
    @exclusivity(unchecked) var capacity: Int
    @exclusivity(unchecked) public private(set) var count: Int = 0

    public init(initialCapacity: Int = 1024) {
        precondition(initialCapacity > 0)
        capacity = initialCapacity
        (base, heap) = EventCalendar.allocate(capacity)
    }

    deinit {
        base.deallocate()
    }

    private static func allocate(_ capacity: Int) -> (UnsafeMutableRawPointer, UnsafeMutablePointer<Event>) {
        let stride = MemoryLayout<Event>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: (capacity + padding) * stride, alignment: 128)
        let events = (raw + padding * stride).bindMemory(to: Event.self, capacity: capacity)
        return (raw, events)
    }

    public var isEmpty: Bool { count == 0 }

    /// The earliest pending event; the calendar must not be empty.
    public var first: Event {
        precondition(count > 0, "the event calendar is empty")
        return heap[0]
    }

    /// Bytes held by the calendar's storage, for memory reports.
    public var allocatedBytes: Int { (capacity + EventCalendar.padding) * MemoryLayout<Event>.stride }

    public func insert(_ event: Event) {
        if count == capacity { grow() }
        var hole = count
        count += 1
        let key = event.key
        while hole > 0 {
            let parent = (hole &- 1) >> 2
            if !(key < heap[parent].key) { break }
            heap[hole] = heap[parent]
            hole = parent
        }
        heap[hole] = event
    }

    /// Removes and returns the earliest event; the calendar must not be empty.
    ///
    /// Floyd's bottom-up deletion: the hole left at the root walks down the path of smallest
    /// children to a leaf without comparing against the displaced last element, which then
    /// sifts up from there. The last element nearly always belongs near the bottom, so this
    /// saves about a comparison per level over the textbook sift-down.
    public func removeFirst() -> Event {
        precondition(count > 0, "the event calendar is empty")
        let first = heap[0]
        count -= 1
        let n = count
        guard n > 0 else { return first }
        let last = heap[n]
        var hole = 0
        while true {
            let child = 4 &* hole &+ 1
            if child &+ 3 < n {
                hole = smallestOfFour(from: child)
                heap[(hole &- 1) >> 2] = heap[hole]
            } else {
                if child < n {
                    var smallest = child
                    var candidate = child &+ 1
                    while candidate < n {
                        if Event.precedes(heap[candidate], heap[smallest]) { smallest = candidate }
                        candidate &+= 1
                    }
                    heap[hole] = heap[smallest]
                    hole = smallest
                }
                break
            }
        }
        let lastKey = last.key
        while hole > 0 {
            let parent = (hole &- 1) >> 2
            if !(lastKey < heap[parent].key) { break }
            heap[hole] = heap[parent]
            hole = parent
        }
        heap[hole] = last
        return first
    }

    /// The index of the smallest of the four siblings starting at `child`, chosen with
    /// selects rather than a loop so that the comparisons compile without branches.
    private func smallestOfFour(from child: Int) -> Int {
        let k0 = heap[child].key, k1 = heap[child &+ 1].key
        let k2 = heap[child &+ 2].key, k3 = heap[child &+ 3].key
        let a = k1 < k0 ? child &+ 1 : child
        let ka = k1 < k0 ? k1 : k0
        let b = k3 < k2 ? child &+ 3 : child &+ 2
        let kb = k3 < k2 ? k3 : k2
        return kb < ka ? b : a
    }

    public func removeAll() {
        count = 0
    }

    func grow() {
        let newCapacity = capacity * 2
        let (newBase, newHeap) = EventCalendar.allocate(newCapacity)
        newHeap.update(from: heap, count: count)
        base.deallocate()
        base = newBase
        heap = newHeap
        capacity = newCapacity
    }
}
