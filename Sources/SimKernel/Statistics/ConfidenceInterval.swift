import CGSL

/// Mean and Student-t confidence interval of independent observations: one value of a
/// metric from each replication.
public struct ConfidenceInterval: Sendable, Equatable {
    public let count: Int
    public let mean: Double
    public let standardDeviation: Double
    /// Half-width of the interval; NaN with fewer than two observations.
    public let halfWidth: Double
    public let minimum: Double
    public let maximum: Double

    /// NaN observations (a metric undefined in some replication) are left out.
    public init(_ observations: [Double], level: Double = 0.95) {
        precondition(level > 0 && level < 1, "a confidence level lies strictly between 0 and 1")
        let values = observations.filter { !$0.isNaN }
        count = values.count
        guard count > 0 else {
            mean = .nan
            standardDeviation = .nan
            halfWidth = .nan
            minimum = .nan
            maximum = .nan
            return
        }
        let m = values.reduce(0, +) / Double(count)
        mean = m
        minimum = values.min()!
        maximum = values.max()!
        guard count > 1 else {
            standardDeviation = .nan
            halfWidth = .nan
            return
        }
        let squares = values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
        standardDeviation = (squares / Double(count - 1)).squareRoot()
        let t = gsl_cdf_tdist_Pinv(1 - (1 - level) / 2, Double(count - 1))
        halfWidth = t * standardDeviation / Double(count).squareRoot()
    }

    public var lower: Double { mean - halfWidth }
    public var upper: Double { mean + halfWidth }

    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// Half-width relative to the mean's magnitude.
    public var relativeHalfWidth: Double { halfWidth / abs(mean) }
}
