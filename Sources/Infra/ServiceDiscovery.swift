import SimKernel

/// Learns when an instance enters or leaves its service's host set (service discovery), as
/// an edge whose clusters route to the service must.
public protocol ServiceDiscoveryListener: AnyObject {
    func instance(_ instance: ServiceInstance, inService: Bool, in simulation: Simulation)
}

/// A listener held without a strong reference: it lives as long as the model, and the
/// instance must not keep it (and through it the model) alive.
struct UnownedDiscoveryListener {
    unowned let listener: any ServiceDiscoveryListener
}
