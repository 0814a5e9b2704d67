import SimKernel

/// Told when a sign-up's tenant reaches ACTIVE, so that whatever models the tenants' traffic
/// can start it. `tenant` is the sign-up's number in `TenantLedger`; its DynamoDB key is
/// that number plus `ProvisioningConfiguration.tenantKeyOffset`.
public protocol TenantReadinessListener: AnyObject {
    func tenantReady(_ tenant: UInt32, at now: SimTime)
}
