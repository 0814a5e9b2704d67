import Foundation
import SimKernel

/// Each tenant's client latencies in 32 bytes: sixteen 16-bit counts of power-of-two
/// buckets, enough to rank tenants by a high percentile.
///
/// Bucket 0 holds [0, 2 ms), bucket k (1 to 14) [2^k ms, 2^(k+1) ms), bucket 15 everything
/// from 32.768 s. When a count would pass 65,535, all of that tenant's counts are halved
/// (rounding up, so a rare tail is not erased): the sketch keeps proportions, not totals,
/// and from then on weighs a tenant's earlier responses somewhat less than its later ones.
///
/// Error: a percentile is placed in the right bucket (up to the halvings' rounding, a count
/// of at most one per halving per bucket), then interpolated log-linearly inside it as if
/// values spread evenly in log scale there. The estimate is therefore within a factor of two
/// of the true value at worst, and tenants whose percentiles fall in different buckets are
/// ranked exactly; within one bucket the ranking follows the interpolation.
public struct TenantLatencySketch: Sendable {
    public static let buckets = 16
    private var counts: [UInt16]

    public init(tenants: Int) {
        counts = [UInt16](repeating: 0, count: tenants * Self.buckets)
    }

    public var tenants: Int { counts.count / Self.buckets }

    @inline(__always)
    public static func bucket(_ latency: SimTime) -> Int {
        let milliseconds = UInt64(max(latency.nanoseconds, 0)) / 1_000_000
        guard milliseconds >= 2 else { return 0 }
        return min(63 - milliseconds.leadingZeroBitCount, buckets - 1)
    }

    /// Bucket `k`'s bounds in seconds (the last one's upper bound is nominal).
    public static func bounds(_ k: Int) -> (lower: Double, upper: Double) {
        k == 0 ? (0, 0.002) : (Double(1 << k) / 1000, Double(1 << (k + 1)) / 1000)
    }

    @inline(__always)
    public mutating func record(tenant: Int, _ latency: SimTime) {
        let slot = tenant * Self.buckets + Self.bucket(latency)
        if counts[slot] == .max {
            for index in (tenant * Self.buckets)..<((tenant + 1) * Self.buckets) {
                counts[index] = counts[index] / 2 + counts[index] % 2
            }
        }
        counts[slot] += 1
    }

    /// The tenant's `q` quantile (0 < q < 1) in seconds; nil when it has no latency recorded.
    public func quantile(_ q: Double, tenant: Int) -> Double? {
        let base = tenant * Self.buckets
        var total = 0.0
        for k in 0..<Self.buckets { total += Double(counts[base + k]) }
        guard total > 0 else { return nil }
        let rank = q * total
        var below = 0.0
        for k in 0..<Self.buckets {
            let count = Double(counts[base + k])
            guard count > 0, below + count >= rank else {
                below += count
                continue
            }
            let fraction = min(max((rank - below) / count, 0), 1)
            let (lower, upper) = Self.bounds(k)
            return k == 0 ? upper * fraction : lower * exp2(fraction * log2(upper / lower))
        }
        return Self.bounds(Self.buckets - 1).upper
    }

    public mutating func cover(_ tenants: Int) {
        if counts.count < tenants * Self.buckets {
            counts.append(contentsOf: repeatElement(0, count: tenants * Self.buckets - counts.count))
        }
    }

    public mutating func reset() {
        for index in counts.indices { counts[index] = 0 }
    }

    /// Bytes of the counts (see `TenantPopulation.memoryBytes`).
    public var memoryBytes: Int { counts.count * MemoryLayout<UInt16>.stride }
}
