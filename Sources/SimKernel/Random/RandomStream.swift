import CGSL

/// One named source of random numbers: a GSL generator owned by one component for one
/// purpose (`station.web/service`, `source.arrivals/interarrival`).
///
/// Not `Sendable`: a stream belongs to one simulation, which runs on one thread.
public final class RandomStream {
    public enum Generator: String, Sendable, CaseIterable {
        /// Mersenne Twister, about 5 KB of state: the default.
        case mt19937
        /// Tausworthe (L'Ecuyer 1999), 24 bytes of state: for when streams are many.
        case taus2
    }

    public let name: String
    let generator: UnsafeMutablePointer<gsl_rng>

    /// Seeds are folded to 32 bits because GSL's generators use only the low 32 bits of
    /// `gsl_rng_set`'s argument; the fold keeps the high half's entropy.
    public init(name: String, seed: UInt64, generator kind: Generator = .mt19937) {
        self.name = name
        let type = kind == .mt19937 ? cgsl_rng_mt19937() : cgsl_rng_taus2()
        guard let generator = gsl_rng_alloc(type) else { fatalError("gsl_rng_alloc failed for stream \(name)") }
        self.generator = generator
        gsl_rng_set(generator, UInt(UInt32(truncatingIfNeeded: seed ^ (seed >> 32))))
    }

    deinit {
        gsl_rng_free(generator)
    }

    /// Uniform on [0, 1).
    public func uniform() -> Double { gsl_rng_uniform(generator) }

    /// Uniform on (0, 1): safe to take the logarithm of.
    public func uniformPositive() -> Double { gsl_rng_uniform_pos(generator) }

    /// Uniform on 0 ..< bound, without modulo bias.
    public func index(below bound: Int) -> Int {
        precondition(bound > 0 && bound <= Int(UInt32.max), "index bound out of range")
        return Int(gsl_rng_uniform_int(generator, UInt(bound)))
    }

    public func exponential(mean: Double) -> Double { gsl_ran_exponential(generator, mean) }

    /// True with probability `p`.
    public func bernoulli(_ p: Double) -> Bool { gsl_rng_uniform(generator) < p }
}

extension RandomStream {
    /// 64 uniformly random bits, from two 32-bit outputs of the generator (high word first):
    /// what Envoy's `Random::RandomGenerator::random()` returns.
    public func bits64() -> UInt64 {
        let high = UInt64(gsl_rng_get(generator)) & 0xFFFF_FFFF
        let low = UInt64(gsl_rng_get(generator)) & 0xFFFF_FFFF
        return high << 32 | low
    }
}
