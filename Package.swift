// swift-tools-version: 6.1
import PackageDescription

/// Release builds drop Swift's dynamic exclusivity checks: on the per-event path they cost a
/// fifth of the time (a thread-local access set per class-property mutation). Debug builds,
/// and so the tests, keep them and catch any overlapping access.
let releaseSpeed: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "rehearse",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rehearse", targets: ["rehearse"]),
        .library(name: "SimKernel", targets: ["SimKernel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", exact: "0.2.0"),
    ],
    targets: [
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        .target(
            name: "SimKernel",
            dependencies: ["CGSL", .product(name: "Histogram", package: "hdrhistogram-swift")],
            // The kernel is optimized in debug builds too: the validation tests simulate
            // millions of events, about ten times slower unoptimized.
            swiftSettings: releaseSpeed + [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        .target(name: "Infra", dependencies: ["SimKernel"], swiftSettings: releaseSpeed),
        .target(name: "EdgeProxy", dependencies: ["SimKernel", "Infra"], swiftSettings: releaseSpeed),
        .target(name: "Sidecar", dependencies: ["SimKernel", "Infra", "EdgeProxy"], swiftSettings: releaseSpeed),
        .target(name: "AWSModels", dependencies: ["SimKernel", "Infra"], swiftSettings: releaseSpeed),
        .target(name: "Provisioning", dependencies: ["SimKernel", "Infra", "AWSModels"], swiftSettings: releaseSpeed),
        .target(name: "Fleet", dependencies: ["SimKernel", "Infra"], swiftSettings: releaseSpeed),
        .target(
            name: "Tenancy", dependencies: ["SimKernel", "Infra", "EdgeProxy"],
            // Optimized in debug builds too: its tests draw populations of 350,000 tenants and
            // millions of arrivals.
            swiftSettings: releaseSpeed + [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        .target(
            name: "Scenario",
            dependencies: ["SimKernel", "Infra", "EdgeProxy", "Sidecar", "AWSModels", "Provisioning", "Fleet", "Tenancy", "Yams"],
            swiftSettings: releaseSpeed
        ),
        .target(name: "Reports", dependencies: ["SimKernel", "Infra", "Scenario"]),
        .executableTarget(
            name: "rehearse",
            dependencies: [
                "SimKernel", "Scenario", "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SimKernelTests", dependencies: ["SimKernel"]),
        .testTarget(name: "InfraTests", dependencies: ["Infra", "SimKernel"]),
        .testTarget(name: "EdgeProxyTests", dependencies: ["EdgeProxy", "Infra", "SimKernel"]),
        .testTarget(name: "SidecarTests", dependencies: ["Sidecar", "EdgeProxy", "Infra", "SimKernel"]),
        .testTarget(name: "AWSModelsTests", dependencies: ["AWSModels", "Infra", "SimKernel"]),
        .testTarget(name: "ProvisioningTests", dependencies: ["Provisioning", "AWSModels", "SimKernel"]),
        .testTarget(name: "FleetTests", dependencies: ["Fleet", "Scenario", "Infra", "SimKernel"]),
        .testTarget(name: "TenancyTests", dependencies: ["Tenancy", "Scenario", "Reports", "EdgeProxy", "Infra", "SimKernel"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "Provisioning", "AWSModels", "SimKernel"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Scenario", "SimKernel"]),
        .testTarget(name: "ValidationTests", dependencies: ["Scenario", "SimKernel"]),
        .testTarget(name: "RehearseTests", dependencies: ["rehearse"]),
    ],
    swiftLanguageModes: [.v6]
)
