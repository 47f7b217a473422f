// swift-tools-version:6.1
// Benchmarks for landscape, in their own package so that the benchmark library stays out of
// the main build and `swift test`.
//
//   cd Benchmarks && swift package --disable-sandbox benchmark      # stage throughput (ordo-one/benchmark)
//   ../scripts/benchmark.sh                                          # end to end, release, /usr/bin/time -v
import PackageDescription

let package = Package(
    name: "landscape-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "landscape", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // libxml2's reader API alone, for the floor (named apart from the main package's CLibXML2).
        .systemLibrary(name: "CLibXML2Floor", path: "Sources/CLibXML2Floor", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // A bare xmlTextReader pass: the reference floor for ingestion.
        .executableTarget(name: "xmlreader-floor", dependencies: ["CLibXML2Floor"], path: "Sources/xmlreader-floor"),
        // Throughput of each stage on slices of the shared corpus.
        .executableTarget(
            name: "StageThroughput",
            dependencies: [
                "CLibXML2Floor",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "LandscapeStages", package: "landscape"),
            ],
            path: "Benchmarks/StageThroughput",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
