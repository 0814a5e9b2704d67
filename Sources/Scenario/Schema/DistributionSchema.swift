import Foundation
import SimKernel

/// Reads distributions in their scenario form: `{ lognormal: { median: 45ms, p99: 600ms } }`,
/// or a bare value for a constant (`service: 100ms`).
///
/// A distribution of durations takes its location and scale parameters as durations and
/// samples seconds; a distribution of plain numbers (`active_users`) takes numbers. The
/// lognormal's `mu` and `sigma` are the mean and deviation of the logarithm of the value (in
/// seconds, for durations).
public enum DistributionSchema {
    public enum Values: Sendable {
        case durations
        case numbers
    }

    public static let families = [
        "constant", "uniform", "exponential", "lognormal", "truncated_normal", "gamma", "weibull", "pareto",
        "empirical", "mixture",
    ]

    public static func read(_ node: YAMLNode, _ what: String, values: Values) throws(Diagnostic) -> Distribution {
        if case .scalar = node.content {
            return .constant(try magnitude(node, what, values: values, positive: false))
        }
        var reader = try MappingReader(node, context: what)
        let present = reader.keys
        guard present.count == 1, let family = present.first else {
            throw Diagnostic.error(
                at: node.location,
                "\(what) must name exactly one distribution (\(families.joined(separator: ", "))), found \(present.isEmpty ? "none" : present.joined(separator: ", "))")
        }
        guard families.contains(family) else {
            var message = "unknown distribution '\(family)' in \(what)"
            if let suggestion = MappingReader.closest(to: family, among: families) { message += "; did you mean '\(suggestion)'?" }
            throw Diagnostic.error(at: node.location, message + " (known: \(families.joined(separator: ", ")))")
        }
        let body = try reader.required(family)
        let context = "\(what) (\(family))"
        let distribution = try readFamily(family, body, context, values: values)
        try reader.finish()
        return distribution
    }

    private static func readFamily(_ family: String, _ body: YAMLNode, _ what: String, values: Values) throws(Diagnostic) -> Distribution {
        switch family {
        case "constant":
            return .constant(try magnitude(body, what, values: values, positive: false))
        case "mixture":
            return try readMixture(body, what, values: values)
        default:
            break
        }
        var p = try MappingReader(body, context: what)
        let distribution: Distribution
        switch family {
        case "uniform":
            let lowerNode = try p.required("min")
            let lower = try magnitude(lowerNode, "\(what) min", values: values, positive: false)
            let upper = try magnitude(try p.required("max"), "\(what) max", values: values, positive: false)
            guard upper >= lower else { throw Diagnostic.error(at: lowerNode.location, "\(what) needs min <= max") }
            distribution = .uniform(lower: lower, upper: upper)
        case "exponential":
            distribution = .exponential(mean: try magnitude(try p.required("mean"), "\(what) mean", values: values, positive: true))
        case "lognormal":
            distribution = try readLognormal(&p, what, values: values)
        case "truncated_normal":
            let mean = try signedMagnitude(try p.required("mean"), "\(what) mean", values: values)
            let deviation = try magnitude(try p.required("stddev"), "\(what) stddev", values: values, positive: true)
            distribution = .truncatedNormal(mean: mean, standardDeviation: deviation)
        case "gamma":
            let shape = try p.required("shape").positiveNumber("\(what) shape")
            distribution = .gamma(shape: shape, scale: try magnitude(try p.required("scale"), "\(what) scale", values: values, positive: true))
        case "weibull":
            let shape = try p.required("shape").positiveNumber("\(what) shape")
            distribution = .weibull(scale: try magnitude(try p.required("scale"), "\(what) scale", values: values, positive: true), shape: shape)
        case "pareto":
            let shape = try p.required("shape").positiveNumber("\(what) shape")
            distribution = .pareto(shape: shape, scale: try magnitude(try p.required("scale"), "\(what) scale", values: values, positive: true))
        case "empirical":
            distribution = try readEmpirical(try p.required("quantiles"), "\(what) quantiles", values: values)
        default:
            preconditionFailure("family list and reader disagree about '\(family)'")
        }
        try p.finish()
        return distribution
    }

