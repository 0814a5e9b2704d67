import Infra
import SimKernel

extension ProxyHost {
    /// Checks every host of the cluster (a connection refused by a stopped instance is a
    /// network failure) and schedules the next round.
    func healthCheckTick(cluster: Int, in simulation: Simulation) {
        guard let check = model.configuration.clusters[cluster].healthCheck else { return }
        for host in 0..<clusters[cluster].loadBalancer.hostCount where clusters[cluster].loadBalancer.endpoints[host].isMember {
            applyHealthCheck(cluster: cluster, host: host)
        }
        simulation.schedule(after: check.interval, target: id, kind: Kind.healthCheck.rawValue, subject: UInt32(cluster))
    }

    func applyHealthCheck(cluster: Int, host: Int) {
        let up = model.hosts[cluster].instances[host].isUp
        if clusters[cluster].health!.record(up ? .success : .networkFailure, host: host) != nil {
            clusters[cluster].updateBalancer(host: host)
        }
    }

    /// A host enters or leaves the cluster's host set (service discovery). A new host starts
    /// afresh: no outlier history, and with active health checks unhealthy until its first
    /// check, which Envoy starts at once (it is done here, without its round trip).
    func setMembership(cluster: Int, host: Int, _ isMember: Bool) {
        clusters[cluster].loadBalancer.setMembership(host: host, isMember)
        guard isMember else { return }
        if clusters[cluster].outlier?.isEjected(host) == true {
            model.clusterStatistics[cluster].ejectionsActive -= 1
        }
        clusters[cluster].outlier?.resetHost(host)
        if clusters[cluster].health != nil {
            clusters[cluster].health!.resetHost(host)
            clusters[cluster].loadBalancer.setHealthy(host: host, false)
            applyHealthCheck(cluster: cluster, host: host)
        } else {
            clusters[cluster].updateBalancer(host: host)
        }
    }

    /// Outlier detection's interval: ejections that ran their time end, and success-rate and
    /// failure-percentage outliers are looked for.
    func outlierTick(cluster: Int, in simulation: Simulation) {
        guard let configuration = model.configuration.clusters[cluster].outlierDetection else { return }
        let (returned, decisions) = clusters[cluster].outlier!.tick(at: simulation.now, random: &random)
        let statistics = model.clusterStatistics[cluster]
        for host in returned {
            statistics.ejectionsActive -= 1
            clusters[cluster].updateBalancer(host: host)
        }
        for (host, decision) in decisions {
            statistics.count(decision)
            if case .ejected = decision {
                statistics.ejectionsActive += 1
                clusters[cluster].updateBalancer(host: host)
            }
        }
        simulation.schedule(after: configuration.interval, target: id, kind: Kind.outlierTick.rawValue, subject: UInt32(cluster))
    }
}
