// swift-tools-version:6.1
import PackageDescription

// Folders under Sources/ follow the one-way data flow of the design:
// Common → Definitions → Storage → Collection → Analysis → Publishing, with Tools and Interfaces on top.
// A module may depend only on modules of its own stage or of earlier stages.

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let yams = Target.Dependency.product(name: "Yams", package: "Yams")
let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let hummingbirdTesting = Target.Dependency.product(name: "HummingbirdTesting", package: "hummingbird")
let unixSignals = Target.Dependency.product(name: "UnixSignals", package: "swift-service-lifecycle")
let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")

let package = Package(
    name: "Samla",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "samla", targets: ["samla"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Hummingbird's own; named here for its UnixSignals (SIGHUP reloads the server's secrets).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // Common: vocabulary every stage shares.
        .target(name: "Diagnostics", path: "Sources/Common/Diagnostics"),
        .target(name: "CSV", dependencies: ["Diagnostics"], path: "Sources/Common/CSV"),
        .target(name: "HTML", path: "Sources/Common/HTML"),

        // Definitions: survey and framework files, parsed and checked.
        .target(name: "Expressions", dependencies: ["Diagnostics"], path: "Sources/Definitions/Expressions"),
        .target(name: "YAMLReading", dependencies: ["Diagnostics", yams], path: "Sources/Definitions/YAMLReading"),
        .target(
            name: "SurveyDefinition",
            dependencies: ["Diagnostics", "Expressions", "YAMLReading", crypto],
            path: "Sources/Definitions/SurveyDefinition"
        ),
        .target(
            name: "Frameworks",
            dependencies: ["Diagnostics", "Expressions", "YAMLReading", "SurveyDefinition"],
            path: "Sources/Definitions/Frameworks"
        ),

        // Storage: rounds, invitations, responses in SQLite.
        .target(name: "Store", dependencies: ["Diagnostics", "Expressions", "SurveyDefinition", grdb, crypto], path: "Sources/Storage/Store"),

        // Collection: one validation path, and the ways answers come in.
        .target(
            name: "Responses",
            dependencies: ["Diagnostics", "CSV", "Expressions", "SurveyDefinition"],
            path: "Sources/Collection/Responses"
        ),
        .target(
            name: "Intake",
            dependencies: ["Diagnostics", "CSV", "SurveyDefinition", "Responses", "Store", crypto],
            path: "Sources/Collection/Intake"
        ),

        // Analysis: estimators (pure statistics) and the indicator engine.
        .target(name: "Estimators", path: "Sources/Analysis/Estimators"),
        .target(
            name: "Aggregation",
            dependencies: ["Diagnostics", "Expressions", "SurveyDefinition", "Frameworks", "Responses", "Store", "Estimators"],
            path: "Sources/Analysis/Aggregation"
        ),

        // Publishing: exports and reports read results and definitions.
        .target(
            name: "Exports",
            dependencies: ["Diagnostics", "CSV", "SurveyDefinition", "Frameworks", "Store", "Aggregation", crypto],
            path: "Sources/Publishing/Exports"
        ),
        .target(
            name: "Reports",
            dependencies: ["Diagnostics", "HTML", "YAMLReading", "SurveyDefinition", "Frameworks", "Store", "Aggregation"],
            path: "Sources/Publishing/Reports"
        ),

        // Tools: synthetic data for the demo, the benchmarks and the tests.
        .target(
            name: "SyntheticResponses",
            dependencies: ["CSV", "Expressions", "SurveyDefinition", "Responses"],
            path: "Sources/Tools/SyntheticResponses"
        ),

        // Interfaces: the web server and the command line, thin layers over every stage.
        .target(
            name: "FormServer",
            dependencies: [
                "Diagnostics", "SurveyDefinition", "Responses", "Intake", "Store", "Aggregation", "Exports", "Reports", "HTML", hummingbird, unixSignals, serviceLifecycle,
                logging, crypto,
            ],
            path: "Sources/Interfaces/FormServer"
        ),
        .target(
            name: "SamlaCommands",
            dependencies: [
                argumentParser, "Diagnostics", "CSV", "SurveyDefinition", "Frameworks", "Store", "Responses", "Intake",
                "FormServer", "Aggregation", "Exports", "Reports", "SyntheticResponses", logging,
            ],
            path: "Sources/Interfaces/SamlaCommands"
        ),
        .executableTarget(name: "samla", dependencies: ["SamlaCommands"], path: "Sources/Interfaces/samla"),

        // Benchmarks run by scripts/bench/*.sh (not products, not tests).
        .executableTarget(
            name: "submission-bench", dependencies: ["Store", "Expressions", "Intake", "Responses"], path: "scripts/bench/submission"),
        .executableTarget(name: "store-bench", dependencies: ["Store", "SurveyDefinition", "Expressions", "Diagnostics", grdb], path: "scripts/bench/store"),

        // The fixture of the web server's benchmark and browser check (scripts/bench/serve-*.sh, scripts/browser-check).
        .executableTarget(
            name: "serve-fixture", dependencies: ["Store", "SurveyDefinition", "Expressions", "Intake", "FormServer", logging],
            path: "scripts/bench/serve-fixture"),

        // Tests, one target per module.
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "CSVTests", dependencies: ["CSV"], exclude: ["Fixtures"]),
        .testTarget(name: "HTMLTests", dependencies: ["HTML"]),
        .testTarget(name: "ExpressionsTests", dependencies: ["Expressions", "Diagnostics"]),
        .testTarget(name: "SurveyDefinitionTests", dependencies: ["SurveyDefinition", "YAMLReading", "Diagnostics", "Expressions"], exclude: ["Fixtures"]),
        .testTarget(name: "FrameworksTests", dependencies: ["Frameworks", "SurveyDefinition", "Diagnostics"], exclude: ["Fixtures"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "SurveyDefinition", grdb, crypto], exclude: ["Fixtures"]),
        .testTarget(name: "ResponsesTests", dependencies: ["Responses", "SurveyDefinition", "Expressions"]),
        .testTarget(name: "IntakeTests", dependencies: ["Intake", "Store", "SurveyDefinition", "Expressions", "Responses", "CSV", grdb], exclude: ["Fixtures"]),
        .testTarget(name: "FormServerTests", dependencies: ["FormServer", "Store", "Intake", "SurveyDefinition", "Responses", "Expressions", "samla", grdb, hummingbird, hummingbirdTesting, crypto]),
        .testTarget(name: "EstimatorsTests", dependencies: ["Estimators"], exclude: ["Golden"]),
        .testTarget(name: "AggregationTests", dependencies: ["Aggregation", "Frameworks", "Store", "SurveyDefinition", "Estimators", "Intake", "Responses", "Diagnostics"], exclude: ["Fixtures"]),
        .testTarget(name: "ExportsTests", dependencies: ["Exports", "Store", "SurveyDefinition", "CSV", "Expressions", "Frameworks", grdb], exclude: ["Fixtures"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "HTML", "Aggregation", "Estimators", "Store", "Frameworks", "SurveyDefinition", "Expressions", "Diagnostics", "Intake", "Responses"], exclude: ["Fixtures"]),
        .testTarget(name: "SyntheticResponsesTests", dependencies: ["SyntheticResponses", "SurveyDefinition", "Responses", "Expressions", "CSV"]),
        .testTarget(name: "SamlaCommandsTests", dependencies: ["SamlaCommands", "Diagnostics", "samla", "Store", "SurveyDefinition", "Expressions", grdb, crypto], exclude: ["Fixtures"]),
    ]
)

// Fuzz targets, built only by scripts/fuzz/run.sh (SAMLA_FUZZ=1, with --sanitize=fuzzer, which
// supplies their main).
if Context.environment["SAMLA_FUZZ"] == "1" {
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("expressions", ["Expressions"]),
        ("csv", ["CSV"]),
        ("requests", ["FormServer"]),
        ("definitions", ["SurveyDefinition", "Frameworks"]),
        ("answers", ["Responses", "SurveyDefinition", "Expressions"]),
        ("compute", ["Aggregation", "Frameworks", "Store", "SurveyDefinition", "FuzzStores"]),
        ("reports", ["Reports", "Frameworks", "Store", "SurveyDefinition", "YAMLReading", "Diagnostics", "Expressions", "FuzzStores"]),
    ]
    // The fixed stores of the targets that compute.
    package.targets.append(.target(
        name: "FuzzStores", dependencies: ["Store", "SurveyDefinition", "Expressions", "Responses", "SyntheticResponses"], path: "scripts/fuzz/stores"))
    package.targets += fuzzTargets.map { target in
        .executableTarget(name: "fuzz-\(target.name)", dependencies: target.dependencies, path: "scripts/fuzz/\(target.name)",
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    }
}
