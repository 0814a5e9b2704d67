import CGSL
import Foundation

/// A probability distribution of non-negative values, sampled through GSL. Durations are
/// sampled in seconds and rounded to nanoseconds once, by `sampleTime`.
public enum Distribution: Sendable, Hashable {
    case constant(Double)
    /// Uniform on [lower, upper).
    case uniform(lower: Double, upper: Double)
    case exponential(mean: Double)
    /// exp(N(mu, sigma^2)).
    case lognormal(mu: Double, sigma: Double)
    /// N(mean, standardDeviation^2) conditioned on being at least zero.
    case truncatedNormal(mean: Double, standardDeviation: Double)
    case gamma(shape: Double, scale: Double)
    case weibull(scale: Double, shape: Double)
    /// Pareto type I: values at least `scale`, tail index `shape`.
    case pareto(shape: Double, scale: Double)
    /// Piecewise linear between given quantiles.
    case empirical(EmpiricalQuantiles)
    case mixture(Mixture)

    /// The standard normal quantile of 0.99, used to read a lognormal off its median and p99.
    public static let z99 = gsl_cdf_ugaussian_Pinv(0.99)

    /// A lognormal with the given median and 99th percentile (p99 >= median > 0).
    public static func lognormal(median: Double, p99: Double) -> Distribution {
        precondition(median > 0 && p99 >= median, "a lognormal needs 0 < median <= p99")
        let mu = log(median)
        return .lognormal(mu: mu, sigma: (log(p99) - mu) / z99)
    }

    /// One draw.
    public func sample(_ stream: RandomStream) -> Double {
        let rng = stream.generator
        switch self {
        case .constant(let value):
            return value
        case .uniform(let lower, let upper):
            return gsl_ran_flat(rng, lower, upper)
        case .exponential(let mean):
            return gsl_ran_exponential(rng, mean)
        case .lognormal(let mu, let sigma):
            // GSL's Ziggurat normal, not the polar method of gsl_ran_lognormal: the same
            // distribution at about half the cost, and service times are drawn on every request.
            return exp(mu + sigma * gsl_ran_gaussian_ziggurat(rng, 1))
        case .truncatedNormal(let mean, let deviation):
            return mean + gsl_ran_gaussian_tail(rng, -mean, deviation)
        case .gamma(let shape, let scale):
            return gsl_ran_gamma(rng, shape, scale)
        case .weibull(let scale, let shape):
            return gsl_ran_weibull(rng, scale, shape)
        case .pareto(let shape, let scale):
            return gsl_ran_pareto(rng, shape, scale)
        case .empirical(let quantiles):
            return quantiles.value(at: gsl_rng_uniform(rng))
        case .mixture(let mixture):
            return mixture.component(at: gsl_rng_uniform(rng)).sample(stream)
        }
    }

    /// One draw, as a span of simulated time (the distribution is in seconds).
    public func sampleTime(_ stream: RandomStream) -> SimTime {
        SimTime(seconds: sample(stream))
    }

    /// E[X]; infinite when the distribution has no mean (Pareto with shape <= 1).
    public var mean: Double {
        switch self {
        case .constant(let value):
            return value
        case .uniform(let lower, let upper):
            return (lower + upper) / 2
        case .exponential(let mean):
            return mean
        case .lognormal(let mu, let sigma):
            return exp(mu + sigma * sigma / 2)
        case .truncatedNormal(let mean, let deviation):
            let alpha = -mean / deviation
            return mean + deviation * Distribution.inverseMillsRatio(alpha)
        case .gamma(let shape, let scale):
            return shape * scale
        case .weibull(let scale, let shape):
            return scale * gsl_sf_gamma(1 + 1 / shape)
        case .pareto(let shape, let scale):
            return shape > 1 ? shape * scale / (shape - 1) : .infinity
        case .empirical(let quantiles):
            return quantiles.mean
        case .mixture(let mixture):
            return mixture.weighted(\.mean)
        }
    }

