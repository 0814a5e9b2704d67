import SimKernel

/// A versioned machine image, which is also the release of the software on it: an in-place
/// patch applies the same release to running instances without baking.
public struct ImageDefinition: Sendable, Equatable {
    public var name: String
    /// When Packer starts baking it; nil: baked before the run.
    public var bakeAt: SimTime?

    public init(name: String, bakeAt: SimTime? = nil) {
        self.name = name
        self.bakeAt = bakeAt
    }
}

/// A fault: from `at`, instances running `image` (booted from it or patched to it) fail
/// more calls or serve more slowly, as a bad build does.
public struct ReleaseDefect: Sendable, Equatable {
    public var image: Int
    public var at: SimTime
    /// Added failure probability of their calls.
    public var errorProbability: Double
    /// Their speed factor (0.5: service takes twice as long).
    public var speed: Double

    public init(image: Int, at: SimTime, errorProbability: Double, speed: Double) {
        precondition((0...1).contains(errorProbability) && speed > 0)
        self.image = image
        self.at = at
        self.errorProbability = errorProbability
        self.speed = speed
    }
}

/// A fault: every instance in a zone crashes at `at`, and the zone takes no launches until it
/// comes back (never, when `duration` is nil).
public struct ZoneOutageConfiguration: Sendable, Equatable {
    public var zone: Int
    public var at: SimTime
    public var duration: SimTime?

    public init(zone: Int, at: SimTime, duration: SimTime?) {
        self.zone = zone
        self.at = at
        self.duration = duration
    }
}
