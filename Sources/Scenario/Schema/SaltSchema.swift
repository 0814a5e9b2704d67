import Fleet
import SimKernel

/// Reads `salt:`: the master every fleet's minions use, and their highstates.
///
/// ```yaml
/// salt: { worker_threads: 5, request_cpu: { uniform: { min: 50ms, max: 200ms } }, requests_per_highstate: 30,
///         highstate: { lognormal: { median: 45s, p99: 11m } }, failure_probability: 0.03, timeout: 30m }
/// ```
enum SaltSchema {
    static func read(_ node: YAMLNode?) throws(Diagnostic) -> SaltConfiguration {
        var salt = SaltConfiguration()
        guard let node else { return salt }
        var r = try MappingReader(node, context: "'salt'")
        salt.workerThreads = try r.optional("worker_threads")?.integer("'salt.worker_threads'", in: 1...10_000) ?? salt.workerThreads
        if let n = r.optional("request_cpu") { salt.requestCPU = try DistributionSchema.read(n, "'salt.request_cpu'", values: .durations) }
        salt.requestsPerHighstate = try r.optional("requests_per_highstate")?.integer("'salt.requests_per_highstate'", in: 1...100_000)
            ?? salt.requestsPerHighstate
        if let n = r.optional("highstate") { salt.highstate = try DistributionSchema.read(n, "'salt.highstate'", values: .durations) }
        salt.failureProbability = try r.optional("failure_probability")?.probability("'salt.failure_probability'") ?? salt.failureProbability
        salt.timeout = try r.optional("timeout")?.positiveDuration("'salt.timeout'") ?? salt.timeout
        try r.finish()
        return salt
    }
}
