import Scenario
import SimKernel
import Testing

/// Distributions in their scenario form, read by `DistributionSchema.read`.
@Suite struct DistributionSchemaTests {
    // MARK: Every family, durations

    @Test func bareDurationIsAConstant() throws {
        #expect(try distribution("100ms") == .constant(0.1))
        #expect(try distribution("1h30m") == .constant(5_400))
    }

    @Test func constant() throws {
        #expect(try distribution("{ constant: 45ms }") == .constant(ms(45)))
    }

    @Test func uniform() throws {
        #expect(try distribution("{ uniform: { min: 10ms, max: 20ms } }") == .uniform(lower: ms(10), upper: ms(20)))
    }

    @Test func exponential() throws {
        #expect(try distribution("{ exponential: { mean: 100ms } }") == .exponential(mean: 0.1))
    }

    @Test func lognormalFromMedianAndP99() throws {
        #expect(try distribution("{ lognormal: { median: 45ms, p99: 600ms } }") == .lognormal(median: 0.045, p99: 0.6))
    }

    @Test func lognormalFromMuAndSigma() throws {
        #expect(try distribution("{ lognormal: { mu: -3, sigma: 0.8 } }") == .lognormal(mu: -3, sigma: 0.8))
    }

    @Test func truncatedNormal() throws {
        #expect(try distribution("{ truncated_normal: { mean: 50ms, stddev: 20ms } }")
            == .truncatedNormal(mean: ms(50), standardDeviation: ms(20)))
    }

    @Test func truncatedNormalWithANegativeMean() throws {
        #expect(try distribution("{ truncated_normal: { mean: -50ms, stddev: 20ms } }")
            == .truncatedNormal(mean: -ms(50), standardDeviation: ms(20)))
    }

    @Test func gamma() throws {
        #expect(try distribution("{ gamma: { shape: 2, scale: 50ms } }") == .gamma(shape: 2, scale: ms(50)))
    }

    @Test func weibull() throws {
        #expect(try distribution("{ weibull: { shape: 1.5, scale: 100ms } }") == .weibull(scale: 0.1, shape: 1.5))
    }

    @Test func pareto() throws {
        #expect(try distribution("{ pareto: { shape: 2.5, scale: 10ms } }") == .pareto(shape: 2.5, scale: ms(10)))
    }

    @Test func empirical() throws {
        #expect(try distribution("{ empirical: { quantiles: { 0: 1ms, 0.5: 45ms, 0.99: 600ms, 1: 2s } } }")
            == .empirical(EmpiricalQuantiles(probabilities: [0, 0.5, 0.99, 1], values: [ms(1), ms(45), ms(600), 2])))
    }

    @Test func mixture() throws {
        let read = try distribution("{ mixture: [ { weight: 0.9, exponential: { mean: 20ms } }, { weight: 0.1, constant: 1s } ] }")
        #expect(read == .mixture(Mixture(components: [.exponential(mean: ms(20)), .constant(1)], weights: [0.9, 0.1])))
    }

    @Test func mixtureWeightsAreNormalised() throws {
        let read = try distribution("{ mixture: [ { weight: 3, constant: 10ms }, { constant: 30ms, weight: 1 } ] }")
        guard case .mixture(let mixture) = read else {
            Issue.record("expected a mixture, read \(read)")
            return
        }
        #expect(mixture.weights == [0.75, 0.25])
        #expect(mixture.components == [.constant(ms(10)), .constant(ms(30))])
        #expect(read.mean == 0.75 * ms(10) + 0.25 * ms(30))
    }

    @Test func mixtureOfMixtures() throws {
        let read = try distribution("""
            mixture:
              - weight: 1
                mixture: [ { weight: 1, constant: 1s }, { weight: 1, constant: 3s } ]
              - weight: 1
                uniform: { min: 0s, max: 2s }
            """)
        let inner = Distribution.mixture(Mixture(components: [.constant(1), .constant(3)], weights: [1, 1]))
        #expect(read == .mixture(Mixture(components: [inner, .uniform(lower: 0, upper: 2)], weights: [1, 1])))
    }

    // MARK: Every family, plain numbers

    @Test func numbers() throws {
        #expect(try distribution("12", values: .numbers) == .constant(12))
        #expect(try distribution("{ constant: 1_000 }", values: .numbers) == .constant(1_000))
        #expect(try distribution("{ uniform: { min: 10, max: 20 } }", values: .numbers) == .uniform(lower: 10, upper: 20))
        #expect(try distribution("{ exponential: { mean: 0.5 } }", values: .numbers) == .exponential(mean: 0.5))
        #expect(try distribution("{ lognormal: { median: 45, p99: 600 } }", values: .numbers) == .lognormal(median: 45, p99: 600))
        #expect(try distribution("{ lognormal: { mu: 2, sigma: 0.5 } }", values: .numbers) == .lognormal(mu: 2, sigma: 0.5))
        #expect(try distribution("{ truncated_normal: { mean: -5, stddev: 2 } }", values: .numbers)
            == .truncatedNormal(mean: -5, standardDeviation: 2))
        #expect(try distribution("{ gamma: { shape: 2, scale: 3 } }", values: .numbers) == .gamma(shape: 2, scale: 3))
        #expect(try distribution("{ weibull: { shape: 1.5, scale: 4 } }", values: .numbers) == .weibull(scale: 4, shape: 1.5))
        #expect(try distribution("{ pareto: { shape: 2.5, scale: 10 } }", values: .numbers) == .pareto(shape: 2.5, scale: 10))
        #expect(try distribution("{ empirical: { quantiles: { 0: 1, 0.5: 2, 1: 10 } } }", values: .numbers)
            == .empirical(EmpiricalQuantiles(probabilities: [0, 0.5, 1], values: [1, 2, 10])))
        #expect(try distribution("{ mixture: [ { weight: 1, constant: 5 }, { weight: 3, exponential: { mean: 2 } } ] }", values: .numbers)
            == .mixture(Mixture(components: [.constant(5), .exponential(mean: 2)], weights: [1, 3])))
    }

    // MARK: Units and modes

    @Test func durationsNeedUnits() {
        #expect(distributionError("100")?.description
            == "d.yaml:1:1: error: service: duration '100' needs a unit (ns, us, ms, s, m, h, d), e.g. '100s'")
        #expect(distributionError("{ exponential: { mean: 100 } }")?.description
            == "d.yaml:1:24: error: service (exponential) mean: duration '100' needs a unit (ns, us, ms, s, m, h, d), e.g. '100s'")
        #expect(distributionError("{ truncated_normal: { mean: -50, stddev: 20ms } }")?.description
            == "d.yaml:1:29: error: service (truncated_normal) mean: duration '50' needs a unit (ns, us, ms, s, m, h, d), e.g. '50s'")
    }

    @Test func numbersRejectUnits() {
        #expect(distributionError("{ exponential: { mean: 100ms } }", values: .numbers)?.description
            == "d.yaml:1:24: error: service (exponential) mean must be a number, found '100ms'")
    }

    @Test func shapesAreNumbersEvenForDurations() throws {
        #expect(distributionError("{ gamma: { shape: 2s, scale: 50ms } }")?.description
            == "d.yaml:1:19: error: service (gamma) shape must be a number, found '2s'")
    }

    @Test func negativeNumbersAreRejected() {
        #expect(distributionError("-1", values: .numbers)?.description == "d.yaml:1:1: error: service cannot be negative, found -1")
        #expect(distributionError("{ uniform: { min: -1, max: 2 } }", values: .numbers)?.description
            == "d.yaml:1:19: error: service (uniform) min cannot be negative, found -1")
    }

    // MARK: Mistakes

    @Test func unknownFamilySuggestsTheClosest() {
        #expect(distributionError("{ exponentail: { mean: 100ms } }")?.description
            == "d.yaml:1:1: error: unknown distribution 'exponentail' in service; did you mean 'exponential'? (known: constant, uniform, exponential, lognormal, truncated_normal, gamma, weibull, pareto, empirical, mixture)")
    }

    @Test func unknownFamilyWithoutNearMatch() {
        #expect(distributionError("{ poisson: { mean: 100ms } }")?.description
            == "d.yaml:1:1: error: unknown distribution 'poisson' in service (known: constant, uniform, exponential, lognormal, truncated_normal, gamma, weibull, pareto, empirical, mixture)")
    }

    @Test func twoFamilies() {
        #expect(distributionError("{ exponential: { mean: 100ms }, constant: 1s }")?.description
            == "d.yaml:1:1: error: service must name exactly one distribution (constant, uniform, exponential, lognormal, truncated_normal, gamma, weibull, pareto, empirical, mixture), found exponential, constant")
    }

    @Test func noFamily() {
        #expect(distributionError("{}")?.description
            == "d.yaml:1:1: error: service must name exactly one distribution (constant, uniform, exponential, lognormal, truncated_normal, gamma, weibull, pareto, empirical, mixture), found none")
    }

    @Test func unknownParameterSuggestsTheClosest() {
        #expect(distributionError("{ exponential: { mean: 1s, mena: 2s } }")?.description
            == "d.yaml:1:28: error: unknown key 'mena' in service (exponential); did you mean 'mean'?")
    }

    @Test func missingParameter() {
        #expect(distributionError("{ uniform: { min: 1s } }")?.description == "d.yaml:1:12: error: service (uniform) needs 'max'")
    }

    @Test func zeroMean() {
        #expect(distributionError("{ exponential: { mean: 0s } }")?.description
            == "d.yaml:1:24: error: service (exponential) mean must be greater than zero")
    }

    @Test func uniformWithMinAboveMax() {
        #expect(distributionError("{ uniform: { min: 2s, max: 1s } }")?.description == "d.yaml:1:19: error: service (uniform) needs min <= max")
    }

    @Test func lognormalWithP99BelowMedian() {
        #expect(distributionError("{ lognormal: { median: 80ms, p99: 40ms } }")?.description
            == "d.yaml:1:35: error: service (lognormal) needs p99 >= median")
    }

    @Test func lognormalWithNeitherForm() {
        #expect(distributionError("{ lognormal: { sigma: 1 } }")?.description
            == "d.yaml:1:14: error: service (lognormal) needs either 'median' and 'p99', or 'mu' and 'sigma'")
    }

    @Test func lognormalWithNegativeSigma() {
        #expect(distributionError("{ lognormal: { mu: 0, sigma: -1 } }")?.description
            == "d.yaml:1:30: error: service (lognormal) sigma cannot be negative, found -1")
    }

    @Test func empiricalNotStartingAtZero() {
        #expect(distributionError("{ empirical: { quantiles: { 0.1: 1ms, 1: 2ms } } }")?.description
            == "d.yaml:1:27: error: service (empirical) quantiles must give at least the quantiles at 0 and at 1")
    }

    @Test func empiricalNotEndingAtOne() {
        #expect(distributionError("{ empirical: { quantiles: { 0: 1ms, 0.9: 2ms } } }")?.description
            == "d.yaml:1:27: error: service (empirical) quantiles must give at least the quantiles at 0 and at 1")
    }

    @Test func empiricalProbabilitiesNotRising() {
        #expect(distributionError("{ empirical: { quantiles: { 0: 1ms, 0.6: 2ms, 0.4: 3ms, 1: 4ms } } }")?.description
            == "d.yaml:1:47: error: service (empirical) quantiles probabilities must rise strictly")
    }

    @Test func empiricalValuesFalling() {
        #expect(distributionError("{ empirical: { quantiles: { 0: 5ms, 0.5: 2ms, 1: 6ms } } }")?.description
            == "d.yaml:1:42: error: service (empirical) quantiles values must not fall as the probability rises")
    }

    @Test func empiricalProbabilityOutsideTheUnitInterval() {
        #expect(distributionError("{ empirical: { quantiles: { 0: 1ms, 1.5: 2ms } } }")?.description
            == "d.yaml:1:37: error: service (empirical) quantiles probability is a probability and must lie in [0, 1], found 1.5")
    }

    @Test func emptyMixture() {
        #expect(distributionError("{ mixture: [] }")?.description
            == "d.yaml:1:12: error: service (mixture) must be a list of components, each with a weight and a distribution")
    }

    @Test func mixtureComponentWithoutWeight() {
        #expect(distributionError("{ mixture: [ { constant: 1s } ] }")?.description
            == "d.yaml:1:14: error: service (mixture) component 1 needs 'weight'")
    }

    @Test func mixtureComponentWithZeroWeight() {
        #expect(distributionError("{ mixture: [ { weight: 1, constant: 1s }, { weight: 0, constant: 2s } ] }")?.description
            == "d.yaml:1:53: error: service (mixture) component 2 weight must be positive, found 0")
    }

    @Test func mixtureComponentWithTwoFamilies() {
        #expect(distributionError("{ mixture: [ { weight: 1, constant: 1s, exponential: { mean: 1s } } ] }")?.description
            == "d.yaml:1:14: error: service (mixture) component 1 must name exactly one distribution (constant, uniform, exponential, lognormal, truncated_normal, gamma, weibull, pareto, empirical, mixture), found constant, exponential")
    }

    // MARK: In a scenario, with the context of the station

    @Test func unknownFamilyInAStation() {
        let text = base(replacingLine: 10, with: "    service: { exponentail: { mean: 100ms } }")
        #expect(loadError(text)?.description
            == "t.yaml:10:14: error: unknown distribution 'exponentail' in station 'server' service; did you mean 'exponential'? (known: constant, uniform, exponential, lognormal, truncated_normal, gamma, weibull, pareto, empirical, mixture)")
    }

    @Test func twoFamiliesInAStation() {
        let text = base(replacingLine: 10, with: "    service: { exponential: { mean: 100ms }, constant: 100ms }")
        #expect(loadError(text)?.description
            == "t.yaml:10:14: error: station 'server' service must name exactly one distribution (constant, uniform, exponential, lognormal, truncated_normal, gamma, weibull, pareto, empirical, mixture), found exponential, constant")
    }

    @Test func lognormalP99BelowMedianInAStation() {
        let text = base(replacingLine: 10, with: "    service: { lognormal: { median: 80ms, p99: 40ms } }")
        #expect(loadError(text)?.description == "t.yaml:10:48: error: station 'server' service (lognormal) needs p99 >= median")
    }

    @Test func empiricalNotStartingAtZeroInAStation() {
        let text = base(replacingLine: 10, with: """
                service:
                  empirical:
                    quantiles:
                      0.1: 1ms
                      1: 2ms
            """)
        #expect(loadError(text)?.description
            == "t.yaml:13:11: error: station 'server' service (empirical) quantiles must give at least the quantiles at 0 and at 1")
    }

    @Test func empiricalNotRisingInAStation() {
        let text = base(replacingLine: 10, with: """
                service:
                  empirical:
                    quantiles:
                      0: 1ms
                      0.5: 2ms
                      0.25: 3ms
                      1: 4ms
            """)
        #expect(loadError(text)?.description
            == "t.yaml:15:11: error: station 'server' service (empirical) quantiles probabilities must rise strictly")
    }

    @Test func interarrivalInASource() throws {
        let text = base(replacingLine: 5, with: "    interarrival: { uniform: { min: 1s, max: 3s } }")
        let scenario = try ScenarioLoader.parse(text, file: "t.yaml")
        #expect(scenario.network?.sources.first?.interarrival == .uniform(lower: 1, upper: 3))
    }

    @Test func interarrivalMistakeNamesTheSource() {
        let text = base(replacingLine: 5, with: "    interarrival: { exponential: { mean: 1 } }")
        #expect(loadError(text)?.description
            == "t.yaml:5:42: error: source 'arrivals' interarrival (exponential) mean: duration '1' needs a unit (ns, us, ms, s, m, h, d), e.g. '1s'")
    }
}
