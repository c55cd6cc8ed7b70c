// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Zhifa",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "zhifa", targets: ["zhifa"]),
        .library(name: "CaseModel", targets: ["CaseModel"]),
        .library(name: "WorkCalendar", targets: ["WorkCalendar"]),
        .library(name: "CaseXML", targets: ["CaseXML"]),
        .library(name: "CaseStore", targets: ["CaseStore"]),
        .library(name: "Audit", targets: ["Audit"]),
        .library(name: "Supervision", targets: ["Supervision"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Value types only: no I/O, no dependencies beyond the calendar's date type.
        .target(name: "CaseModel", dependencies: ["WorkCalendar"]),
        // Working days from the State Council's holiday notices; data lives in Checklists/calendar.
        .target(name: "WorkCalendar"),
        // The interchange format: XSD validation, streaming parse and canonical writing via libxml2.
        .target(
            name: "CaseXML",
            dependencies: ["CaseModel", "CLibXML2", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Schemas")]
        ),
        // SQLite through GRDB: schema, import transactions, case history and the hash-chained journal.
        .target(
            name: "CaseStore",
            dependencies: [
                "CaseModel", "CaseXML",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The rule catalogue, checklists and scores; rules are pure functions of a case and its context.
        .target(
            name: "Audit",
            dependencies: ["CaseModel", "WorkCalendar", "CaseXML", "CaseStore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // What the supervision bureau acts on: violation lists, scorecards, early warnings, printable reports.
        .target(
            name: "Supervision",
            dependencies: ["CaseModel", "WorkCalendar", "CaseStore", "Audit", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Realistic synthetic data sets for scale tests and the benchmark.
        .target(name: "Generator", dependencies: ["CaseModel", "WorkCalendar", "CaseXML"]),
        .executableTarget(
            name: "zhifa",
            dependencies: [
                "CaseModel", "WorkCalendar", "CaseXML", "CaseStore", "Audit", "Supervision", "Generator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Micro-benchmarks (release build): `swift run -c release zhifa-bench`.
        .executableTarget(name: "zhifa-bench", dependencies: ["WorkCalendar"]),
        // Helpers every test target shares: the repository's folders, temporary folders, dates.
        .target(name: "TestSupport", dependencies: ["WorkCalendar"], path: "Tests/TestSupport"),
        .testTarget(name: "WorkCalendarTests", dependencies: ["WorkCalendar", "TestSupport"]),
        .testTarget(name: "CaseXMLTests", dependencies: ["CaseXML", "CaseModel", "TestSupport"]),
        .testTarget(name: "CaseStoreTests", dependencies: ["CaseStore", "CaseXML", "CaseModel", "TestSupport"]),
        .testTarget(name: "AuditTests", dependencies: ["Audit", "CaseStore", "CaseXML", "CaseModel", "WorkCalendar", "TestSupport"]),
        .testTarget(name: "GeneratorTests", dependencies: ["Generator", "Audit", "CaseStore", "CaseModel", "WorkCalendar", "TestSupport"]),
        // Runs the built binary: the command line is a contract that scripts rely on.
        .testTarget(name: "CLITests", dependencies: ["TestSupport", "zhifa"]),
        .testTarget(
            name: "SupervisionTests",
            dependencies: ["Supervision", "Audit", "CaseStore", "CaseModel", "WorkCalendar", "CLibXML2", "TestSupport",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
    ]
)
