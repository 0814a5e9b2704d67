import SimKernel

/// The two events that carry a request to an upstream component and its answer back.
///
/// A call is identified by the caller's own slot for it (`subject`) and a generation that
/// changes whenever the caller reuses or abandons the slot, so a late answer to a call the
/// caller gave up on (a per-try timeout) is recognised and ignored. Both events fit the
/// kernel's event payload: no allocation and no lookup per message.
public enum UpstreamMessage {
    /// Event kind of a request arriving at an upstream component.
    public static let requestKind: UInt32 = 0x7F00_0001
    /// Event kind of an answer arriving back at the caller.
    public static let responseKind: UInt32 = 0x7F00_0002

    /// What travels with a request: who to answer, from which zone, which of its calls, and
    /// the request's class.
    public struct Call: Equatable, Sendable {
        public var caller: ComponentID
        public var callerZone: Zone
        public var slot: UInt32
        /// Only the low 24 bits travel: enough to tell a late answer from a current one.
        public var generation: UInt32
        /// The caller's request class (route), for services whose cost depends on it.
        public var requestClass: UInt16

        /// Request classes fit in 12 bits.
        public static let maximumRequestClasses = 1 << 12

        public init(caller: ComponentID, callerZone: Zone, slot: UInt32, generation: UInt32, requestClass: UInt16) {
            precondition(Int(requestClass) < Call.maximumRequestClasses)
            self.caller = caller
            self.callerZone = callerZone
            self.slot = slot
            self.generation = generation & 0xFF_FFFF
            self.requestClass = requestClass
        }

        /// subject = slot; argument = generation (24) | zone (8) | class (12) | caller (20).
        public var argument: UInt64 {
            UInt64(generation & 0xFF_FFFF) << 40 | UInt64(callerZone.index) << 32
                | UInt64(requestClass & 0xFFF) << 20 | UInt64(caller.index)
        }

        public init(subject: UInt32, argument: UInt64) {
            slot = subject
            generation = UInt32(truncatingIfNeeded: argument >> 40) & 0xFF_FFFF
            callerZone = Zone(Int((argument >> 32) & 0xFF))
            requestClass = UInt16(truncatingIfNeeded: (argument >> 20) & 0xFFF)
            caller = ComponentID(index: UInt32(truncatingIfNeeded: argument & 0xF_FFFF))
        }
    }

    /// What travels with an answer: the call's slot and (24-bit) generation, and the HTTP
    /// status (or a reset, which has no status).
    public struct Answer: Equatable, Sendable {
        public var slot: UInt32
        public var generation: UInt32
        /// HTTP status, or `refused` or `reset` (below 100) when there was no response.
        public var status: UInt16

        public init(slot: UInt32, generation: UInt32, status: UInt16) {
            self.slot = slot
            self.generation = generation
            self.status = status
        }

        public var argument: UInt64 { UInt64(generation) << 32 | UInt64(status) }

        public init(subject: UInt32, argument: UInt64) {
            slot = subject
            generation = UInt32(truncatingIfNeeded: argument >> 32)
            status = UInt16(truncatingIfNeeded: argument & 0xFFFF)
        }
    }

    /// The connection was refused (the host is down): the request never reached it.
    public static let refused: UInt16 = 0
    /// The stream was reset after the request reached the host (it crashed while serving).
    public static let reset: UInt16 = 1

    /// Sends `call` to the upstream component `target`, arriving `after` from now.
    public static func send(_ call: Call, to target: ComponentID, after delay: SimTime, in simulation: Simulation) {
        simulation.schedule(after: delay, target: target, kind: requestKind, subject: call.slot, argument: call.argument)
    }

    /// Answers `call` with `status`, arriving `after` from now.
    public static func answer(_ call: Call, status: UInt16, after delay: SimTime, in simulation: Simulation) {
        let answer = Answer(slot: call.slot, generation: call.generation, status: status)
        simulation.schedule(after: delay, target: call.caller, kind: responseKind, subject: answer.slot, argument: answer.argument)
    }
}
