/// A retry policy's `retry_on` conditions (the HTTP ones the simulator models).
public struct RetryOn: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// `5xx`: any 5xx response, and any reset, connect failure or per-try timeout.
    public static let fiveXX = RetryOn(rawValue: 1 << 0)
    /// `gateway-error`: 502, 503, 504, and any reset, connect failure or per-try timeout.
    public static let gatewayError = RetryOn(rawValue: 1 << 1)
    /// `reset`: any reset, connect failure or per-try timeout (no response).
    public static let reset = RetryOn(rawValue: 1 << 2)
    /// `connect-failure`: the connection to the host failed.
    public static let connectFailure = RetryOn(rawValue: 1 << 3)
    /// `retriable-4xx`: 409 only.
    public static let retriable4xx = RetryOn(rawValue: 1 << 4)
    /// `refused-stream`: the upstream refused the stream (HTTP/2 REFUSED_STREAM).
    public static let refusedStream = RetryOn(rawValue: 1 << 5)
    /// `retriable-status-codes`: the policy's `retriableStatusCodes`.
    public static let retriableStatusCodes = RetryOn(rawValue: 1 << 6)
    /// `envoy-ratelimited`: responses carrying `x-envoy-ratelimited` (retried only with this).
    public static let envoyRateLimited = RetryOn(rawValue: 1 << 7)
    /// `reset-before-request`: a reset before any byte of the request went upstream.
    public static let resetBeforeRequest = RetryOn(rawValue: 1 << 8)

    /// Envoy's names, in the order `description` prints them.
    public static let names: [(name: String, condition: RetryOn)] = [
        ("5xx", .fiveXX), ("gateway-error", .gatewayError), ("reset", .reset),
        ("connect-failure", .connectFailure), ("retriable-4xx", .retriable4xx),
        ("refused-stream", .refusedStream), ("retriable-status-codes", .retriableStatusCodes),
        ("envoy-ratelimited", .envoyRateLimited), ("reset-before-request", .resetBeforeRequest),
    ]

    /// Conditions Envoy accepts that the simulator does not model.
    static let unsupportedNames: Set<String> = [
        "retriable-headers", "http3-post-connect-failure",
        "cancelled", "deadline-exceeded", "internal", "resource-exhausted", "unavailable",
    ]

    /// Parses a `retry_on` string such as `"5xx,reset"` (comma-separated, whitespace around
    /// names ignored, empty entries skipped). Envoy silently ignores names it does not know;
    /// here they are an error, so a typo cannot quietly disable retries.
    public init(parsing text: String) throws(RouteConfigurationError) {
        var conditions: RetryOn = []
        for rawName in text.split(separator: ",") {
            let name = rawName.trimmingASCIIWhitespace()
            if name.isEmpty { continue }
            if let known = Self.names.first(where: { $0.name == name }) {
                conditions.insert(known.condition)
            } else if Self.unsupportedNames.contains(name) {
                throw .unsupportedRetryOn(name)
            } else {
                throw .unknownRetryOn(name)
            }
        }
        self = conditions
    }

    public var description: String {
        Self.names.filter { contains($0.condition) }.map(\.name).joined(separator: ",")
    }
}

extension Substring {
    fileprivate func trimmingASCIIWhitespace() -> String {
        var bytes = utf8[...]
        while let first = bytes.first, ASCII.isSpace(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, ASCII.isSpace(last) { bytes = bytes.dropLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
