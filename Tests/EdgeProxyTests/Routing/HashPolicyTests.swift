import EdgeProxy
import SimKernel
import Testing

/// `test/common/http/hash_policy_test.cc` (envoy-vectors.md §1.2), every vector but
/// `FilterStateHashForExistingKey` (filter state is not modelled).
@Suite("Hash policy vectors")
struct HashPolicyVectorTests {
    func hash(_ policies: [HashPolicy], _ request: RequestAttributes) -> UInt64? {
        HashPolicy.generateHash(policies, for: request).hash
    }

    func request(path: String = "/", headers: KeyValuePairs<String, String> = [:], sourceIP: String = "") -> RequestAttributes {
        RequestAttributes(authority: "example.com", path: path, headers: headers, sourceIP: sourceIP)
    }

    @Test func headerHashForSingleHeaderValue() {
        let value = hash([.header("x-test-header")], request(headers: ["x-test-header": "test-value"]))
        #expect(value == XXHash64.hash("test-value"))
        #expect(value == 4_724_915_109_242_149_117)
    }

    @Test func multipleHeaderValues() {
        let value = hash([.header("x-multi-header")], request(headers: ["x-multi-header": "value1", "x-multi-header": "value2"]))
        #expect(value == XXHash64.hash("value2", seed: XXHash64.hash("value1")))
        #expect(value == 9_193_721_384_592_083_371)
    }

    @Test func headerHashMethodSameHashForDifferentHeaderOrder() {
        let value = hash([.header("x-multi-header")], request(headers: ["x-multi-header": "value2", "x-multi-header": "value1"]))
        #expect(value == 9_193_721_384_592_083_371)
    }

    @Test func headerNotPresent() {
        #expect(hash([.header("x-test-header")], request()) == nil)
    }

    @Test func regexRewriteApplied() throws {
        let rewrite = try RegexRewrite(pattern: "test", substitution: "replaced")
        let value = hash([.header("x-test-header", rewrite: rewrite)], request(headers: ["x-test-header": "test-value"]))
        #expect(value == XXHash64.hash("replaced-value"))
        #expect(value == 2_623_420_006_795_671_684)
    }

    @Test func cookieHashForPresentCookie() {
        let value = hash([.cookie("test-cookie")], request(headers: ["cookie": "test-cookie=cookie-value"]))
        #expect(value == XXHash64.hash("cookie-value"))
        #expect(value == 18_280_436_253_395_164_091)
    }

    @Test func cookieHashForAbsentCookieWithTTL() {
        let policy = HashPolicy.cookie("test-cookie", ttl: .seconds(60))
        let result = HashPolicy.generateHash([policy], for: request()) { _, _ in "new-cookie-value" }
        #expect(result.hash == XXHash64.hash("new-cookie-value"))
        #expect(result.hash == 14_149_051_466_428_913_032)
        #expect(result.generatedCookies == [
            GeneratedCookie(cookie: HashPolicy.Cookie(name: "test-cookie", ttl: .seconds(60)), value: "new-cookie-value"),
        ])
    }

    @Test func cookieHashForAbsentCookieWithoutTTL() {
        let result = HashPolicy.generateHash([.cookie("test-cookie")], for: request()) { _, _ in "new-cookie-value" }
        #expect(result.hash == nil)
        #expect(result.generatedCookies.isEmpty)
    }

    @Test func ipHashForValidIp() {
        let value = hash([.sourceIP()], request(sourceIP: "192.168.1.1"))
        #expect(value == XXHash64.hash("192.168.1.1"))
        #expect(value == 4_727_775_843_391_247_014)
    }

    @Test func queryParameterHashForExistingParameter() {
        let value = hash([.queryParameter("test-param")], request(path: "/test?test-param=param-value"))
        #expect(value == XXHash64.hash("param-value"))
        #expect(value == 12_592_489_336_569_404_046)
    }
}

@Suite("Hash policy combination and sources")
struct HashPolicyBehaviourTests {
    func rotl1(_ value: UInt64) -> UInt64 { value << 1 | value >> 63 }

    @Test func policiesCombineWithRotateAndXor() {
        let request = RequestAttributes(authority: "a", path: "/?user=42", headers: ["x-tenant": "acme"], sourceIP: "10.1.2.3")
        let value = HashPolicy.generateHash([.header("x-tenant"), .queryParameter("user"), .sourceIP()], for: request).hash
        let expected = rotl1(rotl1(XXHash64.hash("acme")) ^ XXHash64.hash("42")) ^ XXHash64.hash("10.1.2.3")
        #expect(value == expected)
    }

    @Test func duplicatePoliciesDoNotCancel() {
        let request = RequestAttributes(authority: "a", path: "/", headers: ["x-tenant": "acme"])
        let single = XXHash64.hash("acme")
        #expect(HashPolicy.generateHash([.header("x-tenant"), .header("x-tenant")], for: request).hash == rotl1(single) ^ single)
    }

    @Test func policiesWithoutValueAreSkipped() {
        let request = RequestAttributes(authority: "a", path: "/", headers: ["x-tenant": "acme"])
        let value = HashPolicy.generateHash([.header("x-missing"), .header("x-tenant"), .cookie("sid")], for: request).hash
        #expect(value == XXHash64.hash("acme"))
        #expect(HashPolicy.generateHash([.header("x-missing"), .queryParameter("q")], for: request).hash == nil)
        #expect(HashPolicy.generateHash([], for: request).hash == nil)
    }

