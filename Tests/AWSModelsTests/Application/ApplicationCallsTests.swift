import AWSModels
import Infra
import SimKernel
import Testing

/// Sends calls to service instances and records the answers.
final class ServiceCaller: Component {
    var answers: [(time: SimTime, slot: UInt32, status: UInt16)] = []

    override func handle(_ event: Event, in simulation: Simulation) {
        let answer = UpstreamMessage.Answer(subject: event.subject, argument: event.argument)
        answers.append((simulation.now, answer.slot, answer.status))
    }

    func call(_ instance: ServiceInstance, slot: UInt32, after delay: SimTime = .zero, in simulation: Simulation) {
        let call = UpstreamMessage.Call(caller: id, callerZone: Zone(0), slot: slot, generation: 1, requestClass: 0)
        UpstreamMessage.send(call, to: instance.id, after: delay, in: simulation)
    }
}

@Suite struct ApplicationCallsTests {
    struct Model {
        let simulation: Simulation
        let table: DynamoDBTable
        let instances: [ServiceInstance]
        let calls: ApplicationCalls
        let caller: ServiceCaller
        let statistics: ServiceStatistics
    }

    /// Two instances of `app` (one slot, 10 ms each, no network time) calling one table.
    static func model(_ mode: DynamoDBCapacityMode, calls: [TableCall], burst: Bool = true) -> Model {
        let simulation = Simulation(seed: 3)
        var configuration = DynamoDBTableConfiguration(name: "tenants", mode: mode)
        configuration.partitions.burstInitiallyFull = burst
        configuration.latency.getItem = .constant(0.002)
        configuration.latency.strongGetItem = .constant(0.002)
        configuration.latency.write = .constant(0.004)
        configuration.latency.throttled = .constant(0.001)
        let table = DynamoDBTable(configuration: configuration, streams: simulation.streams)
        simulation.register(table)
        let statistics = ServiceStatistics(name: "app")
        simulation.register(statistics)
        let network = NetworkLatency(sameZone: .constant(0), crossZone: .constant(0))
        let instances = (0..<2).map { index in
            let instance = ServiceInstance(
                service: statistics, index: index, zone: Zone(0), configuration: ServiceInstanceConfiguration(concurrency: 1, serviceTime: .constant(0.01)),
                network: network, streams: simulation.streams)
            simulation.register(instance)
            statistics.add(instance)
            return instance
        }
        let tableCalls = ApplicationCalls(
            service: "app", configuration: ApplicationCallsConfiguration(calls: calls.map(DownstreamCall.table), retryPolicy: .standard2026(dynamoDB: true)), tables: [table], instances: instances,
            requests: nil, streams: simulation.streams)
        simulation.register(tableCalls)
        for instance in instances { instance.downstream = tableCalls }
        let caller = ServiceCaller()
        simulation.register(caller)
        return Model(simulation: simulation, table: table, instances: instances, calls: tableCalls, caller: caller, statistics: statistics)
    }

    /// A read then a write: 10 ms of work, 2 ms, 4 ms; the slot is free again after 10 ms.
    @Test func callsRunInOrderAfterTheWorkAndTheSlotIsFreedMeanwhile() {
        let m = Self.model(.onDemand, calls: [TableCall(table: 0, operation: .getItem(.eventual)), TableCall(table: 0, operation: .putItem(itemBytes: 1_500))])
        m.caller.call(m.instances[0], slot: 7, in: m.simulation)
        m.caller.call(m.instances[0], slot: 8, in: m.simulation)
        m.simulation.run(until: .seconds(1))
        #expect(m.caller.answers.map(\.slot) == [7, 8])
        #expect(m.caller.answers.map(\.time) == [.milliseconds(16), .milliseconds(26)], "the second request started at 10 ms, not at 16 ms")
        #expect(m.caller.answers.allSatisfy { $0.status == 200 })
        #expect(m.table.item(forKey: 7).exists && m.table.item(forKey: 8).exists, "keyed by the call's slot without request contexts")
        #expect(m.table.consumedWriteUnits == 4, "two 1.5 KB writes, 2 WCU each")
        #expect(m.statistics.served.total == 2)
        var metrics = MetricTable()
        m.calls.report(at: m.simulation.now, into: &metrics)
        #expect(metrics.value("service.app.calls", "calls", "count") == 4)
        #expect(metrics.value("service.app.calls", "time_mean", "s") == 0.006)
        #expect(metrics.value("sdk.app.dynamodb", "attempts", "count") == 4)
    }

