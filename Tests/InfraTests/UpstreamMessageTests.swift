import Infra
import SimKernel
import Testing

@Suite struct UpstreamMessageTests {
    @Test func callsSurviveTheEventPayload() {
        let call = UpstreamMessage.Call(caller: ComponentID(index: 0xF_FFFF), callerZone: Zone(255), slot: 4_000_000_000, generation: 0xFF_FFFF, requestClass: 4_095)
        let decoded = UpstreamMessage.Call(subject: call.slot, argument: call.argument)
        #expect(decoded == call)
        let small = UpstreamMessage.Call(caller: ComponentID(index: 3), callerZone: Zone(1), slot: 9, generation: 0x1_000_002, requestClass: 7)
        #expect(small.generation == 2, "only the low 24 bits of a generation travel")
        #expect(UpstreamMessage.Call(subject: 9, argument: small.argument) == small)
    }

    @Test func answersSurviveTheEventPayload() {
        let answer = UpstreamMessage.Answer(slot: 77, generation: 0xAB_CDEF, status: 503)
        #expect(UpstreamMessage.Answer(subject: 77, argument: answer.argument) == answer)
    }
}