    private static func readLognormal(_ p: inout MappingReader, _ what: String, values: Values) throws(Diagnostic) -> Distribution {
        if let medianNode = p.optional("median") {
            let median = try magnitude(medianNode, "\(what) median", values: values, positive: true)
            let p99Node = try p.required("p99")
            let p99 = try magnitude(p99Node, "\(what) p99", values: values, positive: true)
            guard p99 >= median else { throw Diagnostic.error(at: p99Node.location, "\(what) needs p99 >= median") }
            return .lognormal(median: median, p99: p99)
        }
        guard let muNode = p.optional("mu") else {
            throw Diagnostic.error(at: p.node.location, "\(what) needs either 'median' and 'p99', or 'mu' and 'sigma'")
        }
        let mu = try muNode.number("\(what) mu")
        let sigma = try p.required("sigma").nonNegativeNumber("\(what) sigma")
        return .lognormal(mu: mu, sigma: sigma)
    }

    private static func readEmpirical(_ node: YAMLNode, _ what: String, values: Values) throws(Diagnostic) -> Distribution {
        var reader = try MappingReader(node, context: what)
        var probabilities: [Double] = []
        var points: [Double] = []
        for entry in reader.allEntries() {
            let keyNode = YAMLNode(content: .scalar(entry.key, quoted: false), location: entry.keyLocation)
            let p = try keyNode.probability("\(what) probability")
            let value = try magnitude(entry.value, "\(what) at \(entry.key)", values: values, positive: false)
            if let last = probabilities.last, p <= last {
                throw Diagnostic.error(at: entry.keyLocation, "\(what) probabilities must rise strictly")
            }
            if let last = points.last, value < last {
                throw Diagnostic.error(at: entry.value.location, "\(what) values must not fall as the probability rises")
            }
            probabilities.append(p)
            points.append(value)
        }
        guard probabilities.count >= 2, probabilities.first == 0, probabilities.last == 1 else {
            throw Diagnostic.error(at: node.location, "\(what) must give at least the quantiles at 0 and at 1")
        }
        return .empirical(EmpiricalQuantiles(probabilities: probabilities, values: points))
    }

    private static func readMixture(_ node: YAMLNode, _ what: String, values: Values) throws(Diagnostic) -> Distribution {
        guard case .sequence(let items) = node.content, !items.isEmpty else {
            throw Diagnostic.error(at: node.location, "\(what) must be a list of components, each with a weight and a distribution")
        }
        var components: [Distribution] = []
        var weights: [Double] = []
        for (index, item) in items.enumerated() {
            var reader = try MappingReader(item, context: "\(what) component \(index + 1)")
            weights.append(try reader.required("weight").positiveNumber("\(what) component \(index + 1) weight"))
            let rest = reader.allEntries().filter { $0.key != "weight" }
            let body = YAMLNode(content: .mapping(rest), location: item.location)
            components.append(try read(body, "\(what) component \(index + 1)", values: values))
        }
        return .mixture(Mixture(components: components, weights: weights))
    }

    /// A non-negative duration in seconds, or a number, as the distribution's values are.
    private static func magnitude(_ node: YAMLNode, _ what: String, values: Values, positive: Bool) throws(Diagnostic) -> Double {
        let value: Double
        switch values {
        case .durations: value = try node.duration(what).seconds
        case .numbers: value = try node.nonNegativeNumber(what)
        }
        if positive, value <= 0 { throw Diagnostic.error(at: node.location, "\(what) must be greater than zero") }
        return value
    }

    /// A location parameter that may be negative (the mean of a normal before truncation).
    private static func signedMagnitude(_ node: YAMLNode, _ what: String, values: Values) throws(Diagnostic) -> Double {
        guard values == .durations else { return try node.number(what) }
        let raw = try node.text(what)
        if raw.hasPrefix("-") {
            let positive = YAMLNode(content: .scalar(String(raw.dropFirst()), quoted: false), location: node.location)
            return -(try positive.duration(what).seconds)
        }
        return try node.duration(what).seconds
    }
}
