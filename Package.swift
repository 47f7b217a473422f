// swift-tools-version:6.0
import PackageDescription
import Foundation

// jemalloc is optional: a run makes millions of small allocations from two threads, and
// jemalloc serves them faster than glibc's malloc (about a quarter of a large run's time; see
// the README's performance section). The executable links it when the machine has it
// (apt `libjemalloc-dev`) and `LANDSCAPE_MALLOC` is not `system`; otherwise it uses glibc's
// malloc, and everything works the same, a little slower.
let linksJemalloc: Bool = {
    #if os(Linux)
    if ProcessInfo.processInfo.environment["LANDSCAPE_MALLOC"] == "system" { return false }
    let folders = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib"]
    return folders.contains { FileManager.default.fileExists(atPath: $0 + "/libjemalloc.so") }
    #else
    return false
    #endif
}()

let package = Package(
    name: "landscape",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "landscape", targets: ["landscape"]),
        // The stages as a library, for the Benchmarks/ package.
        .library(name: "LandscapeStages", targets: ["Pipeline", "Ingest", "Normalize", "Score", "Participation", "Report", "XMLStream", "LandscapeModel", "YAMLInput", "Terminology", "Policy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // libxml2 (and zlib, which it is built with) as a system library.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The few system calls Swift's Glibc module does not expose (renameat2).
        .target(name: "CLandscapeSystem"),
        // A small, safe streaming reader over xmlTextReader.
        .target(name: "XMLStream", dependencies: ["CLibXML2"]),
        // The one validating YAML reader: anchors refused, unknown keys rejected, file:line:key errors.
        .target(name: "YAMLInput", dependencies: ["Yams"]),
        // Value types shared by every stage.
        .target(name: "LandscapeModel"),
        // One adapter per input format: XML/JSON → raw records.
        .target(name: "Ingest", dependencies: ["XMLStream", "LandscapeModel", "CLandscapeSystem"]),
        // Identifiers, stages, de-duplication, adoption links: raw records → standards.
        .target(name: "Normalize", dependencies: ["LandscapeModel"]),
        // Taxonomy, relevance scoring with evidence, evaluation against gold labels.
        .target(name: "Score", dependencies: ["LandscapeModel", "Yams", "YAMLInput"]),
        // Committees, members, regions and participation measures.
        .target(name: "Participation", dependencies: ["LandscapeModel", "Yams", "YAMLInput"]),
        // Definitions of terms from the standards' terms clauses and glossaries, compared.
        .target(name: "Terminology", dependencies: ["LandscapeModel", "Yams", "YAMLInput"]),
        // Policy references (landscape-policy files), their resolution against the standards,
        // and the committee chains behind the standards EU policy names.
        .target(name: "Policy", dependencies: ["LandscapeModel", "Yams", "YAMLInput"]),
        // CSV, datapackage.json, HTML report, manifest, run history.
        .target(name: "Report", dependencies: [
            "LandscapeModel",
            .product(name: "GRDB", package: "GRDB.swift"),
            // SQLite's C API, for binding the many rows of a snapshot without boxing each value.
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // Pipeline.yaml, orchestration, locking, atomic publishing.
        .target(name: "Pipeline", dependencies: [
            "LandscapeModel", "Ingest", "Normalize", "Score", "Participation", "Terminology", "Policy", "Report", "CLandscapeSystem", "Yams", "YAMLInput",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The command line, linked with jemalloc when the machine has it (see `linksJemalloc`).
        .executableTarget(
            name: "landscape",
            dependencies: [
                "Pipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: linksJemalloc ? [.linkedLibrary("jemalloc")] : []
        ),

        // Helpers shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "XMLStreamTests", dependencies: ["XMLStream", "TestSupport"]),
        .testTarget(name: "YAMLInputTests", dependencies: ["YAMLInput", "Yams"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "TestSupport"]),
        .testTarget(name: "NormalizeTests", dependencies: ["Normalize", "Ingest", "TestSupport"]),
        .testTarget(name: "ScoreTests", dependencies: ["Score", "Ingest", "Normalize"]),
        .testTarget(name: "ParticipationTests", dependencies: ["Participation", "Yams", "TestSupport"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "LandscapeModel", "Report", "CLibXML2", "TestSupport"]),
        .testTarget(name: "TerminologyTests", dependencies: ["Terminology", "Ingest", "LandscapeModel", "TestSupport"]),
        .testTarget(name: "PolicyTests", dependencies: ["Policy", "LandscapeModel", "Normalize", "TestSupport"]),
    ]
)
