import SimKernel

/// When sign-ups arrive: a steady Poisson stream, launches (bursts of a given size over a
/// window), or both superposed.
public struct SignupLoad: Sendable, Equatable {
    /// Sign-ups per second, as a Poisson process over the whole run; zero for none.
    public var rate: Double
    public var bursts: [SignupBurst]

    public init(rate: Double = 0, bursts: [SignupBurst] = []) {
        precondition(rate >= 0 && rate.isFinite, "a sign-up rate is finite and not negative")
        self.rate = rate
        self.bursts = bursts
    }

    /// About how many sign-ups a run of `duration` sees, to size tables once.
    public func expectedCount(over duration: SimTime) -> Int {
        let steady = rate * duration.seconds
        return Int(min(steady, 1e8)) + bursts.reduce(0) { $0 + $1.count }
    }
}

/// `count` sign-ups spread over `window` from `start`, each at a uniformly random instant of
/// it: a Poisson process conditioned on its count, as a launch brings.
public struct SignupBurst: Sendable, Equatable {
    public var start: SimTime
    public var count: Int
    public var window: SimTime

    public init(start: SimTime, count: Int, window: SimTime) {
        precondition(start >= .zero && count >= 1 && window > .zero, "a burst starts at or after zero, has sign-ups and lasts")
        self.start = start
        self.count = count
        self.window = window
    }
}
