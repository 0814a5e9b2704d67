/// One `key=value` entry of a rate-limit descriptor (Envoy's `RateLimit::DescriptorEntry`).
public struct RateLimitEntry: Hashable, Sendable, CustomStringConvertible {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }

    /// `key=value`, as Envoy prints descriptors in its errors and logs.
    public var description: String { "\(key)=\(value)" }
}
