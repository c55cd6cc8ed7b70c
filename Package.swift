// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Zhifa",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "zhifa", targets: ["zhifa"]),
        .library(name: "CaseModel", targets: ["CaseModel"]),
        .library(name: "WorkCalendar", targets: ["WorkCalendar"]),
        .library(name: "CaseXML", targets: ["CaseXML"]),
        .library(name: "CaseStore", targets: ["CaseStore"]),
        .library(name: "Audit", targets: ["Audit"]),
        .library(name: "Checklists", targets: ["Checklists"]),
        .library(name: "AuditRuns", targets: ["AuditRuns"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "WebService", targets: ["WebService"]),
        .library(name: "Documents", targets: ["Documents"]),
        .library(name: "PageTemplates", targets: ["PageTemplates"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.0.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        // Already built for PostgresNIO; named here for TLS to PostgreSQL (sslmode).
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        // Already built for Hummingbird; named here for the service's own metrics (`/metrics`).
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.1.0"),
        // `zhifa serve`'s settings from flags, environment and a file, in one place.
        .package(url: "https://github.com/apple/swift-configuration", from: "1.0.0"),
        // Tests only: the browser test speaks WebDriver to chromedriver over HTTP.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.19.0")
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // SQLite's configuration calls, which are variadic C (`shim.h`).
        .systemLibrary(name: "CSQLiteConfig"),
        .systemLibrary(
            name: "CPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev"])]
        ),
        // Value types only: no I/O, no dependencies beyond the calendar's date type.
        .target(name: "CaseModel", dependencies: ["WorkCalendar"]),
        // Working days from the State Council's holiday notices; data lives in Checklists/calendar.
        .target(name: "WorkCalendar"),
        // The files the binary carries inside it (checklists, calendar, XSDs, page templates).
        .target(name: "BundledFiles"),
        // The interchange format: XSD validation, streaming parse and canonical writing via libxml2.
        .target(
            name: "CaseXML",
            dependencies: ["CaseModel", "CLibXML2", "BundledFiles", .product(name: "Crypto", package: "swift-crypto")],
            // Carried inside the binary (`BundledFiles`), not as a resource bundle beside it.
            exclude: ["Schemas"]
        ),
        // The store on SQLite (GRDB) or PostgreSQL (PostgresNIO) behind one SQL seam: schema, import
        // transactions, case history and the hash-chained journal.
        .target(
            name: "CaseStore",
            dependencies: [
                "CaseModel", "CaseXML", "Documents",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for batch reads that read values straight from the statement.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                "CSQLiteConfig",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto")
            ]
        ),
        // The engine: rules, audit context, deadlines, checklists and scores. Pure functions of a case,
        // its registry and a calendar; no I/O, no store (as NIOCore stands apart from NIOPosix).
        .target(name: "Audit", dependencies: ["CaseModel", "WorkCalendar"]),
        // What the Checklists/ folder holds, found and loaded: checklists (validated by their XSD) and the calendar.
        .target(
            name: "Checklists",
            dependencies: ["Audit", "CaseXML", "WorkCalendar", "BundledFiles", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The engine at work on a store: audit runs stored batch by batch, the due list, scorecards.
        .target(
            name: "AuditRuns",
            dependencies: ["Audit", "CaseModel", "CaseStore", "CaseXML", "WorkCalendar", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Every output format people read or hand on (text, JSON, HTML, CSV, XLSX), from stored runs.
        .target(
            name: "Reports",
            dependencies: ["Audit", "AuditRuns", "CaseModel", "WorkCalendar", "CaseStore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // XML parts of ZIP packages (XLSX, DOCX, OFD) streamed through libxml2 as they inflate, bounded.
        .target(name: "XMLParts", dependencies: ["CLibXML2", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The text of a case's documents (TXT, DOCX, OFD, PDF, scans through Tesseract), every reader bounded.
        .target(name: "Documents", dependencies: ["CaseModel", "XMLParts", "CPoppler"]),
        // Excel/WPS/CSV case ledgers (行政执法案件台账): the template, reading them into interchange
        // cases through the same schema and import path, and writing stored cases back as a ledger.
        .target(
            name: "Ledger",
            dependencies: ["CaseModel", "CaseXML", "CaseStore", "Reports", "CLibXML2", "XMLParts"]
        ),
        // Realistic synthetic data sets for scale tests and the benchmark.
        // The pages' templates: a Mustache subset rendered from plain values, no I/O but reading the folder.
        .target(name: "PageTemplates"),
        .target(
            name: "Generator", dependencies: ["CaseModel", "WorkCalendar", "CaseXML", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The browser front end and JSON API (Hummingbird 2): accounts, sessions, roles, pages.
        .target(
            name: "WebService",
            dependencies: [
                "CaseModel", "WorkCalendar", "CaseXML", "CaseStore", "Audit", "Checklists", "AuditRuns", "Reports", "Ledger",
                "PageTemplates", "BundledFiles", "Documents",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus")
            ],
            exclude: ["Templates", "Static"]
        ),
        .executableTarget(
            name: "zhifa",
            dependencies: [
                "CaseModel", "WorkCalendar", "CaseXML", "CaseStore", "Audit", "Checklists", "AuditRuns", "Reports", "Generator", "WebService",
                "Ledger", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration")
            ]
        ),
        // Micro-benchmarks (release build): `swift run -c release zhifa-bench`.
        .executableTarget(name: "zhifa-bench", dependencies: ["WorkCalendar", "Checklists", "CaseStore", "Audit", "CaseModel", "Generator"]),
        // Helpers every test target shares: the repository's folders, temporary folders, dates.
        .target(name: "TestSupport", dependencies: ["WorkCalendar"], path: "Tests/TestSupport"),
        .testTarget(name: "WorkCalendarTests", dependencies: ["WorkCalendar", "Checklists", "TestSupport"]),
        .testTarget(name: "PageTemplatesTests", dependencies: ["PageTemplates"]),
        .testTarget(name: "BundledFilesTests", dependencies: ["BundledFiles", "TestSupport"]),
        .testTarget(
            name: "DocumentsTests",
            dependencies: ["Documents", "CaseModel", "Generator", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "CaseXMLTests", dependencies: ["CaseXML", "CaseModel", "TestSupport"]),
        .testTarget(
            name: "CaseStoreTests",
            dependencies: [
                "CaseStore", "CaseXML", "CaseModel", "Audit", "Checklists", "AuditRuns", "Reports", "Generator", "WorkCalendar", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift")
            ]),
        .testTarget(
            name: "AuditTests",
            dependencies: ["Audit", "Checklists", "AuditRuns", "Reports", "CaseStore", "CaseXML", "CaseModel", "WorkCalendar", "TestSupport"]),
        .testTarget(
            name: "GeneratorTests", dependencies: ["Generator", "Audit", "Checklists", "AuditRuns", "CaseStore", "CaseModel", "WorkCalendar", "TestSupport"]),
        // Runs the built binary: the command line is a contract that scripts rely on.
        .testTarget(name: "CLITests", dependencies: ["TestSupport", "CaseModel", "Audit", "zhifa"]),
        .testTarget(
            name: "LedgerTests",
            dependencies: [
                "Ledger", "CaseStore", "CaseModel", "CaseXML", "Reports", "Audit", "AuditRuns", "Checklists", "TestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation")
            ]),
        .testTarget(
            name: "ReportsTests",
            dependencies: [
                "Reports", "Audit", "Checklists", "AuditRuns", "CaseStore", "CaseModel", "WorkCalendar", "CLibXML2", "TestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation")
            ]
        ),
        .testTarget(
            name: "WebServiceTests",
            dependencies: [
                "WebService", "CaseStore", "CaseModel", "CaseXML", "Audit", "Checklists", "AuditRuns", "Reports", "CLibXML2", "TestSupport", "WorkCalendar",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client")
            ]
        )
    ]
)
