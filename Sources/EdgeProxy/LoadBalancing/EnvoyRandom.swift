import SimKernel

/// Envoy's `Random::RandomGenerator::random()`: a uniform 64-bit value. Every Envoy decision
/// that draws randomness takes one of these, so tests can pin the values exactly as Envoy's
/// own tests do with their mocks, and simulations draw them from a named stream.
public protocol EnvoyRandom {
    mutating func random() -> UInt64
}

/// Draws from a simulation's named random stream.
public struct StreamRandom: EnvoyRandom {
    public let stream: RandomStream

    public init(_ stream: RandomStream) {
        self.stream = stream
    }

    public mutating func random() -> UInt64 { stream.bits64() }
}

/// Returns given values in order, then repeats the last one: the shape of Envoy's test mocks
/// (`EXPECT_CALL(random_, random()).WillOnce(Return(2)).WillRepeatedly(Return(0))`).
public struct ScriptedRandom: EnvoyRandom {
    private var values: [UInt64]
    private var index = 0
    /// How many values have been drawn.
    public private(set) var draws = 0

    public init(_ values: [UInt64] = [0]) {
        precondition(!values.isEmpty, "a scripted random source needs at least one value")
        self.values = values
    }

    public mutating func random() -> UInt64 {
        draws += 1
        let value = values[min(index, values.count - 1)]
        index += 1
        return value
    }
}
