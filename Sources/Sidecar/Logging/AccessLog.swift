import SimKernel

/// How a sidecar's access log behaves: records go into a bounded buffer, which is flushed
/// in batches (when `flushRecords` are waiting, or every `flushInterval`) to a log shipper
/// that writes `shipperRate` records per second.
public struct AccessLogConfiguration: Sendable, Equatable {
    public enum Overflow: String, Sendable {
        /// A record that finds the buffer full is dropped (and counted).
        case drop
        /// The request waits until the buffer has room: back-pressure.
        case block
    }

    public var bufferRecords: Int
    public var flushRecords: Int
    public var flushInterval: SimTime
    public var shipperRate: Double
    public var overflow: Overflow

    public init(bufferRecords: Int = 10_000, flushRecords: Int = 500, flushInterval: SimTime = .seconds(1), shipperRate: Double = 20_000, overflow: Overflow = .drop) {
        precondition(bufferRecords > 0 && flushRecords > 0 && flushRecords <= bufferRecords && flushInterval > .zero && shipperRate > 0)
        self.bufferRecords = bufferRecords
        self.flushRecords = flushRecords
        self.flushInterval = flushInterval
        self.shipperRate = shipperRate
        self.overflow = overflow
    }
}

/// The state of one access log: every record produced is buffered, in transit to the
/// shipper, written, or dropped, and the four counts always add up.
public struct AccessLog: Sendable {
    public let configuration: AccessLogConfiguration
    public private(set) var produced = Counter()
    public private(set) var written = Counter()
    public private(set) var dropped = Counter()
    public private(set) var flushes = Counter()
    /// Records waiting in the buffer.
    public private(set) var buffered = 0
    /// Records handed to the shipper and not yet written.
    public private(set) var inTransit = 0
    public private(set) var bufferLevel = TimeWeightedValue()

    public init(_ configuration: AccessLogConfiguration) {
        self.configuration = configuration
    }

    public var isFull: Bool { buffered >= configuration.bufferRecords }
    public var isShipping: Bool { inTransit > 0 }

    /// Appends one record; false if it was dropped because the buffer is full (the caller
    /// decides, by the overflow policy, whether to drop or to wait).
    public mutating func append(at now: SimTime) -> Bool {
        produced.increment()
        guard !isFull else {
            dropped.increment()
            return false
        }
        buffered += 1
        bufferLevel.set(Double(buffered), at: now)
        return true
    }

    /// A record that waited for room (back-pressure) enters the buffer: it was produced
    /// earlier and not dropped.
    public mutating func appendWaiting(at now: SimTime) {
        precondition(!isFull)
        produced.increment()
        buffered += 1
        bufferLevel.set(Double(buffered), at: now)
    }

    /// Whether a flush should start now: enough records wait and the shipper is free.
    public var wantsFlush: Bool { !isShipping && buffered >= configuration.flushRecords }

    /// Hands the buffer to the shipper; returns how long writing the batch takes, or nil
    /// when there is nothing to ship or the shipper is busy.
    public mutating func startFlush(at now: SimTime) -> SimTime? {
        guard !isShipping, buffered > 0 else { return nil }
        inTransit = buffered
        buffered = 0
        bufferLevel.set(0, at: now)
        flushes.increment()
        return SimTime(seconds: Double(inTransit) / configuration.shipperRate)
    }

    public mutating func finishFlush() {
        written.increment(by: UInt64(inTransit))
        inTransit = 0
    }

    public mutating func resetStatistics(at now: SimTime) {
        produced.reset()
        written.reset()
        dropped.reset()
        flushes.reset()
        bufferLevel.reset(at: now)
    }
}
