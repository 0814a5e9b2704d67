import Fleet

/// `salt:` as Schema/SaltSchema.swift reads it.
enum SaltJSONSchema {
    static let properties: [JSONSchema.Property] = [
        .optional("salt", .ref("salt"), "The Salt master and the highstates of every fleet's minions (needs 'fleets')."),
    ]

    private static let salt = SaltConfiguration()

    static let definitions: [String: JSONSchema] = [
        "salt": JSONSchema.object([
            .optional("worker_threads", .integer(1...10_000), "The master's worker threads: minion requests queue for them.", default: .integer(salt.workerThreads)),
            .optional("request_cpu", .ref("distribution"), "Master CPU per request. Default: uniform between 50ms and 200ms."),
            .optional(
                "requests_per_highstate", .integer(1...100_000), "Master requests of one highstate (auth, pillar, files, the return).",
                default: .integer(salt.requestsPerHighstate)),
            .optional(
                "highstate", .ref("distribution"),
                "The minion's apply time. Default: lognormal, median 45s, p95 5m, with a 2% mode around 20m (mirror stalls)."),
            .optional(
                "failure_probability", .ref("probability"), "Probability that a highstate fails (some states fail).",
                default: .real(salt.failureProbability)),
            .optional(
                "timeout", .ref("positiveDuration"), "A highstate not returned by then has failed (minion did not return).",
                default: ScalarJSONSchema.duration(salt.timeout)),
        ]).described("SaltStack (spec section 4.4; the defaults are assumptions)."),
    ]
}
