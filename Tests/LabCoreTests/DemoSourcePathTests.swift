import Foundation
import LabCore
import Testing

/// `code`'s Swift header names the file where it is: every demo's recorded path exists in the
/// repository and ends with its file name (the embedding step used to keep the name only, and
/// the header said `Sources/LabCore/Demos/OrderingDemo.swift`).
@Suite struct DemoSourcePathTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  @Test(arguments: DemoRegistry.standard.ids)
  func theSwiftSourcePathOfEveryDemoIsAFileInTheRepository(_ id: String) throws {
    let demo = try DemoRegistry.standard.demo(named: id)
    let path = try #require(demo.swiftSourcePath)
    #expect(path.hasPrefix("Sources/LabCore/Demos/"))
    #expect(path.hasSuffix("/" + demo.sourceFile))
    #expect(FileManager.default.fileExists(atPath: Self.repository + "/" + path))
  }

  @Test func orderingsSourceIsInItsOwnFolder() throws {
    #expect(try DemoRegistry.standard.demo(named: "ordering").swiftSourcePath == "Sources/LabCore/Demos/Ordering/OrderingDemo.swift")
  }
}
