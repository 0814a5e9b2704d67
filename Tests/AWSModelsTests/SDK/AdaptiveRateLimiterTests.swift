import AWSModels
import Foundation
import SimKernel
import Testing

@Suite struct AdaptiveRateLimiterTests {
    /// A client that wants 100 requests/s: no delays before any throttle; a burst of throttles
    /// cuts its fill rate to 0.7 of the measured rate and delays attempts; successes then grow
    /// the rate back along the cubic curve, past the old rate.
    @Test func throttlesLowerTheSendRateAndSuccessesRestoreIt() {
        let client = SDKClient(policy: .adaptive(), random: Simulation(seed: 9).streams.stream("test/adaptive"))
        var time = SimTime.zero
        var delayed = 0
        func send(_ outcome: SDKAttemptOutcome) {
            var request = SDKRequest()
            let wait = client.prepareAttempt(&request, at: time)
            if wait > .zero { delayed += 1 }
            time += wait
            _ = client.complete(&request, outcome: outcome, at: time)
            time += .milliseconds(10)
        }
        while time < .seconds(5) { send(.success) }
        #expect(delayed == 0, "the limiter waits for a first throttle")
        #expect(client.rateLimiter?.enabled == false)
        let measured = client.rateLimiter!.measuredRate
        #expect(abs(measured - 100) < 5)
        send(.throttled)
        let limiter = client.rateLimiter!
        #expect(limiter.enabled)
        #expect(abs(limiter.lastMaxRate - 100) < 5)
        #expect(abs(limiter.fillRate - 0.7 * limiter.lastMaxRate) < 1e-9)
        // Throttles in a row compound: 0.7 of the already lowered rate.
        send(.throttled)
        #expect(abs(client.rateLimiter!.fillRate - 0.49 * limiter.lastMaxRate) < 1e-9)
        // Recovery: count what is sent per second.
        let recoveryStart = time
        var sentInLastTwoSeconds = 0
        while time < recoveryStart + .seconds(20) {
            send(.success)
            if time > recoveryStart + .seconds(18) { sentInLastTwoSeconds += 1 }
        }
        #expect(delayed > 0, "attempts waited for tokens after the throttles")
        #expect(client.rateLimiter!.fillRate >= 100, "back past the rate at the throttle")
        #expect(sentInLastTwoSeconds >= 180, "sending at about 100/s again")
        #expect(client.statistics.rateLimited.total == UInt64(delayed))
    }

    /// The CUBIC constants: right after a throttle at rate W the rate is 0.7 W; it regains W
    /// after K = cbrt(W (1 - 0.7) / 0.4) seconds.
    @Test func theCubicCurveRegainsTheOldRateAfterK() {
        var limiter = ClientRateLimiter(at: 0)
        var t = 0.0
        while t < 10 {
            limiter.update(throttled: false, at: t)
            t += 0.01
        }
        let w = limiter.measuredRate
        limiter.update(throttled: true, at: t)
        #expect(abs(limiter.fillRate - 0.7 * w) < 1)
        #expect(abs(limiter.lastMaxRate - w) < 1)
        let k = cbrt(w * 0.3 / 0.4)
        var u = t
        while u < t + k - 0.01 {
            u += 0.01
            limiter.update(throttled: false, at: u)
        }
        #expect(limiter.fillRate < w + 1)
        #expect(limiter.fillRate > 0.95 * w)
    }
}
