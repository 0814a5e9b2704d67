import AWSModels

/// An SDK client's retry policy as Schema/SDKRetrySchema.swift reads it: a preset, or a
/// preset with some values changed. Legacy retries differ by SDK, so they need max_attempts
/// and keep no retry quota.
enum SDKRetryJSONSchema {
    private static let presetsWithQuota = SDKRetrySchema.presets.filter { $0 != "legacy" }
    private static let standard = SDKRetryPolicy.standard2025()

    static let definitions: [String: JSONSchema] = [
        "sdkRetry": JSONSchema.anyOf([
            JSONSchema.choice(presetsWithQuota).described("A preset by name (legacy needs { preset: legacy, max_attempts: N })."),
            .ref("sdkRetrySettings"),
        ]).described(
            "A retry preset (\(SDKRetrySchema.presets.joined(separator: ", "))), or one with some values changed. "
                + "standard-2026 for a DynamoDB client is the 2026 DynamoDB table (4 attempts, 25 ms).")
            .examples(["standard-2025", ["preset": "legacy", "max_attempts": 5], ["preset": "standard-2025", "base_delay": "50ms"]]),
        "sdkRetrySettings": JSONSchema.object([
            .required("preset", .choice(SDKRetrySchema.presets), "The preset the other values change."),
            .optional("max_attempts", .integer(1...100), "Attempts in all, the first included (needed for legacy). Default: the preset's."),
            .optional("base_delay", .ref("duration"), "Backoff base after transient errors and timeouts. Default: the preset's."),
            .optional("throttling_base_delay", .ref("duration"), "Backoff base after throttling errors. Default: the preset's."),
            .optional(
                "max_backoff", .ref("duration"), "The cap on one backoff (MAX_BACKOFF).", default: ScalarJSONSchema.duration(standard.maxBackoff)),
            .optional(
                "retry_quota", .integer(0...1_000_000), "Tokens the retry quota starts with (not for legacy, which keeps none).",
                default: .integer(RetryQuotaParameters.standard2025.initialTokens)),
        ]).with("anyOf", [
            ["properties": ["preset": ["enum": .array(presetsWithQuota.map(JSONValue.string))]]],
            [
                "required": ["max_attempts"],
                "properties": ["preset": ["const": "legacy"], "max_attempts": ["type": "integer"], "retry_quota": ["type": "null"]],
            ],
        ]).described("A retry preset with some of its values changed."),
    ]
}
