// swift-tools-version:6.0
import PackageDescription

/// Strict settings for every target of our own, after apple/swift-log.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "fristvakt",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "fristvakt", targets: ["fristvakt"]),
        .executable(name: "fristvakt-bench", targets: ["fristvakt-bench"]),
        .library(name: "FristCalendar", targets: ["FristCalendar"]),
        .library(name: "FristEngine", targets: ["FristEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // libsystemd (sd-journal, sd-daemon) for the service shell.
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        // Pure: the Norwegian working-day calendar. Standard library only.
        .target(
            name: "FristCalendar",
            swiftSettings: strictSettings
        ),
        // Pure: events, clocks, rules and alert decisions. No I/O, no clock, no Foundation.
        .target(
            name: "FristEngine",
            dependencies: [
                "FristCalendar",
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        // The edge formats: JSON Lines events, the status document, the TOML configuration.
        .target(
            name: "FristFormats",
            dependencies: [
                "FristEngine",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strictSettings
        ),
        // The command line, as a library so tests can call `buildCommand`-style entry points.
        .target(
            name: "FristCommands",
            dependencies: [
                "FristFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "fristvakt",
            dependencies: ["FristCommands"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "fristvakt-bench",
            dependencies: [
                "FristCalendar",
                "FristEngine",
                "FristFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FristCalendarTests",
            dependencies: ["FristCalendar"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FristEngineTests",
            dependencies: ["FristEngine", "FristFormats"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FristvaktEndToEndTests",
            dependencies: ["fristvakt"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
