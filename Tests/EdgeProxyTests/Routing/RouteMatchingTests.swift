import EdgeProxy
import SimKernel
import Testing

@Suite("Routes: first match wins")
struct RouteMatchingTests {
    @Test func firstMatchingRouteWinsInOrder() throws {
        let config = try RouteConfiguration(virtualHosts: [
            Fixture.host("app", ["*"], [
                try Fixture.route(.prefix("/api/admin"), "admin"),
                try Fixture.route(.prefix("/api"), "api"),
                try Fixture.route(.prefix("/api/users"), "never"),  // shadowed by /api
                try Fixture.route(.prefix("/"), "web"),
            ]),
        ])
        #expect(config.cluster("a", "/api/admin/x") == "admin")
        #expect(config.cluster("a", "/api/users/7") == "api")
        #expect(config.cluster("a", "/apis") == "api")  // plain prefix, not path-separated
        #expect(config.cluster("a", "/index.html") == "web")
        let selection = try #require(config.route(for: Fixture.request("a", "/api/users")).selection)
        #expect(selection.virtualHostIndex == 0)
        #expect(selection.routeIndex == 1)
        #expect(selection.virtualHostName == "app")
    }

    @Test func prefixIsCaseSensitiveByDefault() throws {
        let config = try RouteConfiguration(virtualHosts: [
            Fixture.host("app", ["*"], [
                try Fixture.route(.prefix("/API"), "upper"),
                try Fixture.route(.prefix("/Docs", caseSensitive: false), "docs"),
            ]),
        ])
        #expect(config.cluster("a", "/API/x") == "upper")
        #expect(config.cluster("a", "/api/x") == nil)
        #expect(config.cluster("a", "/docs/intro") == "docs")
        #expect(config.cluster("a", "/DOCS") == "docs")
    }

    @Test func exactPathIgnoresQueryAndFragment() throws {
        let config = try RouteConfiguration(virtualHosts: [
            Fixture.host("app", ["*"], [
                try Fixture.route(.path("/health"), "health"),
                try Fixture.route(.path("/Status", caseSensitive: false), "status"),
            ]),
        ])
        #expect(config.cluster("a", "/health") == "health")
        #expect(config.cluster("a", "/health?verbose=1") == "health")
        #expect(config.cluster("a", "/health#top") == "health")
        #expect(config.cluster("a", "/health/") == nil)
        #expect(config.cluster("a", "/healthz") == nil)
        #expect(config.cluster("a", "/HEALTH") == nil)
        #expect(config.cluster("a", "/status?x") == "status")
    }

    @Test func regexMustMatchTheWholePathWithoutQuery() throws {
        let config = try RouteConfiguration(virtualHosts: [
            Fixture.host("app", ["*"], [
                Route(match: try .safeRegex("/users/[0-9]+"), action: try RouteAction(cluster: "user")),
            ]),
        ])
        #expect(config.cluster("a", "/users/42") == "user")
        #expect(config.cluster("a", "/users/42?expand=true") == "user")
        #expect(config.cluster("a", "/users/42/orders") == nil)  // partial match is not enough
        #expect(config.cluster("a", "/v1/users/42") == nil)
        #expect(config.cluster("a", "/users/") == nil)
    }

    @Test func allHeaderMatchersMustHold() throws {
        let config = try RouteConfiguration(virtualHosts: [
            Fixture.host("app", ["*"], [
                try Fixture.route(.prefix("/", headers: [.exact("x-canary", "1"), .exact(":method", "POST")]), "canary-post"),
                try Fixture.route(.prefix("/", headers: [.exact("x-canary", "1")]), "canary"),
                try Fixture.route(.prefix("/"), "stable"),
            ]),
        ])
        let post = RequestAttributes(authority: "a", path: "/", method: "POST", headers: ["X-Canary": "1"])
        #expect(config.route(for: post).selection?.clusterName(randomValue: 0) == "canary-post")
        #expect(config.cluster("a", "/", headers: ["x-canary": "1"]) == "canary")
        #expect(config.cluster("a", "/", headers: ["x-canary": "2"]) == "stable")
        #expect(config.cluster("a", "/") == "stable")
    }

