/// The named streams of one replication.
///
/// A stream's seed is `XXH64(utf8(name), seed: replicationSeed)`: a pure function of the
/// replication seed and the stream's name. Two variants of a scenario that contain the same
/// component therefore draw the same numbers for it (common random numbers), and adding a
/// component never shifts the numbers another component draws.
public final class RandomStreams {
    public let seed: UInt64
    public let generator: RandomStream.Generator
    private var claimed: Set<String> = []

    public init(seed: UInt64, generator: RandomStream.Generator = .mt19937) {
        self.seed = seed
        self.generator = generator
    }

    /// The seed of the stream called `name`.
    public static func streamSeed(_ name: String, replicationSeed: UInt64) -> UInt64 {
        XXHash64.hash(name, seed: replicationSeed)
    }

    /// The seed of replication `index` of a scenario whose seed is `scenarioSeed`.
    public static func replicationSeed(scenarioSeed: UInt64, replication index: Int) -> UInt64 {
        XXHash64.hash("replication/\(index)", seed: scenarioSeed)
    }

    /// Creates the stream called `name`. Each name may be claimed once per replication: two
    /// components sharing a stream would couple their draws and break common random numbers.
    public func stream(_ name: String) -> RandomStream {
        precondition(!claimed.contains(name), "random stream '\(name)' claimed twice")
        claimed.insert(name)
        return RandomStream(name: name, seed: RandomStreams.streamSeed(name, replicationSeed: seed), generator: generator)
    }
}
