/// A first-in first-out queue in a ring buffer that only grows (doubling), so that once a
/// run is warm, enqueueing allocates nothing.
public struct FIFOQueue<Element> {
    private var storage: [Element?]
    private var head = 0
    public private(set) var count = 0

    public init(initialCapacity: Int = 16) {
        precondition(initialCapacity > 0)
        storage = Array(repeating: nil, count: initialCapacity)
    }

    public var isEmpty: Bool { count == 0 }

    public mutating func append(_ element: Element) {
        if count == storage.count { grow() }
        storage[(head + count) % storage.count] = element
        count += 1
    }

    public mutating func removeFirst() -> Element {
        precondition(count > 0, "removeFirst on an empty queue")
        let element = storage[head].unsafelyUnwrapped
        storage[head] = nil
        head = (head + 1) % storage.count
        count -= 1
        return element
    }

    public var first: Element? { count > 0 ? storage[head] : nil }

    private mutating func grow() {
        var larger = [Element?](repeating: nil, count: storage.count * 2)
        for offset in 0..<count {
            larger[offset] = storage[(head + offset) % storage.count]
        }
        storage = larger
        head = 0
    }
}
