import SimKernel

/// Everything about VM fleets in a scenario: the image pipeline, the Salt master, the fleets,
/// their deployments and the faults that strike them.
public struct FleetsConfiguration: Sendable {
    public var packer: PackerConfiguration
    public var salt: SaltConfiguration
    public var images: [ImageDefinition]
    public var fleets: [FleetConfiguration]
    public var deployments: [DeploymentConfiguration]
    public var zoneOutages: [ZoneOutageConfiguration]
    public var defects: [ReleaseDefect]

    public init(
        packer: PackerConfiguration = PackerConfiguration(), salt: SaltConfiguration = SaltConfiguration(), images: [ImageDefinition] = [],
        fleets: [FleetConfiguration] = [], deployments: [DeploymentConfiguration] = [], zoneOutages: [ZoneOutageConfiguration] = [],
        defects: [ReleaseDefect] = []
    ) {
        self.packer = packer
        self.salt = salt
        self.images = images
        self.fleets = fleets
        self.deployments = deployments
        self.zoneOutages = zoneOutages
        self.defects = defects
    }

    public var isEmpty: Bool { fleets.isEmpty && zoneOutages.isEmpty }

    /// The instance slots fleet `index` may ever use: its service lists this many instances,
    /// slot `i` in zone `zones[i % zones.count]`. See `SlotLayout`.
    public func slots(ofFleet index: Int) -> Int {
        SlotLayout(fleets[index], deployments: deployments.filter { $0.fleet == index }).slots
    }
}
