// swift-tools-version: 6.1
// The benchmark harness of gatherlab: a package of its own, so that `make test` in the root never
// builds the benchmark dependencies. `make bench` (Benchmarks/run) builds and runs it.
import PackageDescription

let package = Package(
  name: "gatherlab-benchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(name: "gatherlab", path: ".."),
  ],
  targets: [
    // The Swift measurements, each run in a process of its own: gather against a hand-written task
    // group, bounded gather's time and peak memory, the live view's CPU in a pseudo-terminal, and
    // start-up timing where hyperfine is missing.
    .executableTarget(
      name: "bench-probe",
      dependencies: [.product(name: "GatherKit", package: "gatherlab"), "CBenchTerminal"]
    ),
    .target(name: "CBenchTerminal"),
    // Reads what Benchmarks/run measured; prints the table and writes .build/bench.json.
    .executableTarget(name: "bench-report"),
  ],
  swiftLanguageModes: [.v6]
)
