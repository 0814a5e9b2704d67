import SimKernel

/// [A] A standard queue's visible messages, spread over `S` storage hosts, each keeping
/// its own in arrival order. A short poll looks at `k` hosts drawn at random, so a small
/// queue answers with fewer messages than it holds, or none (SQS's "false empty"); a long
/// poll looks at all of them.
struct SQSStorageHosts {
    var lists: [SQSIndexList]
    /// A permutation of the hosts; its first `k` entries are the last sample.
    private(set) var order: [Int]
    let sampled: Int
    /// Where the next long poll starts its round over the hosts.
    private(set) var cursor = 0

    init(hosts: Int, sampled: Int) {
        lists = Array(repeating: SQSIndexList(), count: hosts)
        order = Array(0..<hosts)
        self.sampled = sampled
    }

    var count: Int { lists.count }

    /// Draws `sampled` distinct hosts (a partial Fisher-Yates shuffle): `order[0..<sampled]`.
    mutating func sample(_ stream: RandomStream) {
        let hosts = order.count
        for i in 0..<sampled {
            let j = i + stream.index(below: hosts - i)
            if i != j { order.swapAt(i, j) }
        }
    }

    /// Host number `i` of a round over all hosts, starting at the cursor.
    func host(inRound i: Int) -> Int {
        (cursor + i) % lists.count
    }

    mutating func advanceCursor() {
        cursor = (cursor + 1) % lists.count
    }
}
