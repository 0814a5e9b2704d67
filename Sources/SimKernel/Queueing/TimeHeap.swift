/// A binary min-heap of times, in an array that only grows.
public struct TimeHeap: Sendable {
    private var items: [SimTime] = []

    public init() {}

    public var count: Int { items.count }
    public var isEmpty: Bool { items.isEmpty }
    public var minimum: SimTime? { items.first }

    public mutating func insert(_ time: SimTime) {
        items.append(time)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard time < items[parent] else { break }
            items[child] = items[parent]
            child = parent
        }
        items[child] = time
    }

    public mutating func removeMinimum() -> SimTime {
        precondition(!items.isEmpty, "removeMinimum on an empty heap")
        let first = items[0]
        let last = items.removeLast()
        guard !items.isEmpty else { return first }
        var hole = 0
        while true {
            var child = 2 * hole + 1
            if child >= items.count { break }
            if child + 1 < items.count, items[child + 1] < items[child] { child += 1 }
            guard items[child] < last else { break }
            items[hole] = items[child]
            hole = child
        }
        items[hole] = last
        return first
    }
}
