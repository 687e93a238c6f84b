import Foundation
import LabCore
import TestSupport
import Testing

/// The demos checked against their files, as rustlings' `dev check` checks its exercises: every
/// `*Demo.swift` is registered, each in a folder of its own beside its twin, its Swift source and
/// Python twin are embedded, it brings at least five parity cases, and its defaults give the
/// transcript in `Goldens/<id>.txt`.
///
/// A new demo is its own folder (`Foo/FooDemo.swift`, `FooParameters.swift`, `FooSentences.swift`,
/// `foo.py`), one line in `DemoRegistry` and one golden; this suite says which of them is missing. `GATHERLAB_RECORD_GOLDENS=1 swift
/// test --filter DemoContentTests` writes the goldens that do not exist yet, to be read before
/// they are committed.
@Suite struct DemoContentTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let demos = root.appending(path: "Sources/LabCore/Demos")
  static let registry = DemoRegistry.standard

  /// Every file below `Demos/` whose name ends with `suffix`, as paths relative to it.
  static func files(endingWith suffix: String) -> [String] {
    let paths = FileManager.default.enumerator(atPath: demos.path)?.compactMap { $0 as? String } ?? []
    return paths.filter { $0.hasSuffix(suffix) }.sorted()
  }

  /// The path below `Demos/` of the file called `name`.
  static func path(of name: String) throws -> URL {
    let found = files(endingWith: "/" + name)
    try #require(found.count == 1, "\(name): \(found.count) files of that name under Sources/LabCore/Demos")
    return demos.appending(path: found[0])
  }

  @Test func everyDemoFileIsRegistered() throws {
    let files = Self.files(endingWith: "Demo.swift").map { ($0 as NSString).lastPathComponent }
    #expect(files.filter { $0 != "Demo.swift" }.sorted() == Self.registry.demos.map(\.sourceFile).sorted())
  }

  @Test func everyPythonTwinBelongsToADemo() throws {
    // Modules whose names start with `_` are the twins' shared helpers and the tracer.
    let files = Self.files(endingWith: ".py").map { ($0 as NSString).lastPathComponent }.filter { !$0.hasPrefix("_") }
    #expect(files.sorted() == Self.registry.demos.map(\.pythonFile).sorted())
  }

  @Test(arguments: registry.ids)
  func eachDemoIsAFolderHoldingItsCodeItsParametersItsSentencesAndItsTwin(id: String) throws {
    let demo = try #require(Self.registry.demo(id: id))
    let folder = try Self.path(of: demo.sourceFile).deletingLastPathComponent()
    #expect(folder.deletingLastPathComponent().lastPathComponent == "Demos")
    let name = String(demo.sourceFile.dropLast("Demo.swift".count))
    for file in [demo.sourceFile, name + "Parameters.swift", name + "Sentences.swift", demo.pythonFile] {
      #expect(FileManager.default.fileExists(atPath: folder.appending(path: file).path), "\(id): no \(file) in \(folder.lastPathComponent)/")
    }
  }

  @Test(arguments: registry.ids)
  func eachDemoBringsAtLeastFiveParityCasesThatResolve(id: String) throws {
    let demo = try #require(Self.registry.demo(id: id))
    #expect(demo.parityCases.count >= 5, "\(id) has \(demo.parityCases.count) parity cases; DESIGN §10 asks for five")
    #expect(Set(demo.parityCases).count == demo.parityCases.count, "\(id) repeats a parity case")
    for arguments in demo.parityCases {
      #expect(throws: Never.self, "\(id) \(arguments)") {
        _ = try demo.resolve([DemoParameters.pairs(from: arguments, demo: id, valid: demo.parameterNames)])
      }
    }
  }

  @Test(arguments: registry.ids)
  func eachDemoHasItsSwiftSourceAndPythonTwinEmbedded(id: String) throws {
    let demo = try #require(Self.registry.demo(id: id))
    let swift = try String(contentsOf: Self.path(of: demo.sourceFile), encoding: .utf8)
    let python = try String(contentsOf: Self.path(of: demo.pythonFile), encoding: .utf8)
    #expect(demo.swiftSource == swift)
    #expect(demo.pythonSource == python)
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
}
