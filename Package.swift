// swift-tools-version:6.0
import Foundation
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
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.4.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
    ],
    targets: [
        // libsystemd (sd-journal, sd-daemon) for the service shell.
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        // glibc's malloc.h: the service gives the start's temporary memory back (malloc_trim).
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        // SQLite's start-up settings (sqlite3_config is variadic: Swift needs a wrapper).
        .systemLibrary(name: "CSQLiteConfig", path: "Sources/CSQLiteConfig"),
        // Linux file calls glibc hides behind _GNU_SOURCE or a variadic fcntl (the spool's
        // rename-without-replace and its lease probe).
        .systemLibrary(name: "CLinuxFiles", path: "Sources/CLinuxFiles"),
        // Pure: the Norwegian working-day calendar. Standard library only.
        .target(
            name: "FristCalendar",
            swiftSettings: strictSettings
        ),
        // Performance code behind small APIs, each kept only while a benchmark on the realistic
        // mix shows it pays (docs/performance.md): the identifier table the engine interns case
        // references and event ids in, the record of where a file's ids first appear, the
        // persisted state's byte format, the mapped input file, JSON's numbers and strings as
        // bytes, a UUID's text read eight digits at a time, and the hold that skips freeing a
        // million cases at exit.
        .target(
            name: "FristHotPaths",
            swiftSettings: strictSettings
        ),
        // Pure: events, clocks, rules and alert decisions. No I/O, no clock, no Foundation.
        .target(
            name: "FristEngine",
            dependencies: [
                "FristCalendar",
                "FristHotPaths",
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        // The edge formats: JSON Lines events, the status document, the metrics file (Prometheus
        // text format), the monthly report (JSON, CSV, text, and an HTML page from a Mustache
        // template), the TOML configuration.
        .target(
            name: "FristFormats",
            dependencies: [
                "FristHotPaths",
                "FristEngine",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strictSettings
        ),
        // The storage port: what the service needs of its durable state (the event, intake,
        // case-state, alert and daily-run logs), and the in-memory adapter tests run on.
        .target(
            name: "FristStorage",
            dependencies: ["FristCalendar", "FristEngine", "FristFormats"],
            swiftSettings: strictSettings
        ),
        // The storage port on SQLite (GRDB): one node, the embedded default. Its schema,
        // migrations, pragmas, checkpoints and raw fast paths stay here.
        .target(
            name: "FristSQLite",
            dependencies: [
                "CMalloc",
                "CSQLiteConfig",
                "FristEngine",
                "FristFormats",
                "FristHotPaths",
                "FristStorage",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's own column accessors, for the restart's one hot read (GRDB's escape hatch).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        // The storage port on PostgreSQL (postgres-nio): two or more nodes on one database, with
        // the leadership lease and its term. Its schema and migrations stay here.
        .target(
            name: "FristPostgres",
            dependencies: [
                "FristCalendar",
                "FristEngine",
                "FristFormats",
                "FristStorage",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The imperative shell: spool, journald, status file, scheduler, signals; state through
        // the storage port.
        .target(
            name: "FristService",
            dependencies: [
                "FristHotPaths",
                "CLinuxFiles",
                "CSystemd",
                "FristEngine",
                "FristFormats",
                "FristPostgres",
                "FristSQLite",
                "FristStorage",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strictSettings
        ),
        // The command line, as a library so tests can call `buildCommand`-style entry points.
        .target(
            name: "FristCommands",
            dependencies: [
                "FristFormats",
                "FristHotPaths",
                "FristService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "fristvakt",
            dependencies: ["FristCommands"],
            swiftSettings: strictSettings
        ),
        // For the tests and the benchmarks: deterministic randomness, replayable seeds, and the
        // service manager's end of sd_notify.
        .target(
            name: "FristTesting",
            dependencies: ["FristCalendar"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "fristvakt-bench",
            dependencies: [
                "FristCalendar",
                "FristTesting",
                "FristEngine",
                "FristFormats",
                "FristService",
                "FristSQLite",
                "FristStorage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FristCalendarTests",
            dependencies: ["FristCalendar", "FristTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FristHotPathsTests",
            dependencies: ["FristHotPaths", "FristTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FristEngineTests",
            dependencies: ["FristEngine", "FristFormats", "FristHotPaths", "FristTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FristFormatsTests",
            dependencies: ["FristFormats", "FristEngine", "FristCalendar", "FristTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FristStorageTests",
            dependencies: [
                "FristStorage", "FristSQLite", "FristPostgres", "FristEngine", "FristFormats", "FristCalendar",
                "FristTesting", .product(name: "Logging", package: "swift-log"),
                // To write a database as an older version left it.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FristServiceTests",
            dependencies: [
                "FristService", "FristStorage", "FristSQLite", "FristEngine", "FristFormats", "FristCalendar",
                "FristTesting",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FristvaktEndToEndTests",
            dependencies: [
                "fristvakt", "FristCalendar", "FristEngine", "FristFormats", "FristService", "FristSQLite",
                "FristStorage", "FristTesting",
                .product(name: "Logging", package: "swift-log"),
                // To damage a database the way a bug or an old version could.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer target exists only for `script/fuzz` (FRISTVAKT_FUZZ=1 with `--sanitize fuzzer`,
// which supplies `main`); an ordinary build does not see it.
if ProcessInfo.processInfo.environment["FRISTVAKT_FUZZ"] != nil {
    package.targets.append(
        .executableTarget(
            name: "fristvakt-fuzz",
            dependencies: ["FristCalendar", "FristEngine", "FristFormats"],
            swiftSettings: strictSettings
        ))
    package.products.append(.executable(name: "fristvakt-fuzz", targets: ["fristvakt-fuzz"]))
}
