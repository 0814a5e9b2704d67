import EdgeProxy

/// A runtime fraction (`envoy.type.v3.FractionalPercent` behind `RuntimeFractionalPercent`):
/// true for `numerator / denominator` of the evaluations, decided as Envoy does by
/// `random() % denominator < numerator`. 0% and 100% (or more) are decided without a draw.
public struct FractionalPercent: Hashable, Sendable {
    public enum Denominator: UInt32, Sendable {
        case hundred = 100
        case tenThousand = 10_000
        case million = 1_000_000
    }

    public var numerator: UInt32
    public var denominator: Denominator

    public init(numerator: UInt32, denominator: Denominator = .hundred) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// `percent` out of 100.
    public static func percent(_ percent: UInt32) -> FractionalPercent {
        FractionalPercent(numerator: percent)
    }

    public static let always = FractionalPercent(numerator: 100)
    public static let never = FractionalPercent(numerator: 0)

    public func evaluate<R: EnvoyRandom>(_ random: inout R) -> Bool {
        if numerator == 0 {
            return false
        }
        if numerator >= denominator.rawValue {
            return true
        }
        return random.random() % UInt64(denominator.rawValue) < UInt64(numerator)
    }
}
