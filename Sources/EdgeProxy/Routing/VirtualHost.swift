/// A virtual host: the domains it answers for and its ordered routes.
public struct VirtualHost: Sendable {
    public let name: String
    /// Exact names (`api.example.com`), suffix wildcards (`*.example.com`, `*-eu.example.com`),
    /// prefix wildcards (`api.*`) or the default `*`; compared lower-cased.
    public let domains: [String]
    public let routes: [Route]
    /// Used by routes that have no retry policy of their own.
    public let retryPolicy: RetryPolicy?

    public init(name: String, domains: [String], routes: [Route], retryPolicy: RetryPolicy? = nil) {
        self.name = name
        self.domains = domains
        self.routes = routes
        self.retryPolicy = retryPolicy
    }
}
