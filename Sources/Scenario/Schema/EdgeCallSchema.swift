import AWSModels
import EdgeProxy
import SimKernel

/// Reads a service's calls to other services through the edge, and ties their route names
/// to the edge's request classes once `traffic:` or `workload:` and `edge:` are read.
///
/// ```yaml
/// services:
///   web:
///     calls:
///       - { edge_route: pages, probability: 0.2 }   # a request of route 'pages', through the edge
/// ```
///
/// `edge_route` names a request of `traffic.requests` or a route of `workload.routes`. The
/// application sends a new request of that route for its request's tenant, user and tier to
/// the edge's network load balancer, over the internal network; Envoy routes it (route,
/// cluster, balancer, retries, timeouts, circuit breakers) and the final response comes back
/// to the application. Refused: a route that is not one of the traffic's, one that matches
/// no route of the edge, calls through the edge without an edge, and calls that lead back to
/// their caller (through the edge and the other services' calls).
enum EdgeCallSchema {
    /// A call through the edge by its route's name, where it was written, until the request
    /// classes are known.
    struct Named: Sendable {
        /// "service 'web' call 2", for messages.
        var what: String
        /// The call's position among the service's calls.
        var index: Int
        var route: String
        var location: SourceLocation
        /// Its probability, and a request class to be resolved.
        var call: EdgeCall
    }

    static func read(_ r: inout MappingReader, _ what: String, call index: Int) throws(Diagnostic) -> Named {
        let routeNode = try r.required("edge_route")
        let route = try routeNode.text("\(what) edge_route")
        let probability = try r.optional("probability")?.probability("\(what) probability") ?? 1
        try r.finish()
        return Named(what: what, index: index, route: route, location: routeNode.location, call: EdgeCall(requestClass: 0, probability: probability))
    }

    /// Gives each call through the edge its request class, and refuses circles.
    static func resolve(_ services: inout [Platform.Service], edge: EdgeConfiguration?, traffic: TrafficConfiguration?) throws(Diagnostic) {
        guard let first = services.lazy.flatMap(\.edgeRoutes).first else { return }
        guard let edge, let traffic else {
            throw Diagnostic.error(at: first.location, "\(first.what) goes through the edge, and the scenario has no 'edge'")
        }
        let reached: [[String]]
        do {
            reached = try Edge.services(reachedBy: edge, traffic: traffic)
        } catch {
            throw Diagnostic.error(at: first.location, error.description)
        }
        let classes = traffic.classes.map(\.name)
        for service in services.indices {
            for named in services[service].edgeRoutes {
                guard let requestClass = classes.firstIndex(of: named.route) else {
                    var message = "\(named.what) names unknown route '\(named.route)' (routes: \(classes.joined(separator: ", ")))"
                    if let suggestion = MappingReader.closest(to: named.route, among: classes) { message += "; did you mean '\(suggestion)'?" }
                    throw Diagnostic.error(at: named.location, message)
                }
                guard !reached[requestClass].isEmpty else {
                    throw Diagnostic.error(at: named.location, "\(named.what): route '\(named.route)' matches no route of the edge (Envoy would answer 404)")
                }
                services[service].calls!.calls[named.index] = .edge(EdgeCall(requestClass: requestClass, probability: named.call.probability))
            }
        }
        try checkNoCycle(services, reached: reached)
    }

    /// One step of a chain of calls: to a service, through the edge or not.
    private struct Step {
        var service: Int
        /// The call through the edge that takes this step, if it goes through the edge.
        var through: Named?
    }

    /// Calls that come back to a service they left, some through the edge, would hold a
    /// request forever: refused at the first call through the edge on the circle. (Circles of
    /// direct calls alone are refused when the services are read.)
    private static func checkNoCycle(_ services: [Platform.Service], reached: [[String]]) throws(Diagnostic) {
        let names = services.map(\.name)
        let steps: [[Step]] = services.map { service in
            guard let calls = service.calls?.calls else { return [] }
            return calls.enumerated().flatMap { index, call -> [Step] in
                switch call {
                case .table: return []
                case .service(let other): return [Step(service: other.service, through: nil)]
                case .edge(let edgeCall):
                    let named = service.edgeRoutes.first { $0.index == index }
                    return reached[Int(edgeCall.requestClass)].compactMap { name in names.firstIndex(of: name).map { Step(service: $0, through: named) } }
                }
            }
        }
        // Depth-first search with three colours, in declaration order.
        var state = [UInt8](repeating: 0, count: services.count)
        func visit(_ index: Int, _ path: [Step]) -> [Step]? {
            state[index] = 1
            for step in steps[index] {
                if state[step.service] == 1 { return path + [step] }
                if state[step.service] == 0, let cycle = visit(step.service, path + [step]) { return cycle }
            }
            state[index] = 2
            return nil
        }
        for index in services.indices where state[index] == 0 {
            guard let path = visit(index, [Step(service: index, through: nil)]) else { continue }
            let cycle = Array(path[path.firstIndex { $0.service == path.last!.service }!...])
            let described = cycle.enumerated().map { position, step in
                let name = "'\(names[step.service])'"
                guard position > 0, let through = step.through else { return name }
                return "\(name) (through the edge, route '\(through.route)')"
            }
            let closing = cycle.dropFirst().first { $0.through != nil }!.through!
            throw Diagnostic.error(
                at: closing.location,
                "\(closing.what) leads back to its caller: calls go round in a circle: \(described.joined(separator: " -> "))")
        }
    }
}
