import SimKernel

/// The edge as the platform's own applications reach it, for calls to other services that
/// go "through the edge" rather than straight to an instance: the request enters through the
/// network load balancer as a client's does and gets Envoy's routing, balancing, retries,
/// timeouts and circuit breaking, but over the internal network, and its final response goes
/// back to the calling component as an `UpstreamMessage` answer.
///
/// Applications (AWSModels) cannot see the edge (EdgeProxy); they are given it as this.
public protocol EdgeEntrance: AnyObject {
    /// Takes in `request`, already in the shared request table with a context naming its
    /// `caller` and `callerGeneration`; the edge releases it once answered. The caller hears
    /// an answer whose generation is `callerGeneration` and whose status is the edge's final
    /// one (Envoy's local replies included).
    func admitInternal(_ request: UInt32, in simulation: Simulation)
}
