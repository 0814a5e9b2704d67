import SimKernel

/// Active health checking settings. Envoy requires interval, timeout and both thresholds.
public struct HealthCheckConfiguration: Sendable, Equatable {
    public var interval: SimTime
    public var timeout: SimTime
    public var healthyThreshold: Int
    public var unhealthyThreshold: Int
    /// Interval while a host is unhealthy (Envoy: defaults to `interval`).
    public var unhealthyInterval: SimTime?

    public init(interval: SimTime, timeout: SimTime, healthyThreshold: Int, unhealthyThreshold: Int, unhealthyInterval: SimTime? = nil) {
        precondition(interval > .zero && timeout > .zero && healthyThreshold > 0 && unhealthyThreshold > 0)
        self.interval = interval
        self.timeout = timeout
        self.healthyThreshold = healthyThreshold
        self.unhealthyThreshold = unhealthyThreshold
        self.unhealthyInterval = unhealthyInterval
    }
}

/// One proxy's view of the health of a cluster's hosts, driven by check results.
///
/// A failed check of a healthy host counts towards `unhealthyThreshold` consecutive failures
/// (connection failures and timeouts do; an unexpected HTTP status makes the host unhealthy at
/// once); a failed host needs `healthyThreshold` consecutive successes, except at its very
/// first check, which makes it healthy at once.
public struct HealthChecker: Sendable {
    public enum Result: Sendable, Equatable {
        case success
        /// A connection failure or a timeout.
        case networkFailure
        /// An HTTP status outside the expected ones.
        case unexpectedStatus
    }

    public struct Host: Sendable {
        public var healthy = false
        public var checked = false
        public var successes = 0
        public var failures = 0
    }

    public let configuration: HealthCheckConfiguration
    public private(set) var hosts: [Host]
    public private(set) var checks: UInt64 = 0
    public private(set) var failedChecks: UInt64 = 0

    public init(_ configuration: HealthCheckConfiguration, hosts: Int) {
        self.configuration = configuration
        self.hosts = Array(repeating: Host(), count: hosts)
    }

    public func isHealthy(_ host: Int) -> Bool { hosts[host].healthy }

    /// Applies one check result; returns the host's new health if it changed.
    public mutating func record(_ result: Result, host index: Int) -> Bool? {
        checks += 1
        var host = hosts[index]
        defer { hosts[index] = host }
        let first = !host.checked
        host.checked = true
        switch result {
        case .success:
            host.failures = 0
            host.successes += 1
            if !host.healthy, first || host.successes >= configuration.healthyThreshold {
                host.healthy = true
                host.successes = 0
                return true
            }
            return nil
        case .networkFailure, .unexpectedStatus:
            failedChecks += 1
            host.successes = 0
            host.failures += 1
            if host.healthy, result == .unexpectedStatus || host.failures >= configuration.unhealthyThreshold {
                host.healthy = false
                host.failures = 0
                return false
            }
            return nil
        }
    }

    public mutating func resetHost(_ index: Int) {
        hosts[index] = Host()
    }

    public mutating func resetStatistics() {
        checks = 0
        failedChecks = 0
    }
}
