import Provisioning
import SimKernel
import Testing

/// What an idempotency key does for repeated runs of a step.
@Suite struct StepEffectsTests {
    func effects(keyed: Bool, failure: Double = 0) -> StepEffects {
        let effects = StepEffects(
            steps: [ProvisioningStep(name: "database", duration: .constant(10), failureProbability: failure, idempotencyKey: keyed)],
            expectedTenants: 1, streams: RandomStreams(seed: 3))
        effects.addTenant()
        return effects
    }

    @Test func aKeyedRunThatFindsTheStepRunningWaitsForItsResult() {
        let effects = effects(keyed: true)
        let first = effects.begin(tenant: 0, step: 0, at: .seconds(0))
        let second = effects.begin(tenant: 0, step: 0, at: .seconds(4))
        #expect(first == StepRun(end: .seconds(10), succeeds: true, doesWork: true))
        #expect(second == StepRun(end: .seconds(10), succeeds: true, doesWork: false))
        effects.finish(first, tenant: 0, step: 0)
        effects.finish(second, tenant: 0, step: 0)
        let third = effects.begin(tenant: 0, step: 0, at: .seconds(20))
        #expect(third == StepRun(end: .seconds(20), succeeds: true, doesWork: false))
        #expect(effects.effects(tenant: 0, step: 0) == 1)
        #expect(effects.executions.total == 1 && effects.keyedNoOps.total == 2 && effects.duplicateEffects.total == 0)
    }

    @Test func aFailedKeyedRunLeavesTheKeyFreeForTheRetry() {
        let effects = effects(keyed: true, failure: 1)
        let first = effects.begin(tenant: 0, step: 0, at: .seconds(0))
        let follower = effects.begin(tenant: 0, step: 0, at: .seconds(1))
        #expect(!first.succeeds && !follower.succeeds && follower.end == first.end)
        effects.finish(first, tenant: 0, step: 0)
        let retry = effects.begin(tenant: 0, step: 0, at: .seconds(30))
        #expect(retry.doesWork && retry.end == .seconds(40))
        #expect(effects.effects(tenant: 0, step: 0) == 0 && effects.failedRuns.total == 1)
    }

    @Test func anUnkeyedStepDoesTheWorkEveryTime() {
        let effects = effects(keyed: false)
        let first = effects.begin(tenant: 0, step: 0, at: .seconds(0))
        let second = effects.begin(tenant: 0, step: 0, at: .seconds(4))
        #expect(first.doesWork && second.doesWork && second.end == .seconds(14))
        effects.finish(first, tenant: 0, step: 0)
        effects.finish(second, tenant: 0, step: 0)
        #expect(effects.effects(tenant: 0, step: 0) == 2)
        #expect(effects.duplicateEffects.total == 1 && effects.tenantsWithDuplicateEffects.total == 1)
    }
}