    /// A call made by a share of requests: about that share of them make it.
    @Test func aCallIsMadeByItsShareOfRequests() throws {
        let m = Self.model(.onDemand, calls: [TableCall(table: 0, operation: .updateItem(itemBytes: 100), probability: 0.25)])
        for slot in 0..<4_000 { m.caller.call(m.instances[slot % 2], slot: UInt32(slot), after: .milliseconds(Int64(slot / 2) * 10), in: m.simulation) }
        m.simulation.run(until: .seconds(100))
        #expect(m.caller.answers.count == 4_000)
        var metrics = MetricTable()
        m.calls.report(at: m.simulation.now, into: &metrics)
        let made = try #require(metrics.value("service.app.calls", "calls", "count"))
        // Binomial(4000, 0.25): sd 27; 4 sd either side.
        #expect(abs(made - 1_000) < 110)
        #expect(m.table.consumedWriteUnits == made)
    }

    /// One write unit per second (no burst banked) for 40 writes a second: most are throttled
    /// on every attempt and answered with the failure status; none is lost.
    @Test func throttlingThatOutlastsTheRetriesFailsTheRequest() throws {
        let m = Self.model(
            .provisioned(readUnits: 1, writeUnits: 1), calls: [TableCall(table: 0, operation: .putItem(itemBytes: 1_000))], burst: false)
        for slot in 0..<400 { m.caller.call(m.instances[slot % 2], slot: UInt32(slot), after: .milliseconds(Int64(slot / 2) * 50), in: m.simulation) }
        m.simulation.run(until: .seconds(120))
        #expect(m.caller.answers.count == 400, "every request answered once")
        let failed = m.caller.answers.filter { $0.status == 503 }.count
        #expect(failed > 300, "about one write a second succeeds over the ten seconds of load and its retries")
        #expect(m.caller.answers.allSatisfy { $0.status == 200 || $0.status == 503 })
        var metrics = MetricTable()
        m.calls.report(at: m.simulation.now, into: &metrics)
        #expect(metrics.value("service.app.calls", "failed", "count") == Double(failed))
        #expect(try #require(metrics.value("sdk.app.dynamodb", "retries", "count")) > 0)
        #expect(m.statistics.errors.total == UInt64(failed))
    }

    /// A request waiting on its call keeps its instance busy for as long as a drain may wait:
    /// when the call ends is not known in advance.
    @Test func anInstanceWaitingOnCallsIsBusy() {
        let m = Self.model(.onDemand, calls: [TableCall(table: 0, operation: .getItem(.eventual))])
        m.caller.call(m.instances[0], slot: 1, in: m.simulation)
        m.simulation.run(until: .milliseconds(11))
        #expect(m.instances[0].busyUntil(now: m.simulation.now) == SimTime(nanoseconds: .max))
        #expect(m.instances[1].busyUntil(now: m.simulation.now) == .milliseconds(11))
        m.simulation.run(until: .milliseconds(20))
        #expect(m.caller.answers.map(\.time) == [.milliseconds(12)])
        #expect(m.instances[0].busyUntil(now: m.simulation.now) == .milliseconds(20))
    }

