// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "adreg",
  products: [
    .executable(name: "adreg", targets: ["adreg"]),
    // Libraries only so that the fuzz package (Fuzz/Package.swift) can depend on the modules it fuzzes.
    .library(name: "AdregFormats", targets: ["AdregFormats"]),
    .library(name: "AdregArguments", targets: ["AdregArguments"]),
    .library(name: "AdregCore", targets: ["AdregCore"]),
    .library(name: "AdregCLI", targets: ["AdregCLI"]),
  ],
  targets: [
    // libsqlite3 from Debian's libsqlite3-dev, through a local shim header.
    .systemLibrary(
      name: "AdregSQLite3",
      path: "Sources/AdregSQLite3",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]
    ),
    // Thin Swift layer over SQLite: connections, statements, transactions, migrator, backup.
    .target(name: "AdregDatabase", dependencies: ["AdregSQLite3"]),
    // The registry schema as SQL files, embedded in the binary.
    .target(
      name: "AdregMigrations",
      path: "Migrations",
      resources: [
        .embedInCode("v001_registry.sql"), .embedInCode("v002_stop_index.sql"),
        .embedInCode("v003_visits_reference_design.sql"), .embedInCode("v004_seriousness_meddra_e2b.sql"),
        .embedInCode("v005_who_umc_duplicates.sql"),
        .embedInCode("v006_named_uuid_indexes.sql"), .embedInCode("v007_last_contact.sql"),
      ]
    ),
    // Reference data shipped with adreg (trial references), embedded in the binary.
    .target(
      name: "AdregFixtures",
      path: "Fixtures",
      exclude: [
        "registry-v001.sqlite", "patients.csv", "cases.csv", "doses.csv", "visits.csv", "followups.csv", "e2b",
      ],
      resources: [.embedInCode("references.csv")]
    ),
    // Pure statistics: intervals, exact tests, quantiles, Weibull fit. No dependency.
    .target(name: "AdregStatistics"),
    // Pure text formats: RFC 4180 CSV reading and writing, ordered JSON. No dependency.
    .target(name: "AdregFormats"),
    // A small declarative command-line parser in the shape of swift-argument-parser. No dependency.
    .target(name: "AdregArguments"),
    .target(
      name: "AdregCore",
      dependencies: ["AdregDatabase", "AdregMigrations", "AdregFixtures", "AdregStatistics", "AdregFormats"]
    ),
    .target(name: "AdregCLI", dependencies: ["AdregCore", "AdregArguments", "AdregFormats", "AdregStatistics"]),
    .executableTarget(name: "adreg", dependencies: ["AdregCLI"]),
    // What the test suites share: temporary directories, running other programs (python3 and tools as oracles).
    .target(name: "AdregTestSupport", path: "Tests/AdregTestSupport"),
    .testTarget(name: "AdregDatabaseTests", dependencies: ["AdregDatabase", "AdregTestSupport"]),
    .testTarget(name: "AdregStatisticsTests", dependencies: ["AdregStatistics", "AdregTestSupport"]),
    .testTarget(name: "AdregFormatsTests", dependencies: ["AdregFormats", "AdregTestSupport"]),
    .testTarget(name: "AdregArgumentsTests", dependencies: ["AdregArguments"]),
    .testTarget(name: "AdregCoreTests", dependencies: ["AdregCore", "AdregTestSupport"]),
    .testTarget(name: "AdregCLITests", dependencies: ["AdregCLI", "AdregCore", "AdregDatabase", "AdregTestSupport"]),
  ]
)