    @Test func terminalPolicyStopsOnceAHashExists() {
        let withTenant = RequestAttributes(authority: "a", path: "/", headers: ["x-tenant": "acme"], sourceIP: "10.0.0.9")
        let policies: [HashPolicy] = [.header("x-tenant", terminal: true), .sourceIP()]
        #expect(HashPolicy.generateHash(policies, for: withTenant).hash == XXHash64.hash("acme"))
        // Without the header the terminal policy yields nothing, so evaluation goes on.
        let withoutTenant = RequestAttributes(authority: "a", path: "/", sourceIP: "10.0.0.9")
        #expect(HashPolicy.generateHash(policies, for: withoutTenant).hash == XXHash64.hash("10.0.0.9"))
    }

    @Test func headerNameIsCaseInsensitive() {
        let request = RequestAttributes(authority: "a", path: "/", headers: ["X-Tenant": "acme"])
        #expect(HashPolicy.generateHash([.header("x-TENANT")], for: request).hash == XXHash64.hash("acme"))
        #expect(HashPolicy.generateHash([.header(":authority")], for: request).hash == XXHash64.hash("a"))
    }

    @Test func regexRewriteAppliesToEveryValueWithCaptures() throws {
        let rewrite = try RegexRewrite(pattern: "^tenant-([a-z]+)-\\d+$", substitution: "\\1")
        let request = RequestAttributes(authority: "a", path: "/", headers: ["x-t": "tenant-zed-1", "x-t": "tenant-acme-2"])
        let value = HashPolicy.generateHash([.header("x-t", rewrite: rewrite)], for: request).hash
        #expect(value == XXHash64.hash("zed", seed: XXHash64.hash("acme")))  // rewritten, then sorted
    }

    @Test func cookieParsing() {
        let request = RequestAttributes(
            authority: "a", path: "/",
            headers: ["cookie": "a=1; broken; sid=\"abc\"", "cookie": "sid=second; other=x"])
        #expect(request.cookie(named: "a") == "1")
        #expect(request.cookie(named: "sid") == "abc")  // first one wins, quotes removed
        #expect(request.cookie(named: "other") == "x")
        #expect(request.cookie(named: "broken") == nil)
        #expect(request.cookie(named: "missing") == nil)
        #expect(HashPolicy.generateHash([.cookie("sid")], for: request).hash == XXHash64.hash("abc"))
    }

    @Test func emptyCookieCountsAsAbsent() {
        let request = RequestAttributes(authority: "a", path: "/", headers: ["cookie": "sid="])
        #expect(HashPolicy.generateHash([.cookie("sid")], for: request).hash == nil)
        let generated = HashPolicy.generateHash([.cookie("sid", ttl: .zero)], for: request) { _, _ in "fresh" }
        #expect(generated.hash == XXHash64.hash("fresh"))
    }

    @Test func envoyGeneratesCookieFromRemoteAndLocalAddress() {
        let request = RequestAttributes(
            authority: "a", path: "/", sourceIP: "192.168.1.1", sourcePort: 51234, localAddress: "10.0.0.1:443")
        #expect(request.downstreamRemoteAddress == "192.168.1.1:51234")
        let result = HashPolicy.generateHash([.cookie("route", ttl: .seconds(3600), path: "/")], for: request)
        let digest = XXHash64.hash("192.168.1.1:5123410.0.0.1:443")
        let expectedValue = String(repeating: "0", count: 16 - String(digest, radix: 16).count) + String(digest, radix: 16)
        #expect(result.generatedCookies.map(\.value) == [expectedValue])
        #expect(result.hash == XXHash64.hash(expectedValue))
        #expect(result.generatedCookies.first?.setCookieHeader == "route=\"\(expectedValue)\"; Max-Age=3600; Path=/; HttpOnly")
        let v6 = RequestAttributes(authority: "a", path: "/", sourceIP: "::1", sourcePort: 80)
        #expect(v6.downstreamRemoteAddress == "[::1]:80")
    }

    @Test func queryParameterParsing() {
        func value(_ path: String, _ name: String) -> String? {
            RequestAttributes(authority: "a", path: path).firstQueryValue(named: name)
        }
        #expect(value("/p?a=1&b=2&a=3", "a") == "1")
        #expect(value("/p?a=1&b=2", "b") == "2")
        #expect(value("/p?flag&b=2", "flag") == "")
        #expect(value("/p?a=x=y", "a") == "x=y")
        #expect(value("/p?a=%20", "a") == "%20")  // not decoded
        #expect(value("/p", "a") == nil)
        #expect(value("/p?", "a") == nil)
        #expect(HashPolicy.generateHash([.queryParameter("flag")], for: RequestAttributes(authority: "a", path: "/?flag")).hash
            == XXHash64.hash(""))
    }

    @Test func sourceIPAbsentYieldsNothing() {
        #expect(HashPolicy.generateHash([.sourceIP()], for: RequestAttributes(authority: "a", path: "/")).hash == nil)
    }
}
