import EdgeProxy
import Infra
import Sidecar
import SimKernel
import Testing

/// Envoy's global rate limit filter around the service's answer (envoy-vectors.md 9).
@Suite("Global rate limit filter")
struct GlobalRateLimitFilterTests {
    let overLimit = RateLimitResponse(overallCode: .overLimit, statuses: [RateLimitDescriptorStatus(code: .overLimit)])
    let ok = RateLimitResponse(overallCode: .ok, statuses: [RateLimitDescriptorStatus(code: .ok)])

    @Test func okResponseWithFilterHeaders() throws {
        let headers = try #require(XRateLimitHeaders(statuses: [
            RateLimitDescriptorStatus(code: .ok, currentLimit: RateLimitCurrentLimit(requestsPerUnit: 1, unit: .minute, name: "first"), limitRemaining: 2, durationUntilReset: 3),
            RateLimitDescriptorStatus(code: .ok, currentLimit: RateLimitCurrentLimit(requestsPerUnit: 4, unit: .hour, name: "second"), limitRemaining: 5, durationUntilReset: 6),
        ]))
        #expect(headers.limit == "1, 1;w=60;name=\"first\", 4;w=3600;name=\"second\"")
        #expect(headers.remaining == 2)
        #expect(headers.reset == 3)
        #expect(XRateLimitHeaders(statuses: [RateLimitDescriptorStatus(code: .ok)]) == nil)
    }

    @Test func limitResponse() {
        var random = ScriptedRandom()
        let outcome = GlobalRateLimitFilter().decide(overLimit, random: &random)
        #expect(outcome.action == .limited)
        #expect(outcome.status == 429)
        #expect(outcome.xEnvoyRateLimited)
        #expect(outcome.responseFlags == .rateLimited)
        #expect(!outcome.continues)
    }

    @Test func okResponse() {
        var random = ScriptedRandom()
        #expect(GlobalRateLimitFilter().decide(ok, random: &random).action == .allowed)
    }

    @Test func errorResponseFailsOpen() {
        var random = ScriptedRandom()
        let outcome = GlobalRateLimitFilter().decide(nil, random: &random)
        #expect(outcome.action == .failedOpen)
        #expect(outcome.continues)
        #expect(GlobalRateLimitFilter().decide(RateLimitResponse(), random: &random).action == .failedOpen)
    }

    @Test func errorResponseWithFailureModeDeny() {
        var random = ScriptedRandom()
        let outcome = GlobalRateLimitFilter(GlobalRateLimitFilterConfiguration(failureModeDeny: true)).decide(nil, random: &random)
        #expect(outcome.action == .failedClosed)
        #expect(outcome.status == 500)
        #expect(outcome.responseFlags == .rateLimitServiceError)
    }

    @Test func notEnforcingAndNoDescriptors() {
        var random = ScriptedRandom()
        let filter = GlobalRateLimitFilter(GlobalRateLimitFilterConfiguration(enforcing: .never, disableXEnvoyRateLimitedHeader: true))
        #expect(filter.decide(overLimit, random: &random).action == .overLimitNotEnforced)
        #expect(!filter.callsService(descriptorCount: 0, random: &random))
        #expect(filter.callsService(descriptorCount: 1, random: &random))
        #expect(random.draws == 0)
    }
}
