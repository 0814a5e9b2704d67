/// One Auto Scaling group of a fleet. A fleet has two: one serves, and a blue/green deployment
/// launches the other.
struct GroupState {
    var desired = 0
    /// What its launch template launches: the image booted, and the release it runs once
    /// configured (newer than the image after an in-place rollout).
    var image = 0
    var release = 0
    /// Its in-service instances are in the service's host set.
    var routesTraffic = false
    /// The group replaces what it loses and sheds what it has too many of. A blue group kept
    /// after a switch is not managed.
    var managed = false
}
