// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "stego",
    products: [
        .executable(name: "stego", targets: ["stego"]),
        .executable(name: "stego-bench", targets: ["StegoBench"]),
        .library(name: "StegoKit", targets: ["StegoKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]),
        .systemLibrary(
            name: "CDNNL",
            providers: [.apt(["libdnnl-dev"])]),
        .systemLibrary(
            name: "CJPEG",
            providers: [.apt(["libjpeg62-turbo-dev"])]),
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(
            name: "CAVIF",
            providers: [.apt(["libavif-dev"])]),
        .systemLibrary(
            name: "CHEIF",
            pkgConfig: "libheif",
            providers: [.apt(["libheif-dev"])]),
        .systemLibrary(
            name: "CWebP",
            providers: [.apt(["libwebp-dev"])]),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CTrellis"),
        .target(
            name: "StegoKit",
            dependencies: ["CPNG", "CDNNL", "CJPEG", "CSodium", "CAVIF", "CHEIF", "CWebP", "CZlib", "CTrellis"],
            resources: [.copy("Weights")]),
        .executableTarget(
            name: "stego",
            dependencies: [
                "StegoKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "StegoBench",
            dependencies: [
                "StegoKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/StegoBench"),
        // Fuzz targets: libFuzzer with -DFUZZING (scripts/fuzz.sh); plain builds replay files.
        .target(name: "FuzzSupport", dependencies: ["StegoKit"], path: "Fuzz/Support"),
        .executableTarget(name: "FuzzPNGDecoder", dependencies: ["FuzzSupport", "StegoKit"], path: "Fuzz/PNGDecoder"),
        .executableTarget(name: "FuzzSafeTensorsReader", dependencies: ["FuzzSupport", "StegoKit"], path: "Fuzz/SafeTensorsReader"),
        .testTarget(
            name: "StegoKitTests",
            dependencies: ["StegoKit", "CTrellis", "CAVIF", "CHEIF", "CWebP"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "StegoCLITests",
            dependencies: ["stego", "StegoKit"]),
    ]
)
