import EdgeProxy
import SimKernel

/// `edge.virtual_hosts` in Envoy's own shape, as Schema/RouteSchema.swift reads it.
enum RouteJSONSchema {
    /// `RetryOn(parsing:)`: Envoy's condition names; one list item may also hold several,
    /// comma-separated, as Envoy's own `retry_on` string does.
    static let retryConditions = RetryOn.names.map(\.name)
    static let retryConditionListPattern: String = {
        let name = "(" + retryConditions.joined(separator: "|") + ")"
        let space = "[ \\t\\n\\r\\f\\v]*"
        return "^\(space)\(name)?(\(space),\(space)\(name)?)*\(space)$"
    }()

    static let headerRules = ["exact", "prefix", "suffix", "contains", "safe_regex", "present", "range"]
    static let hashPolicies = ["header", "cookie", "connection_properties", "query_parameter"]

    static let definitions: [String: JSONSchema] = [
        "virtualHost": JSONSchema.object([
            .optional("name", .ref("text"), "The virtual host's name. Default: vhost-<number>."),
            .required(
                "domains", .oneOrMore(.ref("text")),
                "Host names it serves: exact (jira.example.com), suffix (*.atlassian.net), prefix (jira.*) or '*'."),
            .optional("retry", .ref("retryPolicy"), "Retry policy for routes that have none of their own."),
            .required("routes", .array(of: .ref("route"), minItems: 1), "Routes, matched in order; the first match wins."),
        ]).described("An Envoy virtual host: domains and the routes for them."),
        "route": JSONSchema.object([
            .optional("name", .ref("text"), "The route's name."),
            .required("match", .ref("routeMatch"), "Which requests the route takes."),
            .required("route", .ref("routeAction"), "Where they go, with timeout, retries and hashing."),
        ]).described("An Envoy route."),
        "routeMatch": JSONSchema.object([
            .optional("prefix", .ref("text"), "The path starts with this."),
            .optional("path", .ref("text"), "The path is exactly this."),
            .optional("safe_regex", .ref("text"), "The path matches this regular expression (RE2 syntax)."),
            .optional("case_sensitive", .ref("boolean"), "Whether prefix and path compare case-sensitively.", default: true),
            .optional("headers", .oneOrMore(.ref("headerMatcher")), "Header matchers that must all match too."),
        ]).exactlyOne(of: ["prefix", "path", "safe_regex"])
            .described("Exactly one of prefix, path and safe_regex, and optional header matchers."),
        "headerMatcher": JSONSchema.object([
            .required("name", .ref("text"), "The header's name."),
            .optional("exact", .ref("text"), "The value is exactly this."),
            .optional("prefix", .ref("text"), "The value starts with this."),
            .optional("suffix", .ref("text"), "The value ends with this."),
            .optional("contains", .ref("text"), "The value contains this."),
            .optional("safe_regex", .ref("text"), "The value matches this regular expression."),
            .optional("present", .ref("boolean"), "The header is present (true) or absent (false)."),
            .optional(
                "range",
                .object([
                    .required("start", .integer(), "Smallest value, inclusive."),
                    .required("end", .integer(), "End of the range, exclusive (above start)."),
                ]),
                "The value is an integer in [start, end)."),
            .optional("invert_match", .ref("boolean"), "Invert the result.", default: false),
        ]).exactlyOne(of: headerRules)
            .described("An Envoy header matcher: a name and exactly one of \(headerRules.joined(separator: ", "))."),
        "routeAction": JSONSchema.object([
            .optional("cluster", .ref("text"), "The cluster (from edge.clusters) requests go to."),
            .optional(
                "weighted_clusters", .map(names: .string(pattern: ScalarJSONSchema.namePattern), values: .integer(0...Int(UInt32.max)), minProperties: 1),
                "Clusters with integer weights (at least one above zero): { web: 90, canary: 10 }."),
            .optional(
                "timeout", .ref("duration"), "The route's timeout for the whole request, retries included; 0s disables it.",
                default: ScalarJSONSchema.duration(RouteAction.defaultTimeout)),
            .optional("retry", .ref("retryPolicy"), "The route's retry policy (overrides the virtual host's)."),
            .optional("hash_policy", .oneOrMore(.ref("hashPolicy")), "How ring hash and Maglev hash the request, in order."),
        ]).exactlyOne(of: ["cluster", "weighted_clusters"])
            .described("Exactly one of cluster and weighted_clusters, with timeout, retries and hash policies."),
        "retryPolicy": JSONSchema.object([
            .required(
                "retry_on", .oneOrMore(.ref("retryCondition")),
                "Conditions that trigger a retry: \(retryConditions.joined(separator: ", "))."),
            .optional("num_retries", .integer(0...255), "Retries allowed per request.", default: 1),
            .optional("per_try_timeout", .ref("duration"), "Timeout of each try; left out or 0s, each try has only the route's timeout."),
            .optional(
                "retriable_status_codes", .oneOrMore(.integer(100...599)),
                "Status codes retried under the retriable-status-codes condition."),
            .optional(
                "retry_back_off",
                .object([
                    .required("base_interval", .ref("positiveDuration"), "Base of the jittered exponential back-off."),
                    .optional("max_interval", .ref("positiveDuration"), "Longest back-off. Default: ten times base_interval."),
                ]),
                "Envoy's jittered exponential back-off between tries. Default: base \(DurationText.format(RetryPolicy.defaultBaseInterval)), at most ten times that."),
            .optional(
                "retry_host_predicate", .oneOrMore(.choice(["previous_hosts"])),
                "previous_hosts: a retry avoids the hosts already tried."),
            .optional(
                "host_selection_retry_max_attempts", .integer(1...100),
                "Host picks a retry makes to find one the predicates accept.", default: 1),
        ]).described("An Envoy retry policy."),
        "retryCondition": JSONSchema.anyOf([
            .choice(retryConditions),
            .string(pattern: retryConditionListPattern),
        ]).described("A retry condition (\(retryConditions.joined(separator: ", "))), or several separated by commas."),
        "hashPolicy": JSONSchema.object([
            .optional(
                "header",
                .object([
                    .required("header_name", .ref("text"), "The header whose value is hashed."),
                    .optional(
                        "regex_rewrite",
                        .object([
                            .required("pattern", .ref("text"), "Regular expression to replace."),
                            .required("substitution", .ref("text"), "Its replacement."),
                        ]),
                        "Rewrite the value before hashing."),
                ]),
                "Hash a request header."),
            .optional(
                "cookie",
                .object([
                    .required("name", .ref("text"), "The cookie's name."),
                    .optional("ttl", .ref("duration"), "Generate the cookie with this time to live when absent."),
                    .optional("path", .ref("text"), "The generated cookie's path."),
                ]),
                "Hash a cookie."),
            .optional(
                "connection_properties",
                .object([.required("source_ip", .ref("true"), "Hash the client's address (must be true).")]),
                "Hash a property of the downstream connection."),
            .optional(
                "query_parameter", .object([.required("name", .ref("text"), "The parameter's name.")]),
                "Hash a query parameter."),
            .optional("terminal", .ref("boolean"), "Stop at this policy when it yields a hash.", default: false),
        ]).exactlyOne(of: hashPolicies)
            .described("An Envoy hash policy: exactly one of \(hashPolicies.joined(separator: ", ")), and terminal."),
    ]
}
