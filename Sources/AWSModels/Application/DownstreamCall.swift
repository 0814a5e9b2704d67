import Infra

/// One call an application makes to a DynamoDB table for a request, keyed by the request's
/// tenant: reading the tenant's record, or writing it.
public struct TableCall: Sendable, Equatable {
    public enum Operation: Sendable, Equatable {
        case getItem(ReadConsistency)
        /// Replaces the tenant's item with one of this size.
        case putItem(itemBytes: Int)
        /// Updates the tenant's item to this size (creating it if missing).
        case updateItem(itemBytes: Int)
    }

    /// The table's position among the tables the calls are given.
    public var table: Int
    public var operation: Operation
    /// The share of requests that make the call (writes on a few routes, reads on most).
    public var probability: Double

    public init(table: Int, operation: Operation, probability: Double = 1) {
        precondition(table >= 0 && (0...1).contains(probability))
        if case .putItem(let bytes) = operation { precondition(bytes >= 1 && bytes <= CapacityUnits.maximumItemBytes) }
        if case .updateItem(let bytes) = operation { precondition(bytes >= 1 && bytes <= CapacityUnits.maximumItemBytes) }
        self.table = table
        self.operation = operation
        self.probability = probability
    }
}

/// A call to another application service, made directly (a client-side choice among its
/// instances in service, as DNS or a service registry gives them), not through the edge.
public struct ServiceCall: Sendable, Equatable {
    /// The service's position among the services the calls are given.
    public var service: Int
    public var probability: Double

    public init(service: Int, probability: Double = 1) {
        precondition(service >= 0 && (0...1).contains(probability))
        self.service = service
        self.probability = probability
    }
}

/// A call to another application service through the edge: a new request of one of the
/// edge's request classes (routes), for the same tenant, user and tier, which Envoy routes,
/// balances, retries and times out as it does a client's.
public struct EdgeCall: Sendable, Equatable {
    /// The request class (route) of the request sent, by index among the edge's classes.
    public var requestClass: UInt16
    public var probability: Double

    public init(requestClass: Int, probability: Double = 1) {
        precondition(requestClass >= 0 && requestClass < UpstreamMessage.Call.maximumRequestClasses && (0...1).contains(probability))
        self.requestClass = UInt16(requestClass)
        self.probability = probability
    }
}

/// One call an application makes for a request: to a table, to another service directly, or
/// to another service through the edge.
public enum DownstreamCall: Sendable, Equatable {
    case table(TableCall)
    case service(ServiceCall)
    case edge(EdgeCall)

    public var probability: Double {
        switch self {
        case .table(let call): call.probability
        case .service(let call): call.probability
        case .edge(let call): call.probability
        }
    }
}

/// The calls of one application service, in the order it makes them (one after another):
/// table calls through the SDK client of the instance making them, service calls straight to
/// an instance of the other service or through the edge.
public struct ApplicationCallsConfiguration: Sendable {
    public var calls: [DownstreamCall]
    public var retryPolicy: SDKRetryPolicy
    /// The answer when a call fails for good (a table call throttled on every attempt or out
    /// of retry quota; a service call answered 5xx, refused or reset, or through the edge
    /// answered 5xx, Envoy's local replies included): the application gives up on the request.
    public var failureStatus: UInt16

    public init(calls: [DownstreamCall], retryPolicy: SDKRetryPolicy, failureStatus: UInt16 = 503) {
        precondition(!calls.isEmpty && (500...599).contains(failureStatus))
        self.calls = calls
        self.retryPolicy = retryPolicy
        self.failureStatus = failureStatus
    }

    /// Whether any call goes through the edge: the application must then be given it.
    public var callsThroughEdge: Bool {
        calls.contains { if case .edge = $0 { true } else { false } }
    }
}
