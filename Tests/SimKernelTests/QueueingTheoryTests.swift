import SimKernel
import Testing

@Suite struct QueueingTheoryTests {
    @Test func erlangCMatchesHandComputedValues() {
        // c = 1: C = rho. c = 2, a = 1: C = 1/3.
        #expect(abs(QueueingTheory.erlangC(servers: 1, offeredLoad: 0.8) - 0.8) < 1e-12)
        #expect(abs(QueueingTheory.erlangC(servers: 2, offeredLoad: 1) - 1.0 / 3) < 1e-12)
    }

    @Test func mm1AndMG1Agree() {
        let mm1 = QueueingTheory.mmc(arrivalRate: 8, meanService: 0.1, servers: 1)
        #expect(abs(mm1.wait - 0.4) < 1e-12 && abs(mm1.numberInSystem - 4) < 1e-12 && abs(mm1.utilization - 0.8) < 1e-12)
        let mg1 = QueueingTheory.mg1(arrivalRate: 8, service: .exponential(mean: 0.1))
        #expect(abs(mg1.wait - mm1.wait) < 1e-12)
        let md1 = QueueingTheory.mg1(arrivalRate: 8, service: .constant(0.1))
        #expect(abs(md1.wait - 0.2) < 1e-12)
    }

    @Test func mm1kBlockingProbability() {
        let measures = QueueingTheory.mmck(arrivalRate: 9, meanService: 0.1, servers: 1, capacity: 10)
        let rho = 0.9
        var power = 1.0
        for _ in 0..<10 { power *= rho }
        #expect(abs(measures.blocking - (1 - rho) * power / (1 - power * rho)) < 1e-12)
        // Little's law holds inside the formula: L = lambda (1 - P_K) W.
        #expect(abs(measures.numberInSystem - 9 * (1 - measures.blocking) * measures.sojourn) < 1e-12)
        // A large K approaches M/M/1.
        let wide = QueueingTheory.mmck(arrivalRate: 8, meanService: 0.1, servers: 1, capacity: 400)
        #expect(abs(wide.wait - 0.4) < 1e-9)
    }

    @Test func allenCunneenIsExactForMMc() {
        let exact = QueueingTheory.mmc(arrivalRate: 8, meanService: 0.9, servers: 8)
        let approximate = QueueingTheory.ggcApproximation(arrivalRate: 8, interarrivalSCV: 1, service: .exponential(mean: 0.9), servers: 8)
        #expect(abs(exact.wait - approximate.wait) < 1e-12)
    }

    @Test func trafficEquationsWithFeedback() {
        // 2/s enter a; a sends half to b; b sends a quarter back to a.
        let rates = QueueingTheory.trafficRates(external: [2, 0], routing: [[0, 0.5], [0.25, 0]])!
        // lambda_a = 2 + 0.25 lambda_b, lambda_b = 0.5 lambda_a  =>  lambda_a = 2 / 0.875
        #expect(abs(rates[0] - 2 / 0.875) < 1e-12)
        #expect(abs(rates[1] - 1 / 0.875) < 1e-12)
        #expect(QueueingTheory.trafficRates(external: [1, 0], routing: [[0, 1], [1, 0]]) == nil)
    }
}
