import Foundation
import Reports
import Scenario
import SimKernel
import Testing

/// Exact bytes of the three CSV files for two hand-made replications.
@Suite struct RunFilesTests {
    /// Every byte but the interval columns, which hang on GSL's Student-t quantile (to a few
    /// ulps): those are `*` here and checked against t(0.975, 1) = 12.706204736174707.
    @Test func summaryCSV() throws {
        let scenario = try Fixtures.scenario()
        let text = RunFiles.summary(scenario, RunSummary(Fixtures.results))
        let golden = [
            "scenario,variant,component,metric,unit,replications,mean,ci95_low,ci95_high,ci95_half_width,stddev,min,max",
            "tiny,default,station.server,wait_mean,s,2,1,*,*,*,0.7071067811865476,0.5,1.5",
            "tiny,default,station.server,utilization,ratio,2,0.5,*,*,*,0.3535533905932738,0.25,0.75",
            "tiny,default,station.server,completed,jobs,2,12,*,*,*,2.8284271247461903,10,14",
            "tiny,default,network,response_p99,s,1,2.5,,,,,2.5,2.5",
            "tiny,default,network,blocked,ratio,0,,,,,,,",
        ]
        // low, high, half-width = mean -/+ t * s / sqrt(2), s = |a - b| / sqrt(2).
        let t = 12.706204736174707
        let intervals: [[Double]] = [(0.5, 1.5), (0.75, 0.25), (10.0, 14.0)].map { a, b in
            let mean = (a + b) / 2
            let half = t * (abs(a - b) / 2.0.squareRoot()) / 2.0.squareRoot()
            return [mean - half, mean + half, half]
        }
        #expect(abs(intervals[0][2] - 6.353102368087353) < 1e-14)

        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends with CRLF")
        let lines = text.components(separatedBy: "\r\n").dropLast()
        try #require(lines.count == golden.count, "\(text)")
        for (row, (line, expected)) in zip(lines, golden).enumerated() {
            var fields = line.components(separatedBy: ",")
            try #require(fields.count == 13, "\(line)")
            if row >= 1, row <= 3 {
                for column in 7...9 {
                    let value = try #require(Double(fields[column]), "\(line)")
                    let want = intervals[row - 1][column - 7]
                    #expect(abs(value - want) <= 1e-13 * abs(want), "\(line): column \(column) is not \(want)")
                    fields[column] = "*"
                }
            }
            #expect(fields.joined(separator: ",") == expected)
        }
    }

    @Test func replicationsCSV() throws {
        let scenario = try Fixtures.scenario()
        let expected =
            "scenario,variant,replication,seed,component,metric,unit,value\r\n"
            + "tiny,default,0,11,station.server,wait_mean,s,0.5\r\n"
            + "tiny,default,0,11,station.server,utilization,ratio,0.75\r\n"
            + "tiny,default,0,11,station.server,completed,jobs,10\r\n"
            + "tiny,default,0,11,network,response_p99,s,\r\n"
            + "tiny,default,0,11,network,blocked,ratio,\r\n"
            + "tiny,default,1,18446744073709551615,station.server,wait_mean,s,1.5\r\n"
            + "tiny,default,1,18446744073709551615,station.server,utilization,ratio,0.25\r\n"
            + "tiny,default,1,18446744073709551615,station.server,completed,jobs,14\r\n"
            + "tiny,default,1,18446744073709551615,network,response_p99,s,2.5\r\n"
            + "tiny,default,1,18446744073709551615,network,blocked,ratio,\r\n"
        #expect(RunFiles.replications(scenario, Fixtures.results) == expected)
    }

    @Test func timeSeriesCSV() throws {
        let scenario = try Fixtures.scenario()
        let expected =
            "scenario,variant,replication,time_s,component,metric,unit,value\r\n"
            + "tiny,default,0,600,station.server,queue_length,jobs,1.25\r\n"
            + "tiny,default,0,600,station.server,arrival_rate,1/s,8\r\n"
            + "tiny,default,0,1200,station.server,queue_length,jobs,\r\n"
            + "tiny,default,0,1200,station.server,arrival_rate,1/s,7.5\r\n"
            + "tiny,default,1,600,station.server,queue_length,jobs,0.5\r\n"
            + "tiny,default,1,600,station.server,arrival_rate,1/s,9\r\n"
            + "tiny,default,1,1200,station.server,queue_length,jobs,2\r\n"
            + "tiny,default,1,1200,station.server,arrival_rate,1/s,0.1\r\n"
        #expect(RunFiles.timeSeries(scenario, Fixtures.results) == expected)
    }

    /// Sample times are whole nanoseconds: 300 ms is written 0.3, not 0.30000000000000004,
    /// and 252 s (a default sample time of a 1 h run) is 252, not 252.00000000000003.
    @Test func fractionalSampleTimesAreExactDecimals() throws {
        let scenario = try Fixtures.scenario()
        var series = TimeSeries(keys: [MetricKey("station.server", "queue_length", "jobs")])
        series.times = [.milliseconds(300), .nanoseconds(123_456_789), .seconds(252)]
        series.values = [1, 2, 3]
        let result = ReplicationResult(replication: 0, seed: 1, events: 0, metrics: MetricTable(), series: series)
        let expected =
            "scenario,variant,replication,time_s,component,metric,unit,value\r\n"
            + "tiny,default,0,0.3,station.server,queue_length,jobs,1\r\n"
            + "tiny,default,0,0.123456789,station.server,queue_length,jobs,2\r\n"
            + "tiny,default,0,252,station.server,queue_length,jobs,3\r\n"
        #expect(RunFiles.timeSeries(scenario, [result]) == expected)
    }

    @Test func emptyRunHasHeadersOnly() throws {
        let scenario = try Fixtures.scenario()
        #expect(RunFiles.summary(scenario, RunSummary([])).hasSuffix("min,max\r\n"))
        #expect(RunFiles.replications(scenario, []) == "scenario,variant,replication,seed,component,metric,unit,value\r\n")
        #expect(RunFiles.timeSeries(scenario, []) == "scenario,variant,replication,time_s,component,metric,unit,value\r\n")
    }

    /// The variant is the overrides joined by ';'; a comma in it (or a quote in the name)
    /// makes the field quoted.
    @Test func variantAndNameAreEscaped() throws {
        let scenario = try Fixtures.scenario(overrides: [
            "name='say \"hi\", tiny'",
            "stations.server.service={ uniform: { min: 100ms, max: 900ms } }",
        ])
        #expect(scenario.variant == "name='say \"hi\", tiny';stations.server.service={ uniform: { min: 100ms, max: 900ms } }")
        var metrics = MetricTable()
        metrics.append("station.server", "wait_mean", "s", 0.5)
        let result = ReplicationResult(
            replication: 0, seed: 3, events: 1, metrics: metrics, series: TimeSeries(keys: []))
        let expected =
            "scenario,variant,replication,seed,component,metric,unit,value\r\n"
            + "\"say \"\"hi\"\", tiny\",\"name='say \"\"hi\"\", tiny';stations.server.service={ uniform: { min: 100ms, max: 900ms } }\","
            + "0,3,station.server,wait_mean,s,0.5\r\n"
        #expect(RunFiles.replications(scenario, [result]) == expected)
    }
}
