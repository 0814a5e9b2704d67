import EdgeProxy
import Infra
import SimKernel

/// A sidecar configuration that cannot be installed as given.
public struct SidecarConfigurationError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Puts the sidecar's work where the configuration says: a chain in front of every instance
/// of the listed services (sidecar, library), or one at every edge proxy (edge-only); and
/// makes the auth and rate-limit services answer as those services do.
public enum SidecarDeployment {
    @discardableResult
    public static func install(
        _ configuration: SidecarConfiguration, services: [String: [ServiceInstance]], proxies: [ProxyHost],
        requests: RequestContexts, tenants: Int, network: NetworkLatency, in simulation: Simulation
    ) throws(SidecarConfigurationError) -> SidecarStatistics {
        func instances(of name: String) throws(SidecarConfigurationError) -> [ServiceInstance] {
            guard let instances = services[name], !instances.isEmpty else {
                throw SidecarConfigurationError("the sidecar names service '\(name)', which has no instances")
            }
            return instances
        }
        let authTargets = try configuration.auth.map { (auth) throws(SidecarConfigurationError) in try instances(of: auth.service) } ?? []
        let rateLimitTargets = try configuration.globalRateLimit.map { (global) throws(SidecarConfigurationError) in try instances(of: global.service) } ?? []
        let statistics = SidecarStatistics(placement: configuration.placement)
        simulation.register(statistics)
        let shared = SidecarShared(
            configuration: configuration, requests: requests, statistics: statistics, network: network,
            authTargets: authTargets, rateLimitTargets: rateLimitTargets)
        if let auth = configuration.auth {
            let responder = AuthResponder(invalidTokenProbability: auth.invalidTokenProbability, stream: simulation.streams.stream("sidecar.auth/tokens"))
            for target in authTargets { target.responder = responder }
        }
        if let global = configuration.globalRateLimit {
            let responder: RateLimitResponder
            do {
                responder = try RateLimitResponder(global, tenants: tenants, shared: shared)
            } catch {
                throw SidecarConfigurationError("rate-limit service: \(error)")
            }
            for target in rateLimitTargets { target.responder = responder }
        }
        do {
            switch configuration.placement {
            case .sidecar, .library:
                for name in configuration.services {
                    for instance in try instances(of: name) {
                        let chain = try FilterChain(instance: instance, shared: shared, streams: simulation.streams)
                        register(chain, shared: shared, in: simulation)
                        instance.filter = chain
                    }
                }
            case .edgeOnly:
                for proxy in proxies {
                    let chain = try FilterChain(proxy: proxy, shared: shared, streams: simulation.streams)
                    register(chain, shared: shared, in: simulation)
                    proxy.filter = chain
                    proxy.filterCPU = configuration.auth?.verifyCPU
                }
            }
        } catch let error as SidecarConfigurationError {
            throw error
        } catch {
            throw SidecarConfigurationError("local rate limit: \(error)")
        }
        return statistics
    }

    private static func register(_ chain: FilterChain, shared: SidecarShared, in simulation: Simulation) {
        simulation.register(chain)
        shared.add(chain)
        chain.start(in: simulation)
    }
}
