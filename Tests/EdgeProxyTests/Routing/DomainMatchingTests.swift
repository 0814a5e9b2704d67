import EdgeProxy
import SimKernel
import Testing

@Suite("Virtual host selection by authority")
struct DomainMatchingTests {
    let config: RouteConfiguration

    init() throws {
        config = try RouteConfiguration(virtualHosts: [
            try Fixture.catchAll("exact", ["api.foo.com"]),
            try Fixture.catchAll("suffix", ["*.foo.com"]),
            try Fixture.catchAll("longer-suffix", ["*-eu.foo.com"]),
            try Fixture.catchAll("prefix", ["api.*"]),
            try Fixture.catchAll("longer-prefix", ["api.foo.*"]),
            try Fixture.catchAll("default", ["*"]),
        ])
    }

    @Test func exactBeatsEveryWildcard() {
        #expect(config.virtualHostName("api.foo.com") == "exact")
    }

    @Test func suffixBeatsPrefix() {
        // Both `*.foo.com` and `api.*` match; suffix wildcards are tried first.
        #expect(config.virtualHostName("api.bar.foo.com") == "suffix")
    }

    @Test func prefixBeatsDefault() {
        #expect(config.virtualHostName("api.example.org") == "prefix")
        #expect(config.virtualHostName("www.example.org") == "default")
    }

    @Test func longestSuffixWins() {
        #expect(config.virtualHostName("shop-eu.foo.com") == "longer-suffix")
        #expect(config.virtualHostName("shop-us.foo.com") == "suffix")
    }

    @Test func longestPrefixWins() {
        #expect(config.virtualHostName("api.foo.org") == "longer-prefix")
        #expect(config.virtualHostName("api.bar.org") == "prefix")
    }

    @Test func wildcardStarMatchesAtLeastOneCharacter() {
        // `*.foo.com` needs something before `.foo.com`; `api.*` needs something after `api.`.
        #expect(config.virtualHostName("foo.com") == "default")
        #expect(config.virtualHostName(".foo.com") == "default")
        #expect(config.virtualHostName("-eu.foo.com") == "suffix")
        #expect(config.virtualHostName("api.") == "default")
    }

    @Test func hostIsLowerCased() {
        #expect(config.virtualHostName("API.FOO.COM") == "exact")
        #expect(config.virtualHostName("Shop-EU.Foo.Com") == "longer-suffix")
    }

    @Test func domainsAreLowerCased() throws {
        let mixed = try RouteConfiguration(virtualHosts: [try Fixture.catchAll("mixed", ["WWW.Example.COM", "*.Example.NET"])])
        #expect(mixed.virtualHostName("www.example.com") == "mixed")
        #expect(mixed.virtualHostName("a.example.net") == "mixed")
        #expect(mixed.virtualHostName("example.org") == nil)
    }

    @Test func portIsPartOfTheHostUnlessIgnored() throws {
        // With its port, the host only matches the prefix wildcards; the longer one wins.
        #expect(config.virtualHostName("api.foo.com:8080") == "longer-prefix")
        let ignoring = try RouteConfiguration(
            virtualHosts: [try Fixture.catchAll("exact", ["api.foo.com"]), try Fixture.catchAll("v6", ["[::1]"])],
            ignorePortInHostMatching: true)
        #expect(ignoring.virtualHostName("api.foo.com:8080") == "exact")
        #expect(ignoring.virtualHostName("API.foo.com:443") == "exact")
        #expect(ignoring.virtualHostName("[::1]:80") == "v6")
        #expect(ignoring.virtualHostName("[::1]") == "v6")
        let strict = try RouteConfiguration(virtualHosts: [try Fixture.catchAll("exact", ["api.foo.com"])])
        #expect(strict.virtualHostName("api.foo.com:8080") == nil)
    }

    @Test func noMatchWithoutDefaultIsNoRoute() throws {
        let noDefault = try RouteConfiguration(virtualHosts: [try Fixture.catchAll("exact", ["api.foo.com"])])
        let result = noDefault.route(for: Fixture.request("other.com"))
        #expect(result.selection == nil)
        guard case .noRoute(.noVirtualHost) = result else {
            Issue.record("expected no virtual host, got \(result)")
            return
        }
    }

    @Test func requestWithoutAuthorityOnlyReachesALoneDefaultHost() throws {
        #expect(config.virtualHostName(nil) == nil)
        let onlyDefault = try RouteConfiguration(virtualHosts: [try Fixture.catchAll("default", ["*"])])
        #expect(onlyDefault.virtualHostName(nil) == "default")
    }
}
