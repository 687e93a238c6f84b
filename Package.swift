// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// The Python files among LabCore's demos (each demo's twin in its folder, the shared helpers in
/// Demos/Python) and the tracer's C speedups (built by `make` for each CPython it finds, into
/// .build/speedups): the EmbedFiles plugin embeds them, so the target excludes them as sources.
/// Found by listing, so a new demo's folder needs no line here.
let demoPythonFiles: [String] = {
  let demos = Context.packageDirectory + "/Sources/LabCore/Demos"
  let found = FileManager.default.enumerator(atPath: demos)?.compactMap { $0 as? String } ?? []
  return found.filter { $0.hasSuffix(".py") || $0.hasSuffix(".c") }.sorted().map { "Demos/" + $0 }
}()

let package = Package(
  name: "gatherlab",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "gatherlab", targets: ["gatherlab"]),
    .library(name: "GatherKit", targets: ["GatherKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/pointfreeco/swift-clocks", from: "1.1.1"),
    .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    // Tests only: generated inputs (hostile parameters, state files, lesson text).
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    // The concurrency core: standard library and Swift concurrency only.
    .target(name: "GatherKit"),

    // System libraries, installed by `make` from Debian's -dev packages.
    .systemLibrary(
      name: "CLibEdit",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]
    ),
    .systemLibrary(
      name: "CCmarkGFM",
      pkgConfig: "libcmark-gfm",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
    ),

    .target(name: "LabTerminal"),
    .executableTarget(name: "embed-files"),
    .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["embed-files"]),
    .target(
      name: "LabCore",
      dependencies: [
        "GatherKit",
        "LabTerminal",
        "CCmarkGFM",
        .product(name: "Yams", package: "Yams"),
        .product(name: "Subprocess", package: "swift-subprocess"),
      ],
      exclude: demoPythonFiles,
      plugins: ["EmbedFiles"]
    ),
    .executableTarget(
      name: "gatherlab",
      dependencies: [
        "LabCore",
        "LabTerminal",
        "GatherKit",
        "CLibEdit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    .target(
      name: "TestSupport",
      dependencies: [
        "GatherKit",
        "LabTerminal",
        "LabCore",
        .product(name: "Clocks", package: "swift-clocks"),
      ],
      path: "Tests/TestSupport"
    ),
    .testTarget(
      name: "GatherKitTests",
      dependencies: [
        "GatherKit",
        "TestSupport",
        .product(name: "Clocks", package: "swift-clocks"),
      ]
    ),
    .testTarget(
      name: "LabTerminalTests",
      dependencies: ["LabTerminal", .product(name: "PropertyBased", package: "swift-property-based")]
    ),
    .testTarget(
      name: "LabCoreTests",
      dependencies: [
        "LabCore",
        "LabTerminal",
        "GatherKit",
        "TestSupport",
        .product(name: "Clocks", package: "swift-clocks"),
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      // NinthDemo/relay.py: the twin of a demo written as a test fixture (NinthDemoTests).
      exclude: ["Goldens", "NinthDemo/relay.py", "TraceCorpus"]
    ),
    .testTarget(
      name: "SystemLibraryTests",
      dependencies: ["CLibEdit", "CCmarkGFM"]
    ),
    // The few C calls the end-to-end tests need to run gatherlab in a pseudo-terminal.
    .target(name: "CPseudoTerminal", path: "Tests/CPseudoTerminal"),
    .testTarget(
      name: "LessonSnippetTests",
      dependencies: [
        "GatherKit",
        "TestSupport",
        .product(name: "Clocks", package: "swift-clocks"),
      ]
    ),
    .testTarget(
      name: "GatherlabEndToEndTests",
      dependencies: [
        // Not imported: the dependency makes `swift test` build the binary that the tests run.
        "gatherlab",
        "CPseudoTerminal",
        "TestSupport",
        .product(name: "Subprocess", package: "swift-subprocess"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
