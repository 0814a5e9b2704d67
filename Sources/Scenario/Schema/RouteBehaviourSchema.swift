import Infra
import SimKernel

/// Reads a service's `routes:`, how it serves some routes' requests differently, and ties
/// their names to the request classes of `traffic:` or `workload:` once those are read.
///
/// ```yaml
/// services:
///   jira-web:
///     service_time: { lognormal: { median: 45ms, p99: 600ms } }
///     routes:
///       search: { service_time: { lognormal: { median: 150ms, p99: 2s } }, error_probability: 0.002 }
/// ```
enum RouteBehaviourSchema {
    /// A route's behaviour by name, where it was written.
    struct Named: Sendable {
        var name: String
        var location: SourceLocation
        var behaviour: RouteBehaviour
    }

    static func read(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> [Named] {
        var reader = try MappingReader(node, context: "\(what) routes")
        var routes: [Named] = []
        for entry in reader.allEntries() {
            let route = "\(what) route '\(entry.key)'"
            var r = try MappingReader(entry.value, context: route)
            let serviceTime = try r.optional("service_time").map { (n) throws(Diagnostic) in
                try DistributionSchema.read(n, "\(route) service_time", values: .durations)
            }
            let errorProbability = try r.optional("error_probability")?.probability("\(route) error_probability")
            try r.finish()
            guard serviceTime != nil || errorProbability != nil else {
                throw Diagnostic.error(at: entry.value.location, "\(route) changes nothing: give its 'service_time' or 'error_probability'")
            }
            routes.append(Named(name: entry.key, location: entry.keyLocation, behaviour: RouteBehaviour(serviceTime: serviceTime, errorProbability: errorProbability)))
        }
        guard !routes.isEmpty else { throw Diagnostic.error(at: node.location, "\(what) routes names no route") }
        return routes
    }

    /// Gives each service with `routes` one behaviour per request class, in class order.
    static func resolve(_ services: inout [Platform.Service], classes: [String]?) throws(Diagnostic) {
        for index in services.indices where !services[index].routes.isEmpty {
            let what = "service '\(services[index].name)'"
            guard let classes else {
                throw Diagnostic.error(
                    at: services[index].routes[0].location, "\(what) routes are routes of 'traffic' or 'workload', and the scenario has neither")
            }
            var behaviours = [RouteBehaviour](repeating: RouteBehaviour(), count: classes.count)
            for route in services[index].routes {
                guard let position = classes.firstIndex(of: route.name) else {
                    var message = "\(what) route '\(route.name)' is not a route of the traffic (routes: \(classes.joined(separator: ", ")))"
                    if let suggestion = MappingReader.closest(to: route.name, among: classes) { message += "; did you mean '\(suggestion)'?" }
                    throw Diagnostic.error(at: route.location, message)
                }
                behaviours[position] = route.behaviour
            }
            services[index].instance.routes = behaviours
        }
    }
}
