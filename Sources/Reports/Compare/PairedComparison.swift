import SimKernel

/// Two designs run with the same seeds, replication by replication (common random numbers:
/// every named stream draws the same numbers in both), compared metric by metric through
/// the paired differences B − A. Pairing removes the noise both runs share, so a difference
/// far smaller than either run's own confidence interval can still be told from zero.
public struct PairedComparison: Sendable {
    /// What the paired 95% interval says of B against A.
    public enum Verdict: String, Sendable {
        /// The interval of B − A lies above zero.
        case higher
        /// The interval of B − A lies below zero.
        case lower
        /// The interval contains zero: no difference these replications can show.
        case unchanged
        /// Fewer than two pairs with a value: no interval.
        case undetermined

        public var isSignificant: Bool { self == .higher || self == .lower }
    }

    public struct Row: Sendable {
        public var key: MetricKey
        public var a: ConfidenceInterval
        public var b: ConfidenceInterval
        /// B − A over the replications where both have a value.
        public var difference: ConfidenceInterval
        /// Pearson correlation of A's and B's values across replications: how much noise the
        /// common random numbers shared (NaN when either does not vary).
        public var correlation: Double
        public var verdict: Verdict

        /// The mean difference as a fraction of A's mean; NaN when A's mean is zero.
        public var relativeDifference: Double {
            a.mean != 0 && a.mean.isFinite ? difference.mean / abs(a.mean) : .nan
        }
    }

    /// Metrics both runs report, in A's order.
    public let rows: [Row]
    public let onlyInA: [MetricKey]
    public let onlyInB: [MetricKey]
    public let pairs: Int

    /// `a` and `b` are the results of replications 0..<R of each design, in order. The
    /// noisy-neighbour lists (`tenants.top_*`) are left out: a rank's tenant in A and in B are
    /// different tenants, so their difference means nothing (see `TenantsCSV`).
    public init(_ a: [ReplicationResult], _ b: [ReplicationResult]) {
        precondition(a.count == b.count, "a paired comparison needs as many replications of each design")
        for (x, y) in zip(a, b) {
            precondition(x.replication == y.replication && x.seed == y.seed, "pairs must share their replication and seed")
        }
        pairs = a.count
        let a = TenantsCSV.withoutNeighbours(a)
        let b = TenantsCSV.withoutNeighbours(b)
        let keysA = a.first?.metrics.keys ?? []
        let keysB = b.first?.metrics.keys ?? []
        var positionInB: [MetricKey: Int] = [:]
        for (position, key) in keysB.enumerated() where positionInB[key] == nil { positionInB[key] = position }
        var positionInA: [MetricKey: Int] = [:]
        for (position, key) in keysA.enumerated() where positionInA[key] == nil { positionInA[key] = position }

        var rows: [Row] = []
        var onlyInA: [MetricKey] = []
        for (positionA, key) in keysA.enumerated() where positionInA[key] == positionA {
            guard let positionB = positionInB[key] else {
                onlyInA.append(key)
                continue
            }
            let valuesA = a.map { $0.metrics.values[positionA] }
            let valuesB = b.map { $0.metrics.values[positionB] }
            rows.append(Self.row(key, valuesA, valuesB))
        }
        self.rows = rows
        self.onlyInA = onlyInA
        onlyInB = keysB.enumerated().filter { positionInB[$0.element] == $0.offset && positionInA[$0.element] == nil }.map(\.element)
    }

    static func row(_ key: MetricKey, _ valuesA: [Double], _ valuesB: [Double]) -> Row {
        var pairedA: [Double] = []
        var pairedB: [Double] = []
        for (x, y) in zip(valuesA, valuesB) where !x.isNaN && !y.isNaN {
            pairedA.append(x)
            pairedB.append(y)
        }
        let difference = ConfidenceInterval(zip(pairedB, pairedA).map { $0 - $1 })
        return Row(
            key: key, a: ConfidenceInterval(valuesA), b: ConfidenceInterval(valuesB), difference: difference,
            correlation: correlation(pairedA, pairedB), verdict: verdict(difference))
    }

    static func verdict(_ difference: ConfidenceInterval) -> Verdict {
        guard difference.count >= 2, difference.mean.isFinite, !difference.halfWidth.isNaN else { return .undetermined }
        if difference.lower > 0 { return .higher }
        if difference.upper < 0 { return .lower }
        return .unchanged
    }

    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        guard x.count >= 2 else { return .nan }
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (u, v) in zip(x, y) {
            sxy += (u - meanX) * (v - meanY)
            sxx += (u - meanX) * (u - meanX)
            syy += (v - meanY) * (v - meanY)
        }
        guard sxx > 0, syy > 0 else { return .nan }
        return sxy / (sxx * syy).squareRoot()
    }

    /// Rows whose interval excludes zero.
    public var significant: [Row] { rows.filter { $0.verdict.isSignificant } }
}
