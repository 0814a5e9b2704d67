import Infra
import SimKernel
import Testing

/// Sends calls to an instance and records the answers.
final class Caller: Component {
    var answers: [(time: SimTime, slot: UInt32, status: UInt16)] = []

    override func handle(_ event: Event, in simulation: Simulation) {
        #expect(event.kind == UpstreamMessage.responseKind)
        let answer = UpstreamMessage.Answer(subject: event.subject, argument: event.argument)
        answers.append((simulation.now, answer.slot, answer.status))
    }

    func call(_ instance: ServiceInstance, slot: UInt32, in simulation: Simulation) {
        let call = UpstreamMessage.Call(caller: id, callerZone: Zone(0), slot: slot, generation: 1, requestClass: 0)
        UpstreamMessage.send(call, to: instance.id, after: .zero, in: simulation)
    }
}

@Suite struct ServiceInstanceTests {
    static let network = NetworkLatency(sameZone: .constant(0.001), crossZone: .constant(0.002))

    func make(_ configuration: ServiceInstanceConfiguration, zone: Int = 0) -> (Simulation, ServiceInstance, Caller, ServiceStatistics) {
        let simulation = Simulation(seed: 1)
        let statistics = ServiceStatistics(name: "api")
        simulation.register(statistics)
        let instance = ServiceInstance(service: statistics, index: 0, zone: Zone(zone), configuration: configuration, network: Self.network, streams: simulation.streams)
        simulation.register(instance)
        statistics.add(instance)
        let caller = Caller()
        simulation.register(caller)
        return (simulation, instance, caller, statistics)
    }

    /// Two slots, 100 ms each: the third call waits for a slot; answers travel 1 ms back.
    @Test func servesInSlotsFirstComeFirstServed() {
        let (simulation, instance, caller, statistics) = make(ServiceInstanceConfiguration(concurrency: 2, serviceTime: .constant(0.1)))
        for slot in 0..<3 { caller.call(instance, slot: UInt32(slot), in: simulation) }
        simulation.run(until: .seconds(1))
        #expect(caller.answers.map(\.slot) == [0, 1, 2])
        #expect(caller.answers.map(\.time) == [.milliseconds(101), .milliseconds(101), .milliseconds(201)])
        #expect(caller.answers.allSatisfy { $0.status == 200 })
        #expect(statistics.served.total == 3)
    }

    @Test func aSlowerInstanceTakesLonger() {
        let (simulation, instance, caller, _) = make(ServiceInstanceConfiguration(concurrency: 1, serviceTime: .constant(0.1), speed: 0.25))
        caller.call(instance, slot: 0, in: simulation)
        simulation.run(until: .seconds(1))
        #expect(caller.answers.map(\.time) == [.milliseconds(401)])
    }

    @Test func aFullQueueAnswers503() {
        let (simulation, instance, caller, statistics) = make(ServiceInstanceConfiguration(concurrency: 1, queueCapacity: 1, serviceTime: .constant(0.1)))
        for slot in 0..<3 { caller.call(instance, slot: UInt32(slot), in: simulation) }
        simulation.run(until: .seconds(1))
        #expect(caller.answers.map(\.slot) == [2, 0, 1])
        #expect(caller.answers.map(\.status) == [503, 200, 200])
        #expect(statistics.rejected.total == 1)
    }

    @Test func aStoppedInstanceRefusesAtOnce() {
        let (simulation, instance, caller, statistics) = make(ServiceInstanceConfiguration(concurrency: 1, serviceTime: .constant(0.1)), zone: 1)
        instance.isUp = false
        caller.call(instance, slot: 5, in: simulation)
        simulation.run(until: .seconds(1))
        // The caller is in zone 0, the instance in zone 1: the refusal crosses zones.
        #expect(caller.answers.map(\.status) == [0])
        #expect(caller.answers.map(\.time) == [.milliseconds(2)])
        #expect(statistics.refused.total == 1)
    }

    @Test func errorsFollowTheirProbability() {
        let (simulation, instance, caller, statistics) = make(ServiceInstanceConfiguration(concurrency: 100, serviceTime: .constant(0.001), errorProbability: 0.3, errorStatus: 502))
        for slot in 0..<10_000 { caller.call(instance, slot: UInt32(slot), in: simulation) }
        simulation.run(until: .seconds(10))
        let errors = caller.answers.filter { $0.status == 502 }.count
        // Binomial(10000, 0.3): sd 46; five sd either side.
        #expect(abs(errors - 3_000) < 230)
        #expect(statistics.errors.total == UInt64(errors))
    }

    @Test func anOutageStopsAndRestartsInstances() {
        let (simulation, instance, _, _) = make(ServiceInstanceConfiguration(concurrency: 1, serviceTime: .constant(0.1)))
        let outage = InstanceOutage(instances: [instance], at: .seconds(2), for: .seconds(3))
        simulation.register(outage)
        outage.schedule(in: simulation)
        simulation.run(until: .seconds(1))
        #expect(instance.isUp)
        simulation.run(until: .seconds(4))
        #expect(!instance.isUp)
        simulation.run(until: .seconds(6))
        #expect(instance.isUp)
    }
}
