import SimKernel

/// FIFO deduplication: a deduplication id seen less than `interval` ago makes a send
/// succeed without storing a message. The interval runs from the first successful send and
/// outlives the message's deletion, as in SQS.
///
/// The dictionary is used for lookups only; expiry walks a FIFO list (all entries live the
/// same interval, so they expire in the order they were made), never the dictionary.
struct SQSDeduplicationWindow {
    struct Key: Hashable {
        var scope: UInt64
        var id: UInt64
    }

    private struct Remembered {
        var messageID: UInt64
        var expires: SimTime
    }

    private struct Expiry {
        var key: Key
        var expires: SimTime
    }

    let interval: SimTime
    private var seen: [Key: Remembered] = [:]
    private var expiries = FIFOQueue<Expiry>(initialCapacity: 64)

    init(interval: SimTime) {
        self.interval = interval
    }

    /// The id of the message first sent under `key`, if that was less than `interval` ago.
    mutating func original(of key: Key, at now: SimTime) -> UInt64? {
        forgetExpired(at: now)
        return seen[key]?.messageID
    }

    mutating func remember(_ key: Key, messageID: UInt64, at now: SimTime) {
        let expires = now + interval
        seen[key] = Remembered(messageID: messageID, expires: expires)
        expiries.append(Expiry(key: key, expires: expires))
    }

    private mutating func forgetExpired(at now: SimTime) {
        while let oldest = expiries.first, oldest.expires <= now {
            _ = expiries.removeFirst()
            if seen[oldest.key]?.expires == oldest.expires { seen.removeValue(forKey: oldest.key) }
        }
    }
}
