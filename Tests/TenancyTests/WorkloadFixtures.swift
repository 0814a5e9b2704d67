import EdgeProxy
import Infra
import SimKernel
import Tenancy

enum WorkloadFixtures {
    static func workload(calendar: ActivityCalendar = ActivityCalendar(peakHour: 14, peakClock: .local, trough: 0.25), bursts: [WorkloadConfiguration.Burst] = []) -> WorkloadConfiguration {
        WorkloadConfiguration(
            requestsPerActiveUserPerMinute: 2, calendar: calendar,
            routes: [
                .init(request: RequestClass(name: "api", authority: "jira.example.com", path: "/rest/api", weight: 0.7), product: 0),
                .init(request: RequestClass(name: "wiki", authority: "wiki.example.com", path: "/wiki", weight: 0.3), product: 1),
            ],
            zoneShares: [0.5, 0.5], bursts: bursts, slo: [.seconds(2), .seconds(1), .milliseconds(500), .milliseconds(300)])
    }
}
