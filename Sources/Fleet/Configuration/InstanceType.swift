/// An EC2 instance type as a fleet uses it: its size, for capacity figures, and its
/// on-demand price, for cost. Prices change by region and over time, so scenarios give them.
public struct InstanceType: Sendable, Equatable {
    public var name: String
    public var vcpus: Int
    public var memoryGiB: Double
    /// US dollars per instance-hour while the instance runs (EC2 bills nothing for a stopped
    /// instance's compute).
    public var hourlyPrice: Double

    public init(name: String, vcpus: Int, memoryGiB: Double, hourlyPrice: Double) {
        precondition(vcpus > 0 && memoryGiB > 0 && hourlyPrice >= 0)
        self.name = name
        self.vcpus = vcpus
        self.memoryGiB = memoryGiB
        self.hourlyPrice = hourlyPrice
    }
}
