import Foundation
import LabCore
import Testing
import TestSupport

/// The bootstrap's cache of the embedded modules' compiled code (`PythonProgram`, `--cache DIR`):
/// used again while a module's text is the same, never for another text, and a broken cache file
/// is compiled over. Real CPython, every version here; nothing timed.
@Suite(.timeLimit(.minutes(2)))
struct PythonCodeCacheTests {
  static let versions = TracedProgramTests.versions

  /// Runs `main` (Python) after a module `_cached` of `text`, with the cache in `cache`.
  static func run(_ minor: Int, module text: String, cache: String) async throws -> (status: Int32, output: String, errors: String) {
    let python = try #require(TracedProgramTests.interpreter(minor))
    let arguments = PythonProgram.source(name: "main.py", text: "import _cached\nprint(_cached.WORD)\n").arguments(
      modules: [("_cached", text)], arguments: [], cache: cache
    )
    return try await LessonContentTests.runNow(python, arguments, input: "", timeout: 60)
  }

  static func cacheFiles(_ directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
  }

  @Test(arguments: versions)
  func aModuleIsCompiledOnceAndItsCodeUsedAgainWhileItsTextIsTheSame(_ minor: Int) async throws {
    let directory = try TemporaryDirectory()
    let cache = directory.path + "/cache/python"
    let first = try await Self.run(minor, module: "WORD = 'one'\n", cache: cache)
    #expect(first.output == "one\n", "\(first.errors)")
    let files = Self.cacheFiles(cache)
    #expect(files.count == 1)
    #expect(files.first?.hasPrefix("_cached.cpython-3\(minor)-") == true)
    #expect(files.first?.hasSuffix(".code") == true)
    let written = try Data(contentsOf: URL(filePath: cache + "/" + files[0]))
    let second = try await Self.run(minor, module: "WORD = 'one'\n", cache: cache)
    #expect(second.output == "one\n")
    // Read, not written again.
    #expect(try Data(contentsOf: URL(filePath: cache + "/" + files[0])) == written)
    let attributes = try FileManager.default.attributesOfItem(atPath: cache)
    #expect((attributes[.posixPermissions] as? Int) == 0o700)
  }

  @Test(arguments: versions)
  func anotherTextIsCompiledAfreshAndReplacesTheCachedCode(_ minor: Int) async throws {
    let directory = try TemporaryDirectory()
    let cache = directory.path + "/cache"
    _ = try await Self.run(minor, module: "WORD = 'one'\n", cache: cache)
    let changed = try await Self.run(minor, module: "WORD = 'two'\n", cache: cache)
    #expect(changed.output == "two\n", "\(changed.errors)")
    #expect(Self.cacheFiles(cache).count == 1)
    let again = try await Self.run(minor, module: "WORD = 'two'\n", cache: cache)
    #expect(again.output == "two\n")
  }

  @Test(arguments: versions)
  func aBrokenCacheFileIsCompiledOverAndAnUnwritableCacheIsIgnored(_ minor: Int) async throws {
    let directory = try TemporaryDirectory()
    let cache = directory.path + "/cache"
    _ = try await Self.run(minor, module: "WORD = 'one'\n", cache: cache)
    let file = cache + "/" + (try #require(Self.cacheFiles(cache).first))
    try Data("not marshal".utf8).write(to: URL(filePath: file))
    let broken = try await Self.run(minor, module: "WORD = 'one'\n", cache: cache)
    #expect(broken.output == "one\n", "\(broken.errors)")
    #expect(broken.errors == "")
    #expect(try Data(contentsOf: URL(filePath: file)) != Data("not marshal".utf8))
    // A file where the directory should be: nothing can be cached, and the run is as ever.
    try Data().write(to: URL(filePath: directory.path + "/blocked"))
    let unwritable = try await Self.run(minor, module: "WORD = 'three'\n", cache: directory.path + "/blocked/python")
    #expect(unwritable.output == "three\n")
    #expect(unwritable.errors == "")
  }

  @Test func theCacheIsXDGsElseTheHomesAndNoneWithoutAnAbsoluteOne() {
    #expect(PythonProgram.cacheDirectory(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"]) == "/c/gatherlab/python")
    #expect(PythonProgram.cacheDirectory(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h/"]) == "/h/.cache/gatherlab/python")
    #expect(PythonProgram.cacheDirectory(environment: ["HOME": "/h"]) == "/h/.cache/gatherlab/python")
    #expect(PythonProgram.cacheDirectory(environment: ["HOME": ""]) == nil)
    #expect(PythonProgram.cacheDirectory(environment: [:]) == nil)
  }

  @Test func theCacheDirectoryGoesBeforeTheModulesAndOnlyWhenGiven() {
    let program = PythonProgram.file(path: "p.py")
    let with = program.arguments(modules: [("m", "x = 1")], arguments: ["a"], exitsAtOnce: true, cache: "/c")
    #expect(Array(with.dropFirst(2)) == ["--exit-at-once", "--cache", "/c", "m", "x = 1", "--", "file", "p.py", "a"])
    let without = program.arguments(modules: [("m", "x = 1")], arguments: ["a"])
    #expect(Array(without.dropFirst(2)) == ["m", "x = 1", "--", "file", "p.py", "a"])
  }
}
