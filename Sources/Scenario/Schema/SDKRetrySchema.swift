import AWSModels
import SimKernel

/// Reads an SDK client's retry policy: a preset, or a preset with some values changed.
///
/// ```yaml
/// sdk:
///   dynamodb: standard-2026                  # standard-2025 | standard-2026 | adaptive-2025 | adaptive-2026 | legacy
///   sqs: { preset: standard-2025, max_attempts: 5, base_delay: 50ms, throttling_base_delay: 500ms, max_backoff: 20s }
/// ```
/// `standard-2026` for a DynamoDB client is the 2026 DynamoDB table (4 attempts, 25 ms);
/// `legacy` needs `max_attempts`, which differs by SDK.
enum SDKRetrySchema {
    static let presets = ["standard-2025", "standard-2026", "adaptive-2025", "adaptive-2026", "legacy"]

    static func read(_ node: YAMLNode, _ what: String, dynamoDB: Bool) throws(Diagnostic) -> SDKRetryPolicy {
        if case .scalar = node.content {
            let preset = try node.choice(what, among: presets)
            guard preset != "legacy" else {
                throw Diagnostic.error(at: node.location, "\(what): legacy retries differ by SDK; give { preset: legacy, max_attempts: N }")
            }
            return policy(preset, maxAttempts: nil, dynamoDB: dynamoDB)
        }
        var r = try MappingReader(node, context: what)
        let presetNode = try r.required("preset")
        let preset = try presetNode.choice("\(what) preset", among: presets)
        let attemptsNode = r.optional("max_attempts")
        let attempts = try attemptsNode?.integer("\(what) max_attempts", in: 1...100)
        if preset == "legacy", attempts == nil {
            throw Diagnostic.error(at: node.location, "\(what): legacy retries differ by SDK; give max_attempts")
        }
        var policy = policy(preset, maxAttempts: attempts, dynamoDB: dynamoDB)
        if let base = r.optional("base_delay") { policy.transientBaseDelay = try base.duration("\(what) base_delay") }
        if let base = r.optional("throttling_base_delay") { policy.throttlingBaseDelay = try base.duration("\(what) throttling_base_delay") }
        if let cap = r.optional("max_backoff") { policy.maxBackoff = try cap.duration("\(what) max_backoff") }
        if let tokens = r.optional("retry_quota") {
            guard var quota = policy.quota else {
                throw Diagnostic.error(at: tokens.location, "\(what): legacy retries keep no retry quota")
            }
            quota.initialTokens = try tokens.integer("\(what) retry_quota", in: 0...1_000_000)
            policy.quota = quota
        }
        try r.finish()
        return policy
    }

    private static func policy(_ preset: String, maxAttempts: Int?, dynamoDB: Bool) -> SDKRetryPolicy {
        var policy: SDKRetryPolicy
        switch preset {
        case "standard-2026": policy = .standard2026(dynamoDB: dynamoDB)
        case "adaptive-2025": policy = .adaptive(.standard2025())
        case "adaptive-2026": policy = .adaptive(.standard2026(dynamoDB: dynamoDB))
        // `read` insists on max_attempts for legacy retries.
        case "legacy": policy = .legacy(maxAttempts: maxAttempts!)
        default: policy = .standard2025()
        }
        if let maxAttempts { policy.maxAttempts = maxAttempts }
        return policy
    }
}
