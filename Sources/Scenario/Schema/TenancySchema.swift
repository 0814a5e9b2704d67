import SimKernel
import Tenancy

/// Reads `tenants:` and `workload:` together: each needs the other, the workload needs the
/// edge it sends to, and it replaces `traffic:` as the edge's source of requests.
enum TenancySchema {
    static func read(
        tenants tenantsNode: YAMLNode?, workload workloadNode: YAMLNode?, traffic trafficNode: YAMLNode?, edge edgeNode: YAMLNode?,
        zones: [String], duration: SimTime
    ) throws(Diagnostic) -> (TenantsConfiguration?, WorkloadConfiguration?) {
        guard tenantsNode != nil || workloadNode != nil else { return (nil, nil) }
        guard let tenantsNode else {
            throw Diagnostic.error(at: workloadNode!.location, "'workload' needs 'tenants': the population whose requests it describes")
        }
        let tenants = try TenantsSchema.read(tenantsNode)
        guard let workloadNode else {
            throw Diagnostic.error(at: tenantsNode.location, "'tenants' needs 'workload': what the tenants send")
        }
        if trafficNode != nil {
            throw Diagnostic.error(
                at: workloadNode.location, "'workload' and 'traffic' both describe the edge's clients: keep exactly one of them")
        }
        guard edgeNode != nil else {
            throw Diagnostic.error(at: workloadNode.location, "'workload' needs 'edge': the proxies its requests go through")
        }
        let workload = try WorkloadSchema.read(workloadNode, tenants: tenants, zones: zones, duration: duration)
        return (tenants, workload)
    }
}
