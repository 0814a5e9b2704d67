/// A first-in first-out list of integers that reuses its storage once drained, so steady
/// use allocates nothing (pre-picked EDF entries, stashed random draws).
struct IndexFIFO<Element: Sendable>: Sendable {
    private var items: [Element] = []
    private var head = 0

    var isEmpty: Bool { head == items.count }
    var count: Int { items.count - head }

    mutating func append(_ item: Element) {
        if head > 32 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        items.append(item)
    }

    mutating func removeFirst() -> Element {
        precondition(!isEmpty, "removeFirst on an empty queue")
        let item = items[head]
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        }
        return item
    }

    mutating func removeAll() {
        items.removeAll(keepingCapacity: true)
        head = 0
    }
}
