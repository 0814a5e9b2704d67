/// Envoy's per-cluster circuit breakers (one set per proxy process, as each Envoy keeps its
/// own), with Envoy's defaults: 1024 connections, 1024 pending requests, 1024 requests,
/// 3 concurrent retries.
public struct CircuitBreakerThresholds: Sendable, Equatable {
    public var maxConnections: Int = 1024
    public var maxPendingRequests: Int = 1024
    public var maxRequests: Int = 1024
    public var maxRetries: Int = 3

    public init() {}
}

/// The state the thresholds guard. Requests need a connection (HTTP/1: one request per
/// connection); when none can be opened they wait in the pending queue, and when that is full
/// they overflow: Envoy answers 503 with flag UO.
public struct CircuitBreakers: Sendable {
    public enum Admission: Equatable, Sendable {
        case dispatch
        case pending
        case overflow
    }

    public let thresholds: CircuitBreakerThresholds
    /// Requests in flight upstream (each holds a connection).
    public private(set) var activeRequests = 0
    public private(set) var pendingRequests = 0
    public private(set) var activeRetries = 0

    public init(_ thresholds: CircuitBreakerThresholds) {
        self.thresholds = thresholds
    }

    /// Requests that can be in flight at once.
    public var capacity: Int { min(thresholds.maxConnections, thresholds.maxRequests) }

    /// Whether a new request may go upstream now, wait, or must be refused.
    public func admission() -> Admission {
        if activeRequests < capacity { return .dispatch }
        if pendingRequests < thresholds.maxPendingRequests { return .pending }
        return .overflow
    }

    public mutating func requestStarted() {
        precondition(activeRequests < capacity, "a request was dispatched beyond the circuit breaker")
        activeRequests += 1
    }

    public mutating func requestFinished() {
        precondition(activeRequests > 0)
        activeRequests -= 1
    }

    public mutating func pendingAdded() {
        precondition(pendingRequests < thresholds.maxPendingRequests)
        pendingRequests += 1
    }

    public mutating func pendingRemoved() {
        precondition(pendingRequests > 0)
        pendingRequests -= 1
    }

    /// Takes a retry slot if one is free (else the retry overflows: `upstream_rq_retry_overflow`).
    public mutating func beginRetry() -> Bool {
        guard activeRetries < thresholds.maxRetries else { return false }
        activeRetries += 1
        return true
    }

    public mutating func endRetry() {
        precondition(activeRetries > 0)
        activeRetries -= 1
    }
}
