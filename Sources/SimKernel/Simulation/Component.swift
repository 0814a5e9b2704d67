/// A part of the model that receives events: a station, a proxy host, a queue.
///
/// Components are registered once with a `Simulation` and addressed by their index, so an
/// event names its target with an integer and the loop dispatches without lookups. Besides
/// `handle`, a component may take part in statistics: it resets them at the end of the
/// warm-up, reports its final values, and contributes to the fixed-interval time series.
///
/// A base class rather than a protocol, because the loop calls `handle` through an unmanaged
/// reference: calling a protocol existential loaded from a table costs a retain and a release
/// per event, which measured as a sixth of the whole event cost in PHOLD.
open class Component {
    /// This component's address, set when it is registered.
    public internal(set) var id = ComponentID(index: .max)

    public init() {}

    /// Reacts to one event addressed to this component. Runs on the hot path: no allocation.
    open func handle(_ event: Event, in simulation: Simulation) {
        preconditionFailure("\(type(of: self)) receives events but does not override handle(_:in:)")
    }

    /// Forgets everything measured so far; called once, when the warm-up ends.
    open func resetStatistics(at time: SimTime) {}

    /// Appends this component's final metrics, measured since the warm-up.
    open func report(at time: SimTime, into table: inout MetricTable) {}

    /// The series this component samples, in the order `sample` appends them.
    open var seriesKeys: [MetricKey] { [] }

    /// Appends one value per series key, describing the interval that ends at `time`.
    open func sample(at time: SimTime, into frame: inout [Double]) {}
}
