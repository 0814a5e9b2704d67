/// A reference from one component (or a part of one) to another that does not keep it
/// alive. The simulation owns every component; links between them that also ran the other
/// way would form cycles and outlive the replication.
///
/// Unmanaged rather than `unowned`: an unowned reference costs an atomic check-and-retain and
/// a release at every use, and links are followed on every request. The simulation keeps
/// every component for the whole replication, which is what makes the unretained use safe.
public struct ComponentLink<Target: AnyObject> {
    private let reference: Unmanaged<Target>

    public init(_ target: Target) {
        reference = .passUnretained(target)
    }

    /// The target, retained for as long as the caller holds it.
    public var target: Target { reference.takeUnretainedValue() }

    /// Calls `body` with the target, without retaining it: for the per-request path.
    @inline(__always)
    public func withTarget<Result>(_ body: (Target) throws -> Result) rethrows -> Result {
        try reference._withUnsafeGuaranteedRef(body)
    }
}
