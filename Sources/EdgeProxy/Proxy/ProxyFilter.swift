import Infra
import SimKernel

/// Checks an edge proxy runs on each request after its request CPU and before routing:
/// Envoy's ext_authz and rate-limit filters, when those checks run at the edge.
public protocol ProxyFilter: AnyObject {
    /// A request finished its request CPU at `proxy`. `.hold` means the filter answers later
    /// through `proxy.resumeFiltered` or `proxy.denyFiltered`.
    func inbound(_ request: UInt32, proxy: ProxyHost, in simulation: Simulation) -> FilterVerdict

    /// The request's final response is leaving `proxy`: extra time before the client gets it
    /// (access logging with back-pressure).
    func outbound(_ request: UInt32, status: UInt16, proxy: ProxyHost, in simulation: Simulation) -> SimTime
}