    /// A crash resets the requests waiting on their calls at once; the table's late answers
    /// change nothing.
    @Test func aCrashResetsTheRequestsWaitingOnTheirCalls() {
        let m = Self.model(.onDemand, calls: [TableCall(table: 0, operation: .getItem(.strong))])
        m.caller.call(m.instances[0], slot: 1, in: m.simulation)
        m.caller.call(m.instances[1], slot: 2, in: m.simulation)
        m.simulation.run(until: .microseconds(11_000))
        m.instances[0].crash(in: m.simulation)
        m.simulation.run(until: .seconds(1))
        #expect(m.caller.answers.map(\.slot) == [1, 2])
        #expect(m.caller.answers.map(\.status) == [UpstreamMessage.reset, 200])
        #expect(m.caller.answers.map(\.time) == [.microseconds(11_000), .milliseconds(12)])
        #expect(m.statistics.lost.total == 1)
        #expect(m.statistics.served.total == 1)
    }

    /// `app` (one instance, 10 ms) calls `other` (one instance, 30 ms, 1 ms away) for each
    /// request; `other` fails with `errorProbability`.
    static func serviceModel(errorProbability: Double = 0) -> (Simulation, ServiceInstance, ServiceInstance, ServiceCaller, ApplicationCalls) {
        let simulation = Simulation(seed: 5)
        let network = NetworkLatency(sameZone: .constant(0.001), crossZone: .constant(0.001))
        func instance(_ name: String, _ seconds: Double, _ errors: Double) -> ServiceInstance {
            let statistics = ServiceStatistics(name: name)
            simulation.register(statistics)
            let instance = ServiceInstance(
                service: statistics, index: 0, zone: Zone(0),
                configuration: ServiceInstanceConfiguration(concurrency: 1, serviceTime: .constant(seconds), errorProbability: errors),
                network: network, streams: simulation.streams)
            simulation.register(instance)
            statistics.add(instance)
            return instance
        }
        let app = instance("app", 0.01, 0)
        let other = instance("other", 0.03, errorProbability)
        let calls = ApplicationCalls(
            service: "app", configuration: ApplicationCallsConfiguration(calls: [.service(ServiceCall(service: 1))], retryPolicy: .standard2026()),
            tables: [], services: [[app], [other]], instances: [app], requests: nil, streams: simulation.streams)
        simulation.register(calls)
        app.downstream = calls
        let caller = ServiceCaller()
        simulation.register(caller)
        return (simulation, app, other, caller, calls)
    }

    /// 10 ms of work, 1 ms to the other service, 30 ms there, 1 ms back, 1 ms to the caller:
    /// the answer at 43 ms; the second request waits for the other's one slot.
    @Test func aServiceCallWaitsForTheOtherService() {
        let (simulation, app, _, caller, _) = Self.serviceModel()
        caller.call(app, slot: 3, in: simulation)
        caller.call(app, slot: 4, in: simulation)
        simulation.run(until: .seconds(1))
        #expect(caller.answers.map(\.slot) == [3, 4])
        #expect(caller.answers.map(\.status) == [200, 200])
        #expect(caller.answers.map(\.time) == [.milliseconds(43), .milliseconds(73)])
    }

    /// The other service's 5xx fails the request with the failure status; with the other
    /// service out of service, the call fails at once.
    @Test func aFailedOrMissingServiceFailsTheRequest() {
        let (simulation, app, other, caller, calls) = Self.serviceModel(errorProbability: 1)
        caller.call(app, slot: 1, in: simulation)
        simulation.run(until: .seconds(1))
        other.setInService(false, in: simulation)
        caller.call(app, slot: 2, in: simulation)
        simulation.run(until: .seconds(2))
        #expect(caller.answers.map(\.status) == [503, 503])
        #expect(caller.answers.map(\.time) == [.milliseconds(43), .milliseconds(1_011)])
        var metrics = MetricTable()
        calls.report(at: simulation.now, into: &metrics)
        #expect(metrics.value("service.app.calls", "failed", "count") == 2)
    }
}
