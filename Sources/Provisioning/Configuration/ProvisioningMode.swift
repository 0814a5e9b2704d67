/// Where a sign-up's provisioning steps run.
public enum ProvisioningMode: String, Sendable, CaseIterable {
    /// The API records the tenant, queues a message and answers 202; workers run the steps.
    case async
    /// The API runs the steps inside the sign-up request and answers when they are done,
    /// holding one of its threads all along (and the client waits, up to its timeout).
    case synchronous
}
