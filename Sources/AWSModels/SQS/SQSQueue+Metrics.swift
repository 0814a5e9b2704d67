import SimKernel

/// The queue's metrics under `sqs.<name>`, named after CloudWatch's SQS metrics.
extension SQSQueue {
    var component: String { "sqs.\(configuration.name)" }

    func resetQueueStatistics(at time: SimTime) {
        recordCounts(at: time)
        statistics.reset(at: time)
        statistics.oldestAgeMaximum = ageOfOldestMessage(at: time)
    }

    func reportQueue(at time: SimTime, into table: inout MetricTable) {
        recordCounts(at: time)
        let c = component
        let s = statistics
        table.append(c, "messages_visible_mean", "count", s.visible.mean(at: time))
        table.append(c, "messages_visible_end", "count", Double(visibleMessages))
        table.append(c, "messages_not_visible_mean", "count", s.notVisible.mean(at: time))
        table.append(c, "messages_not_visible_end", "count", Double(inFlightMessages))
        table.append(c, "messages_delayed_mean", "count", s.delayed.mean(at: time))
        table.append(c, "messages_delayed_end", "count", Double(delayedMessages))
        table.append(c, "age_of_oldest_message_end", "s", ageOfOldestMessage(at: time).seconds)
        table.append(c, "age_of_oldest_message_max", "s", max(s.oldestAgeMaximum, ageOfOldestMessage(at: time)).seconds)
        table.append(c, "requests", "count", Double(s.requests.sinceReset))
        table.append(c, "messages_sent", "count", Double(s.sent.sinceReset))
        table.append(c, "messages_received", "count", Double(s.received.sinceReset))
        table.append(c, "messages_deleted", "count", Double(s.deleted.sinceReset))
        table.append(c, "empty_receives", "count", Double(s.emptyReceives.sinceReset))
        table.append(c, "messages_deduplicated", "count", Double(s.deduplicated.sinceReset))
        table.append(c, "duplicates_delivered", "count", Double(s.duplicatesDelivered.sinceReset))
        table.append(c, "deletes_survived", "count", Double(s.survivedDeletes.sinceReset))
        table.append(c, "deletes_stale", "count", Double(s.staleDeletes.sinceReset))
        table.append(c, "receives_lost", "count", Double(s.lostReceives.sinceReset))
        table.append(c, "messages_dead_lettered", "count", Double(s.deadLettered.sinceReset))
        table.append(c, "messages_redriven_in", "count", Double(s.redrivenIn.sinceReset))
        table.append(c, "messages_expired", "count", Double(s.expired.sinceReset))
        table.append(c, "over_limit_errors", "count", Double(s.overLimitErrors.sinceReset))
        table.append(c, "receives_starved", "count", Double(s.starvedReceives.sinceReset))
        table.append(c, "throttled_calls", "count", Double(s.throttledCalls.sinceReset))
    }

    var queueSeriesKeys: [MetricKey] {
        let c = component
        return [
            MetricKey(c, "messages_visible", "count"),
            MetricKey(c, "messages_not_visible", "count"),
            MetricKey(c, "age_of_oldest_message", "s"),
        ]
    }

    /// Visible and in-flight messages averaged over the interval; the age of the oldest
    /// message at its end.
    func sampleQueue(at time: SimTime, into frame: inout [Double]) {
        recordCounts(at: time)
        let span = Double((time - previousSample).nanoseconds)
        let visible = statistics.visible.integral(at: time)
        let notVisible = statistics.notVisible.integral(at: time)
        frame.append(span > 0 ? (visible - previousVisibleIntegral) / span : Double(visibleMessages))
        frame.append(span > 0 ? (notVisible - previousNotVisibleIntegral) / span : Double(inFlightMessages))
        frame.append(ageOfOldestMessage(at: time).seconds)
        previousSample = time
        previousVisibleIntegral = visible
        previousNotVisibleIntegral = notVisible
    }
}
