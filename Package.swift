// swift-tools-version: 6.1
import PackageDescription

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
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        .target(name: "Scenario", dependencies: ["SimKernel", "Yams"]),
        .target(name: "Reports", dependencies: ["SimKernel", "Scenario"]),
        .executableTarget(
            name: "rehearse",
            dependencies: [
                "SimKernel", "Scenario", "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SimKernelTests", dependencies: ["SimKernel"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "SimKernel"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Scenario", "SimKernel"]),
        .testTarget(name: "ValidationTests", dependencies: ["Scenario", "SimKernel"]),
        .testTarget(name: "RehearseTests", dependencies: ["rehearse"]),
    ],
    swiftLanguageModes: [.v6]
)
