/// The load-balancing policy of a cluster (Envoy's `lb_policy` / load-balancing policy
/// extensions), with each policy's own settings at Envoy's defaults.
public enum LoadBalancerPolicy: Sendable, Equatable {
    case roundRobin
    case leastRequest(LeastRequestConfig = LeastRequestConfig())
    case random
    case ringHash(RingHashConfig = RingHashConfig())
    case maglev(MaglevConfig = MaglevConfig())

    /// Ring hash and Maglev build a table per priority and look the request hash up in it
    /// (Envoy's thread-aware balancers); the others pick per host source.
    public var isHashBased: Bool {
        switch self {
        case .ringHash, .maglev: true
        case .roundRobin, .leastRequest, .random: false
        }
    }

    /// Checks the settings Envoy rejects at configuration time.
    public func validate() throws(LoadBalancerConfigError) {
        switch self {
        case .ringHash(let config): try config.validate()
        case .maglev(let config): try config.validate()
        case .leastRequest(let config): try config.validate()
        case .roundRobin, .random: break
        }
    }
}

/// Settings shared by every policy (`CommonLbConfig` and the cluster's host sets).
public struct CommonLoadBalancerConfig: Sendable, Equatable {
    /// `healthy_panic_threshold` in percent (default 50); rounded to an integer as Envoy's
    /// `PROTOBUF_PERCENT_TO_ROUNDED_INTEGER_OR_DEFAULT` does; 0 disables panic.
    public var healthyPanicThreshold: Double
    /// `overprovisioning_factor` in percent (default 140, i.e. 1.4).
    public var overprovisioningFactor: UInt32
    /// Zone-aware `fail_traffic_on_panic`: a priority in panic yields no host instead of all
    /// hosts (round robin, least request and random only, as in Envoy).
    public var failTrafficOnPanic: Bool
    /// `locality_weighted_lb_config`: ring hash and Maglev scale host weights by the
    /// normalised locality weights. (The EDF choice of a locality for round robin, least
    /// request and random is not modelled.)
    public var localityWeightedBalancing: Bool

    public init(
        healthyPanicThreshold: Double = 50,
        overprovisioningFactor: UInt32 = 140,
        failTrafficOnPanic: Bool = false,
        localityWeightedBalancing: Bool = false
    ) {
        self.healthyPanicThreshold = healthyPanicThreshold
        self.overprovisioningFactor = overprovisioningFactor
        self.failTrafficOnPanic = failTrafficOnPanic
        self.localityWeightedBalancing = localityWeightedBalancing
    }

    /// The threshold as the integer percent Envoy compares against, capped at 100.
    public var panicThresholdPercent: UInt32 {
        let rounded = healthyPanicThreshold.rounded(.toNearestOrAwayFromZero)
        guard rounded > 0 else { return 0 }
        return UInt32(min(100, rounded))
    }
}

/// `least_request` settings.
public struct LeastRequestConfig: Sendable, Equatable {
    /// How the unweighted path samples hosts.
    public enum SelectionMethod: Sendable, Equatable {
        /// Draw `choiceCount` hosts with replacement, keep the one with fewest active requests.
        case nChoices
        /// Scan every host; ties for the minimum are broken by reservoir sampling.
        case fullScan
    }

    /// `choice_count` (default 2).
    public var choiceCount: UInt32
    /// `active_request_bias`; nil means not configured (then 1.0, and equal weights keep the
    /// unweighted path). Negative or NaN values fall back to 1.0 as Envoy does. When set,
    /// the newest Envoy uses the weighted (EDF) path even for equal weights.
    public var activeRequestBias: Double?
    /// `selection_method` (default N_CHOICES).
    public var selectionMethod: SelectionMethod

    public init(choiceCount: UInt32 = 2, activeRequestBias: Double? = nil, selectionMethod: SelectionMethod = .nChoices) {
        self.choiceCount = choiceCount
        self.activeRequestBias = activeRequestBias
        self.selectionMethod = selectionMethod
    }

    /// The exponent applied to `active + 1` in the weighted path.
    public var effectiveActiveRequestBias: Double {
        guard let bias = activeRequestBias, bias >= 0, !bias.isNaN else { return 1.0 }
        return bias
    }

    /// Whether equal host weights still go through the EDF scheduler.
    public var alwaysUsesWeightedSelection: Bool { activeRequestBias != nil }

    /// The proto requires `choice_count >= 2`.
    public func validate() throws(LoadBalancerConfigError) {
        if choiceCount < 2 {
            throw LoadBalancerConfigError("least request: choice_count (\(choiceCount)) must be at least 2")
        }
    }
}

/// The hash function ring hash places hosts with.
public enum RingHashFunction: Sendable, Equatable {
    case xxHash
    case murmurHash2
}

/// `ring_hash` settings.
public struct RingHashConfig: Sendable, Equatable {
    /// `minimum_ring_size` (default 1024).
    public var minimumRingSize: UInt64
    /// `maximum_ring_size` (default 8M).
    public var maximumRingSize: UInt64
    /// `hash_function` (default XX_HASH).
    public var hashFunction: RingHashFunction

    public init(minimumRingSize: UInt64 = 1024, maximumRingSize: UInt64 = 8 * 1024 * 1024, hashFunction: RingHashFunction = .xxHash) {
        self.minimumRingSize = minimumRingSize
        self.maximumRingSize = maximumRingSize
        self.hashFunction = hashFunction
    }

    public func validate() throws(LoadBalancerConfigError) {
        if minimumRingSize > maximumRingSize {
            throw LoadBalancerConfigError(
                "ring hash: minimum_ring_size (\(minimumRingSize)) > maximum_ring_size (\(maximumRingSize))")
        }
    }
}

/// `maglev` settings.
public struct MaglevConfig: Sendable, Equatable {
    public static let defaultTableSize: UInt64 = 65537

    /// `table_size`, a prime (default 65537).
    public var tableSize: UInt64

    public init(tableSize: UInt64 = MaglevConfig.defaultTableSize) {
        self.tableSize = tableSize
    }

    public func validate() throws(LoadBalancerConfigError) {
        if !Self.isPrime(tableSize) {
            throw LoadBalancerConfigError("The table size of maglev must be prime number")
        }
    }

    static func isPrime(_ value: UInt64) -> Bool {
        if value < 2 { return false }
        if value < 4 { return true }
        if value % 2 == 0 { return false }
        var divisor: UInt64 = 3
        while divisor <= value / divisor {
            if value % divisor == 0 { return false }
            divisor += 2
        }
        return true
    }
}

/// A configuration Envoy refuses, with Envoy's message.
public struct LoadBalancerConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
