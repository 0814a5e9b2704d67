/// `--shard I/N`: a deterministic slice of a sweep's items for one machine or process. Shard I
/// of N holds the items whose number leaves remainder I - 1 when divided by N (items are
/// numbered point-major, see `Sweep`), so every shard gets a share of every part of the grid
/// and shards take about as long as each other even when the cost grows along a parameter.
public struct SweepShard: Sendable, Equatable, CustomStringConvertible {
    /// From one.
    public let index: Int
    public let count: Int

    public static let maximumCount = 1_000_000

    /// How shards divide the items, for the manifest.
    public static let rule = "item = point * replications + replication; shard I of N holds the items with item % N == I - 1"

    public init?(index: Int, count: Int) {
        guard (1...SweepShard.maximumCount).contains(count), (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// `I/N` with 1 <= I <= N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let index = Int(parts[0]), let count = Int(parts[1])
        else { return nil }
        self.init(index: index, count: count)
    }

    public func holds(_ item: Int) -> Bool { item % count == index - 1 }

    /// The items of `total` this shard holds, in increasing order.
    public func items(of total: Int) -> [Int] {
        Array(stride(from: index - 1, to: total, by: count))
    }

    public var description: String { "\(index)/\(count)" }
}
