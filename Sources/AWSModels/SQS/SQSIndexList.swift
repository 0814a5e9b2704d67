/// Links of intrusive doubly-linked lists over a slab: `prev[i]` and `next[i]` belong to
/// slab entry `i`, so an entry can sit in one list per `SQSLinks` and leave it from
/// anywhere in O(1). Grows with the slab; nothing is allocated once warm.
struct SQSLinks {
    static let none = UInt32.max

    var prev: [UInt32] = []
    var next: [UInt32] = []

    /// Adds links for one more slab entry.
    mutating func grow() {
        prev.append(SQSLinks.none)
        next.append(SQSLinks.none)
    }
}

/// The head, tail and length of one intrusive list whose links live in an `SQSLinks`.
struct SQSIndexList {
    private(set) var head = SQSLinks.none
    private(set) var tail = SQSLinks.none
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    mutating func append(_ item: UInt32, _ links: inout SQSLinks) {
        let i = Int(item)
        links.prev[i] = tail
        links.next[i] = SQSLinks.none
        if tail == SQSLinks.none { head = item } else { links.next[Int(tail)] = item }
        tail = item
        count += 1
    }

    mutating func remove(_ item: UInt32, _ links: inout SQSLinks) {
        let i = Int(item)
        let before = links.prev[i]
        let after = links.next[i]
        if before == SQSLinks.none { head = after } else { links.next[Int(before)] = after }
        if after == SQSLinks.none { tail = before } else { links.prev[Int(after)] = before }
        links.prev[i] = SQSLinks.none
        links.next[i] = SQSLinks.none
        count -= 1
    }
}
