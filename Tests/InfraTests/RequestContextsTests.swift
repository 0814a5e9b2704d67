import Infra
import SimKernel
import Testing

@Suite struct RequestContextsTests {
    /// The request table is read on every hop: the caller of an internal request fits in
    /// the padding of a client's context, which stays at 32 bytes.
    @Test func aContextTakesThirtyTwoBytes() {
        #expect(MemoryLayout<RequestContexts.Context>.stride == 32)
    }

    @Test func internalRequestsNameTheirCaller() {
        let requests = RequestContexts()
        let client = requests.allocate(RequestContexts.Context(created: .zero, tenant: 7, user: 1, tier: .premium, requestClass: 2, clientZone: Zone(1)))
        let inside = requests.allocate(RequestContexts.Context(
            created: .zero, tenant: 7, user: 1, tier: .premium, requestClass: 3, clientZone: Zone(0), caller: ComponentID(index: 42),
            callerGeneration: 9))
        #expect(!requests[client].isInternal && requests[client].caller == nil)
        #expect(requests[inside].isInternal && requests[inside].caller == ComponentID(index: 42) && requests[inside].callerGeneration == 9)
    }
}
