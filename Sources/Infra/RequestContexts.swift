import SimKernel

/// Tenant tiers, as plans are sold.
public enum Tier: UInt8, Sendable, CaseIterable {
    case free
    case standard
    case premium
    case enterprise

    public var name: String {
        switch self {
        case .free: return "free"
        case .standard: return "standard"
        case .premium: return "premium"
        case .enterprise: return "enterprise"
        }
    }
}

/// The requests in the system: who sent each and what it is. A request's id travels in the
/// events along its path (as the slot of the calls made for it), and every component on the
/// path reads the request's context by that id; the client that created the request releases
/// it when the response arrives. Flat storage, ids reused through a free list.
public final class RequestContexts {
    public struct Context: Sendable {
        /// When the client sent the request (see `sent(_:earlierBy:)`).
        public var created: SimTime
        public var tenant: UInt32
        public var user: UInt32
        public var tier: Tier
        public var requestClass: UInt16
        public var clientZone: Zone

        public init(created: SimTime, tenant: UInt32, user: UInt32, tier: Tier, requestClass: UInt16, clientZone: Zone) {
            self.created = created
            self.tenant = tenant
            self.user = user
            self.tier = tier
            self.requestClass = requestClass
            self.clientZone = clientZone
        }
    }

    private var contexts: [Context] = []
    private var free: [UInt32] = []

    public init() {}

    /// Ids handed out so far; components keeping per-request state in parallel arrays size
    /// them to this.
    public var capacity: Int { contexts.count }

    /// Requests alive now.
    public var active: Int { contexts.count - free.count }

    public func allocate(_ context: Context) -> UInt32 {
        if let id = free.popLast() {
            contexts[Int(id)] = context
            return id
        }
        precondition(contexts.count < Int(UInt32.max), "too many requests in flight")
        contexts.append(context)
        return UInt32(contexts.count - 1)
    }

    public func release(_ id: UInt32) {
        free.append(id)
    }

    public subscript(id: UInt32) -> Context { contexts[Int(id)] }

    /// Moves the request's creation back by `latency`: created where it arrives, it was sent
    /// that long before.
    public func sent(_ id: UInt32, earlierBy latency: SimTime) {
        contexts[Int(id)].created = contexts[Int(id)].created - latency
    }
}
