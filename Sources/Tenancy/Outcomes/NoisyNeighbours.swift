/// The `k` tenants with the largest scores, largest first, ties to the lower tenant id: one
/// pass over the tenants holding a sorted list of at most `k`, so ranking millions of tenants
/// costs no sort of them all.
public struct NoisyNeighbours {
    public let k: Int
    public private(set) var ranked: [(tenant: Int, score: Double)] = []

    public init(k: Int) {
        precondition(k > 0)
        self.k = k
        ranked.reserveCapacity(k + 1)
    }

    /// Offers tenant `tenant`; tenants must be offered in increasing id order for ties to go
    /// to the lower id.
    public mutating func offer(_ tenant: Int, score: Double) {
        if ranked.count == k, let last = ranked.last, score <= last.score { return }
        var position = ranked.count
        while position > 0, ranked[position - 1].score < score { position -= 1 }
        ranked.insert((tenant, score), at: position)
        if ranked.count > k { ranked.removeLast() }
    }
}
