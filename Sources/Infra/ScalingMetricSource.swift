import SimKernel

/// A quantity a fleet scales on that its instances do not measure themselves: the backlog
/// of the queue its workers drain (SQS's ApproximateNumberOfMessagesVisible). The fleet
/// divides it by its in-service instances, as AWS's backlog-per-instance metric does; the
/// source lives in a module the fleet does not import.
public protocol ScalingMetricSource: AnyObject {
    func scalingTotal(at now: SimTime) -> Double
}
