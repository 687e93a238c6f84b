import Foundation

/// The `gatherlab` executable under test: the one built beside the running test bundle.
///
/// `swift test` runs the test bundle from `.build/<triple>/debug/` and `swift test -c release` from
/// `.build/<triple>/release/`; the package builds `gatherlab` into the same directory, so each
/// configuration tests its own build. Set `GATHERLAB_BINARY` to test another one, an installed
/// copy for instance.
///
/// ```swift
/// let terminal = try PseudoTerminal(executable: try GatherlabBinary.url, arguments: ["--help"])
/// ```
enum GatherlabBinary {
  static let environmentOverride = "GATHERLAB_BINARY"

  static var url: URL {
    get throws {
      if let override = ProcessInfo.processInfo.environment[environmentOverride], !override.isEmpty {
        let url = URL(filePath: override)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
          throw GatherlabBinaryError.overrideNotExecutable(url)
        }
        return url
      }
      let directory = try buildProductsDirectory()
      let url = directory.appending(component: "gatherlab")
      guard FileManager.default.isExecutableFile(atPath: url.path) else {
        throw GatherlabBinaryError.notBuilt(expectedAt: url)
      }
      return url
    }
  }

  /// The directory holding the test bundle, found from this process's own executable: the bundle
  /// itself on Linux (`.build/<triple>/debug/gatherlabPackageTests.xctest`), or the binary inside
  /// it on macOS (`…/gatherlabPackageTests.xctest/Contents/MacOS/gatherlabPackageTests`).
  private static func buildProductsDirectory() throws -> URL {
    guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else {
      throw GatherlabBinaryError.unknownTestBundleLocation
    }
    var bundle = executable
    while !bundle.lastPathComponent.hasSuffix(".xctest") && bundle.pathComponents.count > 1 {
      bundle.deleteLastPathComponent()
    }
    let isBundle = bundle.lastPathComponent.hasSuffix(".xctest")
    return (isBundle ? bundle : executable).deletingLastPathComponent()
  }
}

enum GatherlabBinaryError: Error, CustomStringConvertible {
  case notBuilt(expectedAt: URL)
  case overrideNotExecutable(URL)
  case unknownTestBundleLocation

  var description: String {
    switch self {
    case .notBuilt(let url):
      """
      The gatherlab binary was not found at \(url.path). The end-to-end tests run the binary built \
      beside the test bundle: run them with `swift test` (or `swift test -c release`), which builds it, \
      or build it first with `swift build` (or `swift build -c release`).
      """
    case .overrideNotExecutable(let url):
      "\(GatherlabBinary.environmentOverride) is set to \(url.path), which is not an executable file."
    case .unknownTestBundleLocation:
      "Could not tell where the test bundle runs from, so the gatherlab binary beside it cannot be found."
    }
  }
}
