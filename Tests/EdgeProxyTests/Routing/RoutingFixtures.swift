import EdgeProxy
import SimKernel

/// Small builders shared by the routing tests.
enum Fixture {
    static func route(_ match: RouteMatch, _ cluster: String, timeout: SimTime = RouteAction.defaultTimeout) throws -> Route {
        Route(match: match, action: try RouteAction(cluster: cluster, timeout: timeout))
    }

    static func host(_ name: String, _ domains: [String], _ routes: [Route]) -> VirtualHost {
        VirtualHost(name: name, domains: domains, routes: routes)
    }

    /// A virtual host sending everything to a cluster named after it.
    static func catchAll(_ name: String, _ domains: [String]) throws -> VirtualHost {
        host(name, domains, [try route(.prefix("/"), name)])
    }

    static func request(_ authority: String?, _ path: String = "/", headers: KeyValuePairs<String, String> = [:]) -> RequestAttributes {
        RequestAttributes(authority: authority, path: path, headers: headers)
    }
}

extension RouteConfiguration {
    /// The cluster a request goes to (single-cluster routes), or `nil` for no route.
    func cluster(_ authority: String?, _ path: String = "/", headers: KeyValuePairs<String, String> = [:]) -> String? {
        route(for: Fixture.request(authority, path, headers: headers)).selection?.clusterName(randomValue: 0)
    }

    func virtualHostName(_ authority: String?) -> String? {
        virtualHostIndex(forAuthority: authority).map { virtualHosts[$0].name }
    }
}
