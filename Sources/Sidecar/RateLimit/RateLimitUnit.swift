/// The time unit of a rate-limit service limit. Windows are fixed and aligned to the unit in
/// Unix seconds: a month is 30 days and a year 365 days, as the service counts them.
public enum RateLimitUnit: String, CaseIterable, Hashable, Sendable {
    case second
    case minute
    case hour
    case day
    case week
    case month
    case year

    /// The unit's length in seconds (`UnitToDivider` in the service).
    public var seconds: Int64 {
        switch self {
        case .second: return 1
        case .minute: return 60
        case .hour: return 3_600
        case .day: return 86_400
        case .week: return 604_800
        case .month: return 2_592_000
        case .year: return 31_536_000
        }
    }

    /// The unit a configuration names, in any case (`second`, `SECOND`); nil for an unknown
    /// name, as the service's `strings.ToUpper` lookup.
    public init?(configName: String) {
        guard let unit = RateLimitUnit(rawValue: configName.lowercased()) else { return nil }
        self = unit
    }

    /// The position of the unit in `allCases`, for per-unit tables.
    var index: Int {
        switch self {
        case .second: return 0
        case .minute: return 1
        case .hour: return 2
        case .day: return 3
        case .week: return 4
        case .month: return 5
        case .year: return 6
        }
    }
}
