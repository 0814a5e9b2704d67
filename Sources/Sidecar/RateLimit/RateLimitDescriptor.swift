/// A rate-limit descriptor: the ordered entries a request's `rate_limits` actions produced
/// (Envoy's `RateLimit::Descriptor`, the service's `RateLimitDescriptor`).
///
/// The local limiter matches descriptors on their entries alone; the rate-limit service also
/// reads the per-descriptor `hits_addend` and the inline `limit` Envoy may attach.
/// Build descriptors once (per tier, per tenant) and pass the same arrays with every request:
/// matching them allocates nothing.
public struct RateLimitDescriptor: Hashable, Sendable, CustomStringConvertible {
    public var entries: [RateLimitEntry]
    /// Hits this descriptor adds, instead of the request's; 0 looks without counting.
    public var hitsAddend: UInt64?
    /// A limit carried by the descriptor itself (Envoy's `limit` override), used instead of the
    /// service's configuration and never in shadow mode.
    public var limitOverride: RateLimitOverride?

    public init(_ entries: [RateLimitEntry], hitsAddend: UInt64? = nil, limitOverride: RateLimitOverride? = nil) {
        self.entries = entries
        self.hitsAddend = hitsAddend
        self.limitOverride = limitOverride
    }

    /// A descriptor from `(key, value)` pairs, in order.
    public init(_ pairs: KeyValuePairs<String, String>, hitsAddend: UInt64? = nil, limitOverride: RateLimitOverride? = nil) {
        self.init(pairs.map { RateLimitEntry($0.key, $0.value) }, hitsAddend: hitsAddend, limitOverride: limitOverride)
    }

    /// `k1=v1, k2=v2`, Envoy's `LocalDescriptor::toString()`.
    public var description: String { entries.map(\.description).joined(separator: ", ") }
}

/// A limit a descriptor carries inline (`RateLimitDescriptor.limit` in the service's API).
public struct RateLimitOverride: Hashable, Sendable {
    public var requestsPerUnit: UInt32
    public var unit: RateLimitUnit

    public init(requestsPerUnit: UInt32, unit: RateLimitUnit) {
        self.requestsPerUnit = requestsPerUnit
        self.unit = unit
    }
}
