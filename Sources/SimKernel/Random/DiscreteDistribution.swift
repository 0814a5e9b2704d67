import CGSL

/// Draws an index with given relative weights in constant time, by Walker's alias method
/// (GSL's `gsl_ran_discrete`). Built once; each draw takes one uniform number.
public final class DiscreteDistribution {
    private let table: UnsafeMutablePointer<gsl_ran_discrete_t>
    public let count: Int

    /// Weights must be non-negative, finite and not all zero.
    public init(weights: [Double]) {
        precondition(!weights.isEmpty && weights.allSatisfy { $0 >= 0 && $0.isFinite } && weights.contains { $0 > 0 },
                     "a discrete distribution needs non-negative weights, not all zero")
        count = weights.count
        guard let table = weights.withUnsafeBufferPointer({ gsl_ran_discrete_preproc($0.count, $0.baseAddress!) }) else {
            fatalError("gsl_ran_discrete_preproc failed")
        }
        self.table = table
    }

    deinit {
        gsl_ran_discrete_free(table)
    }

    public func sample(_ stream: RandomStream) -> Int {
        Int(gsl_ran_discrete(stream.generator, table))
    }

    /// The probability of `index`.
    public func probability(of index: Int) -> Double {
        gsl_ran_discrete_pdf(index, table)
    }
}
