import Foundation

/// A kind of request clients send, as Envoy sees it: authority, path, method and headers.
///
/// Header values may contain `{tenant}`, replaced by the sending tenant's id, so that hash
/// policies (on a tenant header or cookie, or on the source IP, which is derived from the
/// tenant) spread by tenant. Route matching must not depend on such per-tenant values: it is
/// resolved once per class when the model is built.
public struct RequestClass: Sendable {
    public static let tenantPlaceholder = "{tenant}"

    public var name: String
    public var authority: String
    public var path: String
    public var method: String
    public var headers: [HTTPHeader]
    /// Relative share of the traffic; 0 for a class clients never send (applications call
    /// it through the edge).
    public var weight: Double

    public init(name: String, authority: String, path: String, method: String = "GET", headers: [HTTPHeader] = [], weight: Double = 1) {
        precondition(weight >= 0 && weight.isFinite, "a request class needs a weight of at least 0")
        self.name = name
        self.authority = authority
        self.path = path
        self.method = method
        self.headers = headers
        self.weight = weight
    }

    /// Whether any header value varies with the tenant.
    public var isPerTenant: Bool {
        headers.contains { $0.value.contains(RequestClass.tenantPlaceholder) }
    }

    /// The request as tenant `tenant` sends it. Its source address is `10.a.b.c` from the
    /// tenant id's three low bytes, so source-IP hashing also spreads by tenant.
    public func attributes(tenant: UInt32) -> RequestAttributes {
        let id = String(tenant)
        let resolved = headers.map { HTTPHeader($0.name, $0.value.replacingOccurrences(of: RequestClass.tenantPlaceholder, with: id)) }
        let address = "10.\((tenant >> 16) & 0xFF).\((tenant >> 8) & 0xFF).\(tenant & 0xFF)"
        return RequestAttributes(authority: authority, path: path, method: method, headerLines: resolved, sourceIP: address)
    }
}
