import Foundation
import SimKernel
import Testing

@Suite struct DistributionTests {
    static let families: [(String, Distribution)] = [
        ("constant", .constant(0.25)),
        ("uniform", .uniform(lower: 0.01, upper: 0.03)),
        ("exponential", .exponential(mean: 0.1)),
        ("lognormal", .lognormal(median: 0.045, p99: 0.6)),
        ("truncated normal, mean far above zero", .truncatedNormal(mean: 0.05, standardDeviation: 0.01)),
        ("truncated normal, mean below zero", .truncatedNormal(mean: -0.02, standardDeviation: 0.05)),
        ("gamma", .gamma(shape: 2, scale: 0.05)),
        ("weibull", .weibull(scale: 0.1, shape: 1.5)),
        ("pareto", .pareto(shape: 4.5, scale: 0.01)),
        ("empirical", .empirical(EmpiricalQuantiles(probabilities: [0, 0.5, 0.99, 1], values: [0.001, 0.045, 0.6, 2]))),
        ("mixture", .mixture(Mixture(components: [.exponential(mean: 0.02), .constant(1)], weights: [9, 1]))),
    ]

    /// The sample mean of 400,000 draws lies within five standard errors of the analytic mean,
    /// and the sample second moment agrees with the analytic one (checked loosely, as heavy
    /// tails make its estimate noisy).
    @Test(arguments: families.indices)
    func samplesMatchTheAnalyticMoments(index: Int) {
        let (name, distribution) = DistributionTests.families[index]
        let stream = RandomStream(name: "moments/\(name)", seed: 11)
        let n = 400_000
        var sum = 0.0, squares = 0.0
        var negative = false
        for _ in 0..<n {
            let x = distribution.sample(stream)
            negative = negative || x < 0
            sum += x
            squares += x * x
        }
        let mean = sum / Double(n)
        let variance = distribution.secondMoment - distribution.mean * distribution.mean
        let standardError = (max(variance, 0) / Double(n)).squareRoot()
        #expect(!negative, "\(name) drew a negative value")
        #expect(abs(mean - distribution.mean) <= 5 * standardError + 1e-12, "\(name): sample mean \(mean), analytic \(distribution.mean)")
        #expect(abs(squares / Double(n) - distribution.secondMoment) <= 0.05 * distribution.secondMoment, "\(name): second moment")
    }

    @Test func lognormalFromMedianAndP99HitsBothQuantiles() {
        let distribution = Distribution.lognormal(median: 0.045, p99: 0.6)
        let stream = RandomStream(name: "quantiles", seed: 5)
        var draws = (0..<200_000).map { _ in distribution.sample(stream) }
        draws.sort()
        #expect(abs(draws[100_000] / 0.045 - 1) < 0.02)
        #expect(abs(draws[198_000] / 0.6 - 1) < 0.05)
        guard case .lognormal(let mu, let sigma) = distribution else { Issue.record("not a lognormal"); return }
        #expect(abs(mu - log(0.045)) < 1e-15)
        #expect(abs(sigma - log(0.6 / 0.045) / 2.3263478740408408) < 1e-12)
    }

    @Test func empiricalInterpolatesBetweenQuantiles() {
        let quantiles = EmpiricalQuantiles(probabilities: [0, 0.5, 1], values: [0, 10, 30])
        #expect(quantiles.value(at: 0) == 0)
        #expect(quantiles.value(at: 0.25) == 5)
        #expect(quantiles.value(at: 0.5) == 10)
        #expect(quantiles.value(at: 0.75) == 20)
        #expect(quantiles.value(at: 1) == 30)
        #expect(Distribution.empirical(quantiles).mean == 0.5 * 5 + 0.5 * 20)
    }

    @Test func mixtureNormalisesWeights() {
        let mixture = Mixture(components: [.constant(1), .constant(3)], weights: [1, 3])
        #expect(mixture.weights == [0.25, 0.75])
        #expect(Distribution.mixture(mixture).mean == 2.5)
    }

    @Test func momentsOfDistributionsWithoutThem() {
        #expect(Distribution.pareto(shape: 1, scale: 1).mean == .infinity)
        #expect(Distribution.pareto(shape: 1.5, scale: 1).secondMoment == .infinity)
        #expect(Distribution.exponential(mean: 2).squaredCoefficientOfVariation == 1)
        #expect(Distribution.constant(3).squaredCoefficientOfVariation == 0)
    }
}
