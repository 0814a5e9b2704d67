import AWSModels
import Provisioning
import SimKernel
import Testing

@Suite struct SignupSourceTests {
    /// A burst brings exactly its count, all inside its window and spread over it.
    @Test func aBurstBringsItsCountWithinItsWindow() {
        var configuration = smallWorkflow()
        configuration.signups = SignupLoad(bursts: [SignupBurst(start: .seconds(100), count: 5_000, window: .seconds(600))])
        configuration.workers = WorkerPoolConfiguration(instances: 1, threads: 1)
        let (system, _) = run(configuration, for: .seconds(1_000))
        let times = system.ledger.signedUpAt.map(\.seconds)
        #expect(times.count == 5_000)
        #expect(times.allSatisfy { $0 >= 100 && $0 <= 700 })
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
        let mean = times.reduce(0, +) / Double(times.count)
        // Uniform on [100, 700]: mean 400, standard error 600 / sqrt(12 * 5000) = 2.4.
        #expect(abs(mean - 400) < 10)
        let firstHalf = times.filter { $0 < 400 }.count
        #expect(abs(firstHalf - 2_500) < 150)
    }

    /// A steady rate is a Poisson stream: about rate x time sign-ups.
    @Test func aRateBringsAPoissonStream() {
        var configuration = smallWorkflow()
        configuration.signups = SignupLoad(rate: 10, bursts: [SignupBurst(start: .seconds(50), count: 300, window: .seconds(1))])
        let (system, _) = run(configuration, for: .seconds(1_000))
        // 10,000 expected from the rate: the standard deviation is 100.
        #expect(abs(system.ledger.count - 10_300) < 400)
    }
}
