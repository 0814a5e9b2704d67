import SimKernel

/// Envoy's outlier detection settings, with Envoy's defaults.
public struct OutlierDetectionConfiguration: Sendable, Equatable {
    public var consecutive5xx = 5
    public var enforcingConsecutive5xx = 100
    public var consecutiveGatewayFailure = 5
    public var enforcingConsecutiveGatewayFailure = 0
    public var interval = SimTime.seconds(10)
    public var baseEjectionTime = SimTime.seconds(30)
    public var maxEjectionTime = SimTime.seconds(300)
    public var maxEjectionPercent = 10
    public var successRateMinimumHosts = 5
    public var successRateRequestVolume = 100
    /// Standard deviations below the mean, in thousandths (1900 = 1.9).
    public var successRateStdevFactor = 1900
    public var enforcingSuccessRate = 100
    public var failurePercentageThreshold = 85
    public var enforcingFailurePercentage = 0
    public var failurePercentageMinimumHosts = 5
    public var failurePercentageRequestVolume = 50

    public init() {}
}

/// What an upstream call came to, as outlier detection sees it. Without split local-origin
/// errors, Envoy maps a timeout to 504, a connect failure to 503 and a reset to 500.
public enum CallResult: Equatable, Sendable {
    case status(UInt16)
    case timeout
    case connectFailure
    case reset

    public var effectiveStatus: UInt16 {
        switch self {
        case .status(let status): return status
        case .timeout: return 504
        case .connectFailure: return 503
        case .reset: return 500
        }
    }
}

/// One proxy's outlier detector for one cluster (each Envoy sees only its own traffic).
///
/// Consecutive 5xx and gateway failures eject at once; success-rate and failure-percentage
/// ejections and un-ejections happen at each `interval` tick. An ejection lasts
/// `min(base * backoff, max)`, where the backoff grows with each ejection and shrinks by one
/// at every tick the host spends un-ejected. At most `maxEjectionPercent` of the hosts are
/// ejected at once, but the first ejection is always allowed.
public struct OutlierDetector: Sendable {
    public struct Host: Sendable {
        public var consecutive5xx = 0
        public var consecutiveGatewayFailures = 0
        public var ejected = false
        public var ejectedAt = SimTime.zero
        public var backoff = 0
        public var intervalSuccesses = 0
        public var intervalFailures = 0
    }

    public enum Reason: Int, Sendable, CaseIterable {
        case consecutive5xx
        case consecutiveGatewayFailure
        case successRate
        case failurePercentage
    }

    /// What became of a detected outlier.
    public enum Decision: Equatable, Sendable {
        case ejected(Reason)
        /// Detected, but the enforcing percentage said no.
        case notEnforced(Reason)
        /// Detected, but `maxEjectionPercent` of the hosts are already ejected.
        case overflow(Reason)
    }

    public let configuration: OutlierDetectionConfiguration
    public private(set) var hosts: [Host]
    public private(set) var ejectedCount = 0

    public init(_ configuration: OutlierDetectionConfiguration, hosts: Int) {
        self.configuration = configuration
        self.hosts = Array(repeating: Host(), count: hosts)
    }

    public func isEjected(_ host: Int) -> Bool { hosts[host].ejected }

    /// Records the result of a call to `host`; returns what was decided if it made the host an
    /// outlier.
    public mutating func record<R: EnvoyRandom>(_ result: CallResult, host: Int, at now: SimTime, random: inout R) -> Decision? {
        let status = result.effectiveStatus
        if status >= 500 {
            hosts[host].intervalFailures += 1
            hosts[host].consecutive5xx += 1
            let gateway = (502...504).contains(status)
            if gateway {
                hosts[host].consecutiveGatewayFailures += 1
            } else {
                hosts[host].consecutiveGatewayFailures = 0
            }
            var decision: Decision?
            if hosts[host].consecutive5xx >= configuration.consecutive5xx {
                hosts[host].consecutive5xx = 0
                decision = tryEject(host, .consecutive5xx, enforcing: configuration.enforcingConsecutive5xx, at: now, random: &random)
                if decision == .ejected(.consecutive5xx) { return decision }
            }
            if gateway, hosts[host].consecutiveGatewayFailures >= configuration.consecutiveGatewayFailure {
                hosts[host].consecutiveGatewayFailures = 0
                return tryEject(host, .consecutiveGatewayFailure, enforcing: configuration.enforcingConsecutiveGatewayFailure, at: now, random: &random)
            }
            return decision
        }
        hosts[host].intervalSuccesses += 1
        hosts[host].consecutive5xx = 0
        hosts[host].consecutiveGatewayFailures = 0
        return nil
    }

