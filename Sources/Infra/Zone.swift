/// An availability zone, by index into the scenario's list of zones.
public struct Zone: Hashable, Sendable, Comparable {
    public let index: UInt8

    public init(_ index: Int) {
        precondition(index >= 0 && index < 256, "at most 256 zones")
        self.index = UInt8(index)
    }

    public static func < (lhs: Zone, rhs: Zone) -> Bool { lhs.index < rhs.index }
}
