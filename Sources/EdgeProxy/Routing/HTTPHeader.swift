/// One request header line. Names are case-insensitive (Envoy lower-cases them); a name may
/// appear several times, and the order of the lines is kept.
public struct HTTPHeader: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
