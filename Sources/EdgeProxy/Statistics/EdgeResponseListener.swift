import Infra
import SimKernel

/// Hears every final response the edge sends to a client, at the moment the edge records
/// it in its statistics, before the request's context is released: who asked (the context),
/// what came back, and the latency the client saw. Per-tenant outcomes are built on it.
///
/// Called once per response on the hot path: implementations must not allocate.
public protocol EdgeResponseListener: AnyObject {
    func responded(
        _ request: UInt32, context: RequestContexts.Context, status: UInt16, flags: ResponseFlags, latency: SimTime,
        at now: SimTime)
}
