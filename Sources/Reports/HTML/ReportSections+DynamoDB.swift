import Scenario
import SimKernel

extension ReportSections {
    static let dynamoDBPrefix = "dynamodb."

    /// Per table and index: the capacity consumed in each interval beside the capacity the
    /// table served at once, so headroom and the moments it ran out read off one chart.
    static func dynamoDB(_ data: ReportData, _ context: ReportContext) -> [String] {
        let components = data.seriesKeys { $0.metric == "write_capacity" && $0.component.hasPrefix(dynamoDBPrefix) }.map(\.component)
        var blocks: [String] = []
        for component in components {
            let name = short(component, dynamoDBPrefix)
            for (operation, consumed, capacity) in [("Reads", "consumed_rcu", "read_capacity"), ("Writes", "consumed_wcu", "write_capacity")] {
                let series = [
                    LineSeries(MetricKey(component, consumed, "per_s"), label: "consumed", colorIndex: 0),
                    LineSeries(MetricKey(component, capacity, "per_s"), label: "capacity", dashed: true, colorIndex: 1),
                ]
                guard series.allSatisfy({ data.hasSeries($0.key) }) else { continue }
                let caption = "Capacity units consumed per second against the table's capacity: provisioned units, or on demand twice the previous peak."
                blocks += [context.line(LineChart(title: "\(operation): \(name)", caption: caption, series: series), data)].compactMap { $0 }
            }
        }
        return blocks
    }
}
