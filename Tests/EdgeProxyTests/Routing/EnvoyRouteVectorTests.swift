import EdgeProxy
import SimKernel
import Testing

/// `RouteMatcherTest.TestRoutes` of Envoy's `test/common/router/config_impl_test.cc`
/// (envoy-vectors.md §13.1), reduced to what the simulator models.
@Suite("Envoy RouteMatcherTest.TestRoutes")
struct EnvoyRouteVectorTests {
    let config: RouteConfiguration

    init() throws {
        func regex(_ pattern: String, _ cluster: String) throws -> Route {
            Route(match: try .safeRegex(pattern), action: try RouteAction(cluster: cluster))
        }
        config = try RouteConfiguration(name: "foo", virtualHosts: [
            Fixture.host("www2", ["lyft.com", "www.lyft.com", "w.lyft.com", "ww.lyft.com", "wwww.lyft.com"], [
                try Fixture.route(.prefix("/new_endpoint"), "www2"),
                try Fixture.route(.path("/"), "root_www2"),
                try Fixture.route(.prefix("/"), "www2"),
            ]),
            try Fixture.catchAll("www2_staging", ["www-staging.lyft.net", "www-staging-orca.lyft.com"]),
            try Fixture.catchAll("wildcard", ["*.foo.com", "*-bar.baz.com"]),
            try Fixture.catchAll("wildcard2", ["*.baz.com"]),
            Fixture.host("regex", ["bat.com"], [
                try regex("/t[io]c", "clock"),
                try regex("/baa+", "sheep"),
                try regex(#".*/\d{3}$"#, "three_numbers"),
                try regex(#".*/\d{4}$"#, "four_numbers"),
                try regex(".*", "regex_default"),
            ]),
            Fixture.host("regex2", ["bat2.com"], [try regex(".*", "regex_default")]),
            Fixture.host("default", ["*"], [
                try Fixture.route(.prefix("/api/application_data"), "ats"),
                try Fixture.route(.path("/api/locations", caseSensitive: false), "locations"),
                try Fixture.route(.prefix("/api/leads/me"), "ats"),
                try Fixture.route(.prefix("/"), "instant-server", timeout: .seconds(30)),
            ]),
        ])
    }

    @Test(arguments: [
        ("api.lyft.com", "/", "instant-server"),
        ("api.lyft.com", "/api/leads/me", "ats"),
        ("api.lyft.com", "/api/application_data", "ats"),
        ("api.lyft.com", "/api/locations?works=true", "locations"),
        ("api.lyft.com", "/api/locations", "locations"),
        ("api.lyft.com", "/API/LOCATIONS", "locations"),
        ("lyft.com", "/foo", "www2"),
        ("wwww.lyft.com", "/", "root_www2"),
        ("LYFT.COM", "/foo", "www2"),
        ("wWww.LyfT.coM", "/", "root_www2"),
        ("www-staging.lyft.net", "/foo", "www2_staging"),
        ("www.foo.com", "/", "wildcard"),
        ("foo-bar.baz.com", "/", "wildcard"),
        ("-bar.baz.com", "/", "wildcard2"),
        ("bar.baz.com", "/", "wildcard2"),
        (".foo.com", "/", "instant-server"),
        ("foo.com", "/", "instant-server"),
        ("bat.com", "/tic", "clock"),
        ("bat.com", "/toc", "clock"),
        ("bat.com", "/tac", "regex_default"),
        ("bat.com", "", "regex_default"),
        ("bat.com", "/tick", "regex_default"),
        ("bat.com", "/tic/toc", "regex_default"),
        ("bat.com", "/ba", "regex_default"),
        ("bat.com", "/baa", "sheep"),
        ("bat.com", "/baaaaaaaaaaaa", "sheep"),
        ("bat.com", "/x/123", "three_numbers"),
        ("bat.com", "/x/1234", "four_numbers"),
        ("bat2.com", "/foo", "regex_default"),
        ("bat2.com", " ", "regex_default"),
        ("bat.com", "/tic?tac=true", "clock"),
        ("bat.com", "/tac?tic=true", "regex_default"),
    ])
    func cluster(authority: String, path: String, expected: String) {
        #expect(config.cluster(authority, path) == expected)
    }

    @Test func noAuthorityIsNoRoute() {
        #expect(config.route(for: Fixture.request(nil, "/")).selection == nil)
    }

    @Test func timeouts() {
        #expect(config.route(for: Fixture.request("api.lyft.com", "/")).selection?.timeout == .seconds(30))
        #expect(config.route(for: Fixture.request("api.lyft.com", "/api/leads/me")).selection?.timeout == .milliseconds(15000))
    }
}