    /// E[X^2]; infinite when it does not exist.
    public var secondMoment: Double {
        switch self {
        case .constant(let value):
            return value * value
        case .uniform(let lower, let upper):
            return (lower * lower + lower * upper + upper * upper) / 3
        case .exponential(let mean):
            return 2 * mean * mean
        case .lognormal(let mu, let sigma):
            return exp(2 * mu + 2 * sigma * sigma)
        case .truncatedNormal(let mean, let deviation):
            let alpha = -mean / deviation
            let lambda = Distribution.inverseMillsRatio(alpha)
            let variance = deviation * deviation * (1 + alpha * lambda - lambda * lambda)
            let m = mean + deviation * lambda
            return variance + m * m
        case .gamma(let shape, let scale):
            return shape * (shape + 1) * scale * scale
        case .weibull(let scale, let shape):
            return scale * scale * gsl_sf_gamma(1 + 2 / shape)
        case .pareto(let shape, let scale):
            return shape > 2 ? shape * scale * scale / (shape - 2) : .infinity
        case .empirical(let quantiles):
            return quantiles.secondMoment
        case .mixture(let mixture):
            return mixture.weighted(\.secondMoment)
        }
    }

    /// Var[X] / E[X]^2, the squared coefficient of variation that queueing formulas use.
    public var squaredCoefficientOfVariation: Double {
        let m = mean
        return (secondMoment - m * m) / (m * m)
    }

    /// phi(alpha) / (1 - Phi(alpha)), the hazard of the standard normal at alpha.
    private static func inverseMillsRatio(_ alpha: Double) -> Double {
        gsl_ran_ugaussian_pdf(alpha) / gsl_cdf_ugaussian_Q(alpha)
    }
}

/// Piecewise-linear quantile function through points `(p, value)`, p from 0 to 1.
public struct EmpiricalQuantiles: Sendable, Hashable {
    public let probabilities: [Double]
    public let values: [Double]

    /// The points must start at p = 0, end at p = 1, rise strictly in p and not fall in value.
    public init(probabilities: [Double], values: [Double]) {
        precondition(probabilities.count == values.count && probabilities.count >= 2, "an empirical distribution needs at least two points")
        precondition(probabilities.first == 0 && probabilities.last == 1, "empirical quantiles must span p = 0 to p = 1")
        for i in 1..<probabilities.count {
            precondition(probabilities[i] > probabilities[i - 1], "empirical probabilities must rise strictly")
            precondition(values[i] >= values[i - 1], "empirical values must not fall")
        }
        self.probabilities = probabilities
        self.values = values
    }

    /// The quantile at `u` in [0, 1].
    public func value(at u: Double) -> Double {
        var low = 0
        var high = probabilities.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if probabilities[middle] <= u { low = middle } else { high = middle }
        }
        let fraction = (u - probabilities[low]) / (probabilities[high] - probabilities[low])
        return values[low] + fraction * (values[high] - values[low])
    }

    var mean: Double {
        var total = 0.0
        for i in 1..<values.count {
            total += (probabilities[i] - probabilities[i - 1]) * (values[i - 1] + values[i]) / 2
        }
        return total
    }

    var secondMoment: Double {
        var total = 0.0
        for i in 1..<values.count {
            let a = values[i - 1], b = values[i]
            total += (probabilities[i] - probabilities[i - 1]) * (a * a + a * b + b * b) / 3
        }
        return total
    }
}

/// A finite mixture: component `i` is drawn with probability `weights[i]`.
public struct Mixture: Sendable, Hashable {
    public let components: [Distribution]
    public let weights: [Double]
    private let cumulative: [Double]

    /// Weights must be positive; they are normalised to sum to one.
    public init(components: [Distribution], weights: [Double]) {
        precondition(!components.isEmpty && components.count == weights.count, "a mixture needs one weight per component")
        precondition(weights.allSatisfy { $0 > 0 }, "mixture weights must be positive")
        let total = weights.reduce(0, +)
        self.components = components
        self.weights = weights.map { $0 / total }
        var running = 0.0
        cumulative = self.weights.map { running += $0; return running }
    }

    func component(at u: Double) -> Distribution {
        for (index, bound) in cumulative.enumerated() where u < bound {
            return components[index]
        }
        return components[components.count - 1]
    }

    func weighted(_ moment: (Distribution) -> Double) -> Double {
        zip(components, weights).reduce(0) { $0 + $1.1 * moment($1.0) }
    }
}
