import Foundation
import LabCore
import TestSupport
import Testing

/// The demos checked against their files, as rustlings' `dev check` checks its exercises: every
/// `*Demo.swift` is registered, its Swift source and Python twin are embedded, it reads only the
/// parameters it declares, and its defaults give the transcript in `Goldens/<id>.txt`.
///
/// A new demo is its own files (`FooDemo.swift`, `Python/foo.py`), one line in `DemoRegistry`
/// and one golden; this suite says which of them is missing. `GATHERLAB_RECORD_GOLDENS=1 swift
/// test --filter DemoContentTests` writes the goldens that do not exist yet, to be read before
/// they are committed.
@Suite struct DemoContentTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let demos = root.appending(path: "Sources/LabCore/Demos")
  static let registry = DemoRegistry.standard

  static func files(in directory: URL, endingWith suffix: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(suffix) }.sorted()
  }

  @Test func everyDemoFileIsRegistered() throws {
    let files = try Self.files(in: Self.demos, endingWith: "Demo.swift").filter { $0 != "Demo.swift" }
    #expect(files == Self.registry.demos.map(\.sourceFile).sorted())
  }

  @Test func everyPythonTwinBelongsToADemo() throws {
    // Modules whose names start with `_` are the twins' shared helpers and the tracer.
    let files = try Self.files(in: Self.demos.appending(path: "Python"), endingWith: ".py").filter { !$0.hasPrefix("_") }
    #expect(files == Self.registry.demos.map(\.pythonFile).sorted())
  }

  @Test(arguments: registry.ids)
  func eachDemoHasItsSwiftSourceAndPythonTwinEmbedded(id: String) throws {
    let demo = try #require(Self.registry.demo(id: id))
    let swift = try String(contentsOf: Self.demos.appending(path: demo.sourceFile), encoding: .utf8)
    let python = try String(contentsOf: Self.demos.appending(path: "Python/\(demo.pythonFile)"), encoding: .utf8)
    #expect(demo.swiftSource == swift)
    #expect(demo.pythonSource == python)
  }

  @Test(arguments: registry.ids)
  func eachDemoReadsOnlyTheParametersItDeclares(id: String) async throws {
    let launch = try DemoLaunch(demo: id, speed: .normal)
    _ = try await DemoHarness().run(launch)
    #expect(launch.parameters.undeclaredReads == [])
  }

  @Test(arguments: registry.ids)
  func eachDemosDefaultsGiveItsGoldenTranscript(id: String) async throws {
    let (output, _) = try await DemoHarness().run(id)
    let transcript = DemoHarness.normalized(output)
    let file = DemoGoldens.file(id)
    if ProcessInfo.processInfo.environment["GATHERLAB_RECORD_GOLDENS"] == "1", !FileManager.default.fileExists(atPath: file.path) {
      // A new demo's first transcript: written once, then read and checked by a person.
      try transcript.write(to: file, atomically: true, encoding: .utf8)
    }
    let golden = try? String(contentsOf: file, encoding: .utf8)
    #expect(golden != nil, "No golden for \(id): save this as Tests/LabCoreTests/Goldens/\(id).txt\n\(transcript)")
    if let golden { #expect(transcript == golden) }
  }

  @Test func readingAnUndeclaredParameterIsRecordedNotATrap() throws {
    let parameters = try DemoLaunch(demo: "ordering", speed: .normal).parameters
    #expect(parameters.integer("delays") == 1)
    #expect(parameters.seconds("limit") == 0)
    #expect(parameters.secondsList("delays") == [3, 1, 2])
    #expect(parameters.undeclaredReads.map(\.description) == [
      "The demo read 'delays' as a whole number, but declares no such parameter.",
      "The demo read 'limit' as seconds, but declares no such parameter.",
    ])
  }
}