    /// The periodic evaluation: un-ejects hosts whose time is up, then looks for success-rate
    /// and failure-percentage outliers. Returns the hosts brought back and the decisions about
    /// outliers, each in host order.
    public mutating func tick<R: EnvoyRandom>(at now: SimTime, random: inout R) -> (returned: [Int], decisions: [(host: Int, decision: Decision)]) {
        var returned: [Int] = []
        var decisions: [(host: Int, decision: Decision)] = []
        for index in hosts.indices {
            if hosts[index].ejected {
                if now - hosts[index].ejectedAt >= ejectionDuration(backoff: hosts[index].backoff) {
                    hosts[index].ejected = false
                    ejectedCount -= 1
                    returned.append(index)
                }
            } else if hosts[index].backoff > 0 {
                hosts[index].backoff -= 1
            }
        }
        for host in successRateOutliers() {
            decisions.append((host, tryEject(host, .successRate, enforcing: configuration.enforcingSuccessRate, at: now, random: &random)))
        }
        for host in failurePercentageOutliers() where !hosts[host].ejected {
            decisions.append((host, tryEject(host, .failurePercentage, enforcing: configuration.enforcingFailurePercentage, at: now, random: &random)))
        }
        for index in hosts.indices {
            hosts[index].intervalSuccesses = 0
            hosts[index].intervalFailures = 0
        }
        return (returned, decisions)
    }

    public func ejectionDuration(backoff: Int) -> SimTime {
        let base = configuration.baseEjectionTime * Int64(max(backoff, 1))
        return min(base, configuration.maxEjectionTime)
    }

    /// Hosts whose success rate over the interval lies more than the stdev factor below the
    /// mean of the hosts with enough requests, when enough hosts qualify.
    private func successRateOutliers() -> [Int] {
        var rates: [(host: Int, rate: Double)] = []
        for (index, host) in hosts.enumerated() where !host.ejected {
            let total = host.intervalSuccesses + host.intervalFailures
            if total >= configuration.successRateRequestVolume {
                rates.append((index, 100 * Double(host.intervalSuccesses) / Double(total)))
            }
        }
        guard rates.count >= configuration.successRateMinimumHosts, !rates.isEmpty else { return [] }
        let mean = rates.reduce(0) { $0 + $1.rate } / Double(rates.count)
        let variance = rates.reduce(0) { $0 + ($1.rate - mean) * ($1.rate - mean) } / Double(rates.count)
        let threshold = mean - Double(configuration.successRateStdevFactor) / 1000 * variance.squareRoot()
        return rates.filter { $0.rate < threshold }.map(\.host)
    }

    private func failurePercentageOutliers() -> [Int] {
        var qualifying: [(host: Int, failure: Double)] = []
        for (index, host) in hosts.enumerated() where !host.ejected {
            let total = host.intervalSuccesses + host.intervalFailures
            if total >= configuration.failurePercentageRequestVolume {
                qualifying.append((index, 100 * Double(host.intervalFailures) / Double(total)))
            }
        }
        guard qualifying.count >= configuration.failurePercentageMinimumHosts else { return [] }
        return qualifying.filter { $0.failure >= Double(configuration.failurePercentageThreshold) }.map(\.host)
    }

    private mutating func tryEject<R: EnvoyRandom>(_ host: Int, _ reason: Reason, enforcing: Int, at now: SimTime, random: inout R) -> Decision {
        // Envoy's runtime feature check draws only when the outcome is in doubt.
        let enforced = enforcing >= 100 || (enforcing > 0 && Int(random.random() % 100) < enforcing)
        guard enforced else { return .notEnforced(reason) }
        guard 100 * Double(ejectedCount) / Double(hosts.count) < Double(configuration.maxEjectionPercent) else {
            return .overflow(reason)
        }
        if configuration.baseEjectionTime * Int64(hosts[host].backoff) < configuration.maxEjectionTime + configuration.baseEjectionTime {
            hosts[host].backoff += 1
        }
        hosts[host].ejected = true
        hosts[host].ejectedAt = now
        ejectedCount += 1
        return .ejected(reason)
    }

    /// Forgets a host's history, as when it returns to service as a new instance.
    public mutating func resetHost(_ host: Int) {
        if hosts[host].ejected { ejectedCount -= 1 }
        hosts[host] = Host()
    }
}
