/// A reference from one component (or a part of one) to another that does not keep it
/// alive. The simulation owns every component; links between them that also ran the other
/// way would form cycles and outlive the replication.
public struct ComponentLink<Target: AnyObject> {
    public unowned let target: Target

    public init(_ target: Target) {
        self.target = target
    }
}