    @Test func everyHeaderMatcherKind() throws {
        func matches(_ matcher: HeaderMatcher, _ headers: KeyValuePairs<String, String>) -> Bool {
            matcher.matches(RequestAttributes(authority: "a", path: "/", headers: headers))
        }
        #expect(matches(.exact("x-env", "prod"), ["x-env": "prod"]))
        #expect(!matches(.exact("x-env", "prod"), ["x-env": "production"]))
        #expect(matches(.exact("x-env", ""), ["x-env": "anything"]))  // empty exact: any value
        #expect(matches(.prefix("user-agent", "curl/"), ["User-Agent": "curl/8.1"]))
        #expect(matches(.suffix("x-host", ".internal"), ["x-host": "db.internal"]))
        #expect(!matches(.suffix("x-host", ".internal"), ["x-host": "db.internal.com"]))
        #expect(matches(.contains("accept", "json"), ["accept": "application/json; q=1"]))
        #expect(matches(try .safeRegex("x-id", "[a-f0-9]{4}"), ["x-id": "beef"]))
        #expect(!matches(try .safeRegex("x-id", "[a-f0-9]{4}"), ["x-id": "beef1"]))  // full match
        #expect(matches(.present("x-debug"), ["x-debug": ""]))
        #expect(!matches(.present("x-debug"), [:]))
        #expect(matches(.present("x-debug", false), [:]))
        #expect(matches(.range("x-shard", 10..<20), ["x-shard": "10"]))
        #expect(matches(.range("x-shard", 10..<20), ["x-shard": "-5"]) == false)
        #expect(!matches(.range("x-shard", 10..<20), ["x-shard": "20"]))  // end is exclusive
        #expect(matches(.range("x-shard", -10..<0), ["x-shard": "-3"]))
        #expect(matches(.range("x-shard", 10..<20), ["x-shard": " 15 "]))  // SimpleAtoi trims
        #expect(!matches(.range("x-shard", 10..<20), ["x-shard": "15.0"]))
        #expect(!matches(.range("x-shard", 10..<20), ["x-shard": "0x0f"]))
    }

    @Test func repeatedHeaderIsMatchedAsJoinedValues() {
        let request = RequestAttributes(authority: "a", path: "/", headers: ["x-tag": "a", "X-Tag": "b"])
        #expect(HeaderMatcher.exact("x-tag", "a,b").matches(request))
        #expect(!HeaderMatcher.exact("x-tag", "a").matches(request))
    }

    @Test func invertMatch() {
        func matches(_ matcher: HeaderMatcher, _ headers: KeyValuePairs<String, String>) -> Bool {
            matcher.matches(RequestAttributes(authority: "a", path: "/", headers: headers))
        }
        #expect(matches(.exact("x-env", "prod", invert: true), ["x-env": "staging"]))
        #expect(!matches(.exact("x-env", "prod", invert: true), ["x-env": "prod"]))
        // An absent header fails a value matcher even when inverted (Envoy's behaviour).
        #expect(!matches(.exact("x-env", "prod", invert: true), [:]))
        #expect(!matches(.range("x-shard", 0..<10, invert: true), [:]))
        #expect(matches(.range("x-shard", 0..<10, invert: true), ["x-shard": "12"]))
        // Inverted presence: matches only when the header is absent.
        #expect(matches(.present("x-debug", invert: true), [:]))
        #expect(!matches(.present("x-debug", invert: true), ["x-debug": "1"]))
    }

    @Test func invertedHeaderSelectsRoute() throws {
        let config = try RouteConfiguration(virtualHosts: [
            Fixture.host("app", ["*"], [
                try Fixture.route(.prefix("/", headers: [.exact("x-tier", "free", invert: true)]), "paid"),
                try Fixture.route(.prefix("/"), "free"),
            ]),
        ])
        #expect(config.cluster("a", "/", headers: ["x-tier": "premium"]) == "paid")
        #expect(config.cluster("a", "/", headers: ["x-tier": "free"]) == "free")
        #expect(config.cluster("a", "/") == "free")
    }

    @Test func noMatchingRouteIsNoRoute() throws {
        let config = try RouteConfiguration(virtualHosts: [
            Fixture.host("app", ["*"], [try Fixture.route(.prefix("/api"), "api")]),
        ])
        let result = config.route(for: Fixture.request("a", "/web"))
        guard case .noRoute(.noMatchingRoute(virtualHostIndex: 0)) = result else {
            Issue.record("expected no matching route, got \(result)")
            return
        }
    }

    @Test func defaultTimeoutIsFifteenSecondsAndZeroDisables() throws {
        let action = try RouteAction(cluster: "c")
        #expect(action.timeout == .seconds(15))
        #expect(action.effectiveTimeout == .seconds(15))
        let disabled = try RouteAction(cluster: "c", timeout: .zero)
        #expect(disabled.effectiveTimeout == nil)
        #expect(try RouteAction(cluster: "c", timeout: .milliseconds(2500)).effectiveTimeout == .milliseconds(2500))
    }

    @Test func routeRetryPolicyOverridesVirtualHostPolicy() throws {
        let hostPolicy = try RetryPolicy(retryOn: .fiveXX, numRetries: 3)
        let routePolicy = try RetryPolicy(retryOn: .reset)
        let config = try RouteConfiguration(virtualHosts: [
            VirtualHost(name: "app", domains: ["*"], routes: [
                Route(match: .prefix("/own"), action: try RouteAction(cluster: "c", retryPolicy: routePolicy)),
                Route(match: .prefix("/"), action: try RouteAction(cluster: "c")),
            ], retryPolicy: hostPolicy),
        ])
        #expect(config.route(for: Fixture.request("a", "/own")).selection?.retryPolicy == routePolicy)
        #expect(config.route(for: Fixture.request("a", "/other")).selection?.retryPolicy == hostPolicy)
    }
}
