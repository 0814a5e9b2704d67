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
    /// Stored properties are ordered so that the context takes 32 bytes: the request table is
    /// read on every hop.
    public struct Context: Sendable {
        /// When the request was sent (by a client: see `sent(_:earlierBy:)`).
        public var created: SimTime
        public var tenant: UInt32
        public var user: UInt32
        /// An internal request's: the generation its answer carries back to `caller`.
        public var callerGeneration: UInt32
        public var requestClass: UInt16
        public var tier: Tier
        /// Where the request entered the edge from: the client's zone, or the calling
        /// instance's for an internal request.
        public var clientZone: Zone
        /// The component that sent the request through the edge on behalf of another request
        /// (see `EdgeEntrance`), which hears the final response as an `UpstreamMessage`
        /// answer; nil for a client's request.
        public var caller: ComponentID?

        public init(
            created: SimTime, tenant: UInt32, user: UInt32, tier: Tier, requestClass: UInt16, clientZone: Zone, caller: ComponentID? = nil,
            callerGeneration: UInt32 = 0
        ) {
            self.created = created
            self.tenant = tenant
            self.user = user
            self.tier = tier
            self.requestClass = requestClass
            self.clientZone = clientZone
            self.caller = caller
            self.callerGeneration = callerGeneration
        }

        /// Sent by an application inside the platform, not by a client.
        public var isInternal: Bool { caller != nil }
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
