import AWSModels
import EdgeProxy
import Fleet
import Infra
import Sidecar
import SimKernel
import Tenancy

/// The architecture part of a scenario: zones, the network, application services, the Envoy
/// edge in front of them, the clients' traffic (or the tenants' workload) and injected faults.
public struct Platform: Sendable {
    public struct Service: Sendable {
        public var name: String
        public var instances: Int
        /// Zone indices the instances are spread over, in turn.
        public var zones: [Int]
        public var instance: ServiceInstanceConfiguration
        /// The first `slowInstances` instances run at `slowSpeed` (a heterogeneous fleet), with
        /// `slowWeight` as their load-balancing weight.
        public var slowInstances: Int
        public var slowSpeed: Double
        public var slowWeight: UInt32
        /// The calls the application makes before it answers (tables, other services), if any.
        public var calls: ApplicationCallsConfiguration?
        /// The fleet whose instances run it, if any: then `instances` is the fleet's slots.
        public var fleet: String?
        /// Routes served differently, by name, until `instance.routes` holds them by class.
        var routes: [RouteBehaviourSchema.Named] = []
        /// Calls through the edge, by route name, until their request classes are resolved.
        var edgeRoutes: [EdgeCallSchema.Named] = []
    }

    public struct Outage: Sendable {
        public var service: String
        public var instances: [Int]
        public var at: SimTime
        public var duration: SimTime?
    }

    public var zones: [String]
    public var network: NetworkLatency
    public var services: [Service]
    /// The `dynamodb:` tables the services call.
    public var tables: [DynamoDBTableConfiguration]
    public var edge: EdgeConfiguration?
    public var traffic: TrafficConfiguration?
    /// The synthetic tenants (`tenants:`) and what they send (`workload:`): the edge's other
    /// source of requests, instead of `traffic:`. Both or neither.
    public var tenants: TenantsConfiguration?
    public var workload: WorkloadConfiguration?
    public var sidecar: SidecarConfiguration?
    public var outages: [Outage]
    /// VM fleets, their images, deployments, zone outages and release defects.
    public var fleets: FleetsConfiguration
}
