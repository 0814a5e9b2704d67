/// Distributions as Schema/DistributionSchema.swift reads them: a bare value for a constant,
/// or a mapping that names exactly one family, `{ lognormal: { median: 45ms, p99: 600ms } }`.
///
/// `distribution` is the form for times (parameters are durations); `numberDistribution` the
/// form for plain quantities (parameters are numbers). Each family's parameters are their
/// own `$defs` entry (`distribution.lognormal`), shared by the distribution and by the
/// components of a mixture.
enum DistributionJSONSchema {
    static let definitions: [String: JSONSchema] = family(.durations, named: "distribution")
        .merging(family(.numbers, named: "numberDistribution")) { _, _ in preconditionFailure("distribution definitions overlap") }

    /// Keys of `empirical.quantiles`: probabilities written as decimals, `0` to `1`.
    static let quantilePattern = #"^\+?(0*1(\.0*)?|0*\.[0-9]+|0+(\.[0-9]*)?)$"#

    private static let familyDescriptions: [String: String] = [
        "constant": "Always the same value.",
        "uniform": "Uniform between min and max.",
        "exponential": "Exponential with the given mean (a Poisson process's gaps).",
        "lognormal": "Lognormal, by its median and 99th percentile, or by mu and sigma of the value's logarithm.",
        "truncated_normal": "A normal with this mean and standard deviation, conditioned on being at least zero.",
        "gamma": "Gamma with a shape and a scale (mean = shape × scale).",
        "weibull": "Weibull with a shape and a scale.",
        "pareto": "Pareto with a shape and a scale (the smallest value).",
        "empirical": "Piecewise linear between given quantiles, from the one at 0 to the one at 1.",
        "mixture": "A weighted mixture: each component is a weight and one distribution.",
    ]

    private static func family(_ values: DistributionSchema.Values, named name: String) -> [String: JSONSchema] {
        let nonNegative: JSONSchema
        let positive: JSONSchema
        let signed: JSONSchema
        let what: String
        switch values {
        case .durations:
            nonNegative = .ref("duration")
            positive = .ref("positiveDuration")
            signed = .ref("signedDuration")
            what = "A distribution of times: its parameters are durations (45ms), and a bare duration is a constant."
        case .numbers:
            nonNegative = .number(minimum: 0)
            positive = .number(exclusiveMinimum: 0)
            signed = .number()
            what = "A distribution of plain numbers: a bare number is a constant."
        }
        let shape = JSONSchema.number(exclusiveMinimum: 0)
        let parameters: [String: JSONSchema] = [
            "constant": nonNegative,
            "uniform": .object([
                .required("min", nonNegative, "The smallest value."),
                .required("max", nonNegative, "The largest value (at least min)."),
            ]),
            "exponential": .object([.required("mean", positive, "The mean.")]),
            "lognormal": .oneOf([
                .object([
                    .required("median", positive, "The median (50th percentile)."),
                    .required("p99", positive, "The 99th percentile (at least the median)."),
                ]),
                .object([
                    .required("mu", .number(), "Mean of the logarithm of the value (in seconds, for times)."),
                    .required("sigma", .number(minimum: 0), "Standard deviation of the logarithm of the value."),
                ]),
            ]),
            "truncated_normal": .object([
                .required("mean", signed, "Mean of the normal before truncation (may be negative)."),
                .required("stddev", positive, "Standard deviation of the normal before truncation."),
            ]),
            "gamma": .object([
                .required("shape", shape, "The shape k."),
                .required("scale", positive, "The scale θ."),
            ]),
            "weibull": .object([
                .required("shape", shape, "The shape k."),
                .required("scale", positive, "The scale λ."),
            ]),
            "pareto": .object([
                .required("shape", shape, "The shape α (the tail index)."),
                .required("scale", positive, "The scale: the smallest value."),
            ]),
            "empirical": .object([
                .required(
                    "quantiles",
                    .map(names: .string(pattern: quantilePattern), values: nonNegative, minProperties: 2),
                    "Probability to value, from 0 to 1, probabilities rising and values not falling."),
            ]),
            "mixture": .array(of: .ref("\(name).component"), minItems: 1),
        ]
        precondition(parameters.keys.sorted() == DistributionSchema.families.sorted(), "families and their schemas disagree")

        var families: [String: JSONValue] = [:]
        for family in DistributionSchema.families {
            families[family] = JSONSchema.ref("\(name).\(family)").described(familyDescriptions[family]!).json
        }
        var component = families
        component["weight"] = JSONSchema.number(exclusiveMinimum: 0).described("The component's weight (weights need not sum to 1).").json

        var definitions: [String: JSONSchema] = [:]
        for (family, schema) in parameters {
            definitions["\(name).\(family)"] = schema.described(familyDescriptions[family]!)
        }
        definitions[name] = JSONSchema.oneOf([
            nonNegative,
            JSONSchema(["type": "object", "properties": .object(families), "additionalProperties": false, "minProperties": 1, "maxProperties": 1]),
        ])
        .described("\(what) Families: \(DistributionSchema.families.joined(separator: ", ")).")
        .examples(values == .durations
            ? ["45ms", ["lognormal": ["median": "45ms", "p99": "600ms"]], ["exponential": ["mean": "100ms"]]]
            : [12, ["lognormal": ["median": 12, "p99": 2000]]])
        definitions["\(name).component"] = JSONSchema([
            "type": "object", "properties": .object(component), "required": ["weight"], "additionalProperties": false,
            "minProperties": 2, "maxProperties": 2,
        ]).described("A mixture component: its weight and exactly one distribution.")
        return definitions
    }
}
