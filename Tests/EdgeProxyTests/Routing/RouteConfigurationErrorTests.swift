import EdgeProxy
import SimKernel
import Testing

@Suite("Route configuration errors")
struct RouteConfigurationErrorTests {
    @Test func duplicateDomainAcrossVirtualHosts() throws {
        let error = #expect(throws: RouteConfigurationError.self) {
            try RouteConfiguration(virtualHosts: [
                try Fixture.catchAll("a", ["foo.com"]),
                try Fixture.catchAll("b", ["bar.com", "FOO.com"]),
            ])
        }
        #expect(error == .duplicateDomain(domain: "foo.com", virtualHost: "b", firstVirtualHost: "a"))
        #expect(error?.description.contains("'foo.com'") == true)
        #expect(error?.description.contains("'a'") == true)
    }

    @Test func duplicateWildcards() {
        #expect(throws: RouteConfigurationError.duplicateDomain(domain: "*.foo.com", virtualHost: "b", firstVirtualHost: "a")) {
            try RouteConfiguration(virtualHosts: [
                try Fixture.catchAll("a", ["*.foo.com"]), try Fixture.catchAll("b", ["*.foo.com"]),
            ])
        }
        #expect(throws: RouteConfigurationError.duplicateDomain(domain: "api.*", virtualHost: "a", firstVirtualHost: "a")) {
            try RouteConfiguration(virtualHosts: [try Fixture.catchAll("a", ["api.*", "API.*"])])
        }
        // The same text as exact name and as wildcard is not a duplicate.
        #expect(throws: Never.self) {
            try RouteConfiguration(virtualHosts: [try Fixture.catchAll("a", ["foo.com", "*foo.com", "foo.com*"])])
        }
    }

    @Test func secondDefaultVirtualHost() {
        let error = #expect(throws: RouteConfigurationError.self) {
            try RouteConfiguration(virtualHosts: [try Fixture.catchAll("a", ["*"]), try Fixture.catchAll("b", ["*"])])
        }
        #expect(error == .duplicateDefaultVirtualHost(virtualHost: "b", firstVirtualHost: "a"))
        #expect(error?.description.contains("only a single wildcard domain") == true)
    }

    @Test func missingOrEmptyDomains() {
        #expect(throws: RouteConfigurationError.noDomains(virtualHost: "a")) {
            try RouteConfiguration(virtualHosts: [try Fixture.catchAll("a", [])])
        }
        #expect(throws: RouteConfigurationError.emptyDomain(virtualHost: "a")) {
            try RouteConfiguration(virtualHosts: [try Fixture.catchAll("a", [""])])
        }
    }

    @Test func invalidRegexIsAConfigurationError() {
        let error = #expect(throws: RouteConfigurationError.self) { try RouteMatch.safeRegex("/users/(") }
        guard case let .invalidRegex(pattern, _)? = error else {
            Issue.record("expected an invalid regex error, got \(String(describing: error))")
            return
        }
        #expect(pattern == "/users/(")
        #expect(error?.description.hasPrefix("invalid regular expression '/users/('") == true)
        #expect(throws: RouteConfigurationError.self) { try HeaderMatcher.safeRegex("x", "[a-") }
        #expect(throws: RouteConfigurationError.self) { try RegexRewrite(pattern: "(?<", substitution: "") }
    }

    @Test func clusterErrors() {
        #expect(throws: RouteConfigurationError.emptyClusterName) { try RouteAction(cluster: "") }
        #expect(throws: RouteConfigurationError.noWeightedClusters) { try WeightedClusters([]) }
        #expect(throws: RouteConfigurationError.zeroTotalWeight) {
            try WeightedClusters([.init("a", weight: 0), .init("b", weight: 0)])
        }
        #expect(throws: RouteConfigurationError.totalWeightOverflow(total: UInt64(UInt32.max) + 1)) {
            try WeightedClusters([.init("a", weight: UInt32.max), .init("b", weight: 1)])
        }
        #expect(throws: RouteConfigurationError.emptyClusterName) { try WeightedClusters([.init("", weight: 1)]) }
        #expect(throws: RouteConfigurationError.negativeDuration(field: "route timeout")) {
            try RouteAction(cluster: "a", timeout: .milliseconds(-1))
        }
    }
}
