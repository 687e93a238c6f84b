import Foundation
import LabCore
import Testing
import TestSupport

/// The cache directory `trace` runs `python3 FILE` from (`PythonSiteDirectory`): written whole
/// once per build and used again, other builds' old ones removed, the user's PYTHONPATH kept;
/// and a traced program starts as python3 starts it, or through the bootstrap when the cache
/// cannot be written.
@Suite(.timeLimit(.minutes(2)))
struct PythonSiteDirectoryTests {
  static let repository = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let modules = [(name: "_one", text: "ONE = 1\n"), (name: "_two", text: "TWO = 2\n")]
  /// A binary file as the tracer's C speedups are (not UTF-8: written as it is, byte for byte).
  static let extensions = [(name: "_fast.cpython-311-x86_64-linux-gnu.so", bytes: Data([0x7f, 0x45, 0x4c, 0x46, 0x00, 0xff, 0x80, 0x0a]))]
  static let written = ["_fast.cpython-311-x86_64-linux-gnu.so", "_one.py", "_two.py", "sitecustomize.py"]

  static func entries(_ directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
  }

  @Test
  func theDirectoryIsWrittenOnceNamedByWhatItHoldsAndUsedAgain() throws {
    let directory = try TemporaryDirectory()
    let cache = directory.path + "/cache/gatherlab/python"
    let site = try #require(PythonSiteDirectory.prepare(cache: cache, modules: Self.modules, extensions: Self.extensions))
    let name = String(site.path.dropFirst(cache.count + 1))
    #expect(name.hasPrefix("site-") && name.count == 21, "\(name)")
    #expect(Self.entries(cache) == [name], "no part left behind")
    #expect(Self.entries(site.path) == Self.written)
    #expect(try String(contentsOfFile: site.path + "/_two.py", encoding: .utf8) == "TWO = 2\n")
    #expect(FileManager.default.contents(atPath: site.path + "/" + Self.extensions[0].name) == Self.extensions[0].bytes)
    let installer = try String(contentsOf: Self.repository.appending(path: "Sources/LabCore/Demos/Python/_gatherlab_site.py"), encoding: .utf8)
    #expect(try String(contentsOfFile: site.path + "/sitecustomize.py", encoding: .utf8) == installer)
    #expect((try FileManager.default.attributesOfItem(atPath: site.path)[.posixPermissions] as? Int) == 0o700)
    // Used again as it is: a file changed inside stays changed (nothing is written twice).
    try Data("TWO = 3\n".utf8).write(to: URL(filePath: site.path + "/_two.py"))
    #expect(PythonSiteDirectory.prepare(cache: cache, modules: Self.modules, extensions: Self.extensions) == site)
    #expect(try String(contentsOfFile: site.path + "/_two.py", encoding: .utf8) == "TWO = 3\n")
  }

  @Test
  func manyRunsMakingTheDirectoryAtOnceAllGetItWhole() async throws {
    let directory = try TemporaryDirectory()
    let cache = directory.path + "/cache"
    let made = await withTaskGroup(of: PythonSiteDirectory?.self) { group in
      for _ in 0..<16 {
        group.addTask { PythonSiteDirectory.prepare(cache: cache, modules: Self.modules, extensions: Self.extensions) }
      }
      var made: [PythonSiteDirectory?] = []
      for await site in group { made.append(site) }
      return made
    }
    let site = try #require(made.first ?? nil)
    #expect(made.allSatisfy { $0 == site })
    #expect(Self.entries(site.path) == Self.written)
    #expect(try String(contentsOfFile: site.path + "/_two.py", encoding: .utf8) == "TWO = 2\n")
    #expect(Self.entries(cache) == [String(site.path.dropFirst(cache.count + 1))], "no part left behind")
  }

  @Test
  func anotherTextOrExtensionIsAnotherDirectoryAndAMissingFileIsWrittenAgain() throws {
    let directory = try TemporaryDirectory()
    let cache = directory.path + "/cache"
    let first = try #require(PythonSiteDirectory.prepare(cache: cache, modules: Self.modules, extensions: Self.extensions))
    let other = try #require(PythonSiteDirectory.prepare(cache: cache, modules: [(name: "_one", text: "ONE = 11\n")], extensions: Self.extensions))
    #expect(other != first)
    let rebuilt = [(name: Self.extensions[0].name, bytes: Self.extensions[0].bytes + [0])]
    let another = try #require(PythonSiteDirectory.prepare(cache: cache, modules: Self.modules, extensions: rebuilt))
    #expect(another != first && another != other, "a rebuilt extension is another directory")
    #expect(FileManager.default.contents(atPath: another.path + "/" + Self.extensions[0].name) == rebuilt[0].bytes)
    #expect(Self.entries(cache).count == 3, "a build from a moment ago is kept")
    // A directory missing a file (removed by hand) is not used: it is made again.
    try FileManager.default.removeItem(atPath: first.path + "/_one.py")
    #expect(PythonSiteDirectory.prepare(cache: cache, modules: Self.modules, extensions: Self.extensions) == first)
    #expect(Self.entries(first.path) == Self.written)
  }

  /// The tracer's C speedups `make` built, as the build embedded them (none after a plain
  /// `swift build`, or on a machine without a C compiler or Python's headers).
  static let built: [(name: String, bytes: Data)] = {
    let speedups = repository.appending(path: ".build/speedups").path(percentEncoded: false)
    return entries(speedups).filter { $0.hasPrefix("_gatherlab_speedups") && $0.hasSuffix(".so") }
      .compactMap { name in FileManager.default.contents(atPath: speedups + "/" + name).map { (name, $0) } }
  }()

  @Test
  func theSpeedupsTheBuildEmbeddedAreWrittenBesideTheTracerByteForByte() throws {
    #expect(PythonSiteDirectory.extensions.map(\.name) == Self.built.map(\.name), "the build embeds .build/speedups")
    for (name, bytes) in Self.built {
      #expect(PythonSiteDirectory.extensions.first { $0.name == name }?.bytes == bytes, "\(name)")
    }
    let directory = try TemporaryDirectory()
    let site = try #require(PythonSiteDirectory.prepare(cache: directory.path + "/cache", modules: Self.modules))
    #expect(Self.entries(site.path) == (["_one.py", "_two.py", "sitecustomize.py"] + Self.built.map(\.name)).sorted())
    for (name, bytes) in Self.built {
      #expect(FileManager.default.contents(atPath: site.path + "/" + name) == bytes, "\(name)")
    }
  }

  /// Where `python` imports the tracer's speedups from with `directory` first on sys.path (and
  /// `GATHERLAB_TRACE_PURE` no matter: that is the tracer's switch), or its error.
  static func importSpeedups(_ python: String, from directory: String) throws -> String {
    let process = Process()
    process.executableURL = URL(filePath: python)
    process.arguments = ["-c", "import sys; sys.path.insert(0, sys.argv[1]); import _gatherlab_speedups; print(_gatherlab_speedups.__file__)", directory]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return output.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The CPython minor versions here whose speedups the build embedded.
  static let versionsWithSpeedups = TracedProgramTests.versions.filter { minor in
    TracedProgramTests.interpreter(minor).flatMap(PythonForTests.extensionSuffix(of:))
      .map { suffix in PythonSiteDirectory.extensions.contains { $0.name == "_gatherlab_speedups" + suffix } } == true
  }

  @Test(
    .enabled(
      if: PythonForTests.python3.flatMap(PythonForTests.extensionSuffix(of:))
        .map { suffix in PythonSiteDirectory.extensions.contains { $0.name == "_gatherlab_speedups" + suffix } } == true,
      "this build embedded no speedups for python3's version (a build without a C compiler or Python.h embeds none)"
    )
  )
  func python3ImportsTheSpeedupsFromTheDirectory() throws {
    let python3 = try #require(PythonForTests.python3)
    let suffix = try #require(PythonForTests.extensionSuffix(of: python3))
    let directory = try TemporaryDirectory()
    let site = try #require(PythonSiteDirectory.prepare(cache: directory.path + "/cache", modules: Self.modules))
    #expect(try Self.importSpeedups(python3, from: site.path) == site.path + "/_gatherlab_speedups" + suffix)
  }

  @Test(arguments: versionsWithSpeedups)
  func eachCPythonImportsItsOwnSpeedupsFromTheDirectory(_ minor: Int) throws {
    let python = try #require(TracedProgramTests.interpreter(minor))
    let directory = try TemporaryDirectory()
    let site = try #require(PythonSiteDirectory.prepare(cache: directory.path + "/cache", modules: Self.modules))
    #expect(try Self.importSpeedups(python, from: site.path) == site.path + "/_gatherlab_speedups.cpython-3\(minor)-x86_64-linux-gnu.so")
  }

  @Test
  func otherBuildsDirectoriesUnchangedForADayAreRemoved() throws {
    let directory = try TemporaryDirectory()
    let cache = directory.path + "/cache"
    let manager = FileManager.default
    for name in ["site-old", "site-recent", "keep-me"] {
      try manager.createDirectory(atPath: cache + "/" + name, withIntermediateDirectories: true)
    }
    let now = Date()
    try manager.setAttributes([.modificationDate: now.addingTimeInterval(-2 * 86_400)], ofItemAtPath: cache + "/site-old")
    try manager.setAttributes([.modificationDate: now.addingTimeInterval(-2 * 86_400)], ofItemAtPath: cache + "/keep-me")
    try manager.setAttributes([.modificationDate: now.addingTimeInterval(-3_600)], ofItemAtPath: cache + "/site-recent")
    let site = try #require(PythonSiteDirectory.prepare(cache: cache, modules: Self.modules, extensions: Self.extensions))
    #expect(Self.entries(cache) == ["keep-me", String(site.path.dropFirst(cache.count + 1)), "site-recent"].sorted())
  }

  @Test
  func aCacheThatCannotBeWrittenGivesNone() throws {
    // (As root, permissions would not stop the write: a file where the directory should be does.)
    let directory = try TemporaryDirectory(files: ["cache": "a file"])
    #expect(PythonSiteDirectory.prepare(cache: directory.path + "/cache", modules: Self.modules, extensions: Self.extensions) == nil)
    #expect(PythonSiteDirectory.prepare(cache: directory.path + "/cache/python", modules: Self.modules, extensions: Self.extensions) == nil)
  }

  @Test
  func theUsersPythonpathComesAfterTheDirectoryAndIsGivenBack() {
    let site = PythonSiteDirectory(path: "/c/site-1")
    #expect(site.environment(inheriting: [:]) == ["GATHERLAB_SITE": "/c/site-1", "PYTHONPATH": "/c/site-1"])
    #expect(
      site.environment(inheriting: ["PYTHONPATH": "/a:/b"])
        == ["GATHERLAB_SITE": "/c/site-1", "PYTHONPATH": "/c/site-1:/a:/b", "GATHERLAB_PYTHONPATH": "/a:/b"]
    )
    #expect(
      site.environment(inheriting: ["PYTHONPATH": ""]) == ["GATHERLAB_SITE": "/c/site-1", "PYTHONPATH": "/c/site-1", "GATHERLAB_PYTHONPATH": ""]
    )
  }

  static let program = """
    import asyncio, os, sys

    async def main():
        await asyncio.sleep(0)

    print(sys.orig_argv[1] == sys.argv[0], os.environ.get("PYTHONPATH"), [p for p in sys.path if os.path.exists(p + "/_gatherlab_trace.py")])
    asyncio.run(main())

    """

  /// A traced run of `program` with the cache at `cache`, PYTHONPATH `/x` and bytecode not
  /// written (as a user may have it): its first output line, and the tasks seen.
  static func run(_ minor: Int, cache: String) async throws -> (line: String, tasks: [String]) {
    let traced = try await TracedProgramTests.trace(
      program, minor: minor, environment: ["XDG_CACHE_HOME": cache, "PYTHONPATH": "/x", "PYTHONDONTWRITEBYTECODE": "1"]
    )
    #expect(traced.outcome.status == 0, "\(traced.outcome.standardError)")
    return (traced.output.first ?? "", traced.tasks)
  }

  @Test(arguments: TracedProgramTests.versions)
  func aTracedProgramIsStartedAsPython3StartsItAndTheTracersCodeIsKept(_ minor: Int) async throws {
    let directory = try TemporaryDirectory()
    let run = try await Self.run(minor, cache: directory.path + "/cache")
    #expect(run.line == "True /x []")
    #expect(run.tasks == ["main()"])
    let cache = directory.path + "/cache/gatherlab/python"
    let site = try #require(Self.entries(cache).first { $0.hasPrefix("site-") })
    let compiled = Self.entries(cache + "/" + site + "/__pycache__")
    #expect(compiled.contains("_gatherlab_trace.cpython-3\(minor).pyc"), "\(compiled)")
    let written = Self.entries(cache + "/" + site)
    #expect(PythonSiteDirectory.extensions.allSatisfy { written.contains($0.name) }, "\(written)")
  }

  @Test(arguments: TracedProgramTests.versions)
  func withACacheThatCannotBeWrittenTheBootstrapRunsTheProgram(_ minor: Int) async throws {
    let directory = try TemporaryDirectory(files: ["cache": "a file"])
    let run = try await Self.run(minor, cache: directory.path + "/cache")
    // python3 -c BOOTSTRAP …: the command line says so; the rest is as python3 FILE has it.
    #expect(run.line == "False /x []")
    #expect(run.tasks == ["main()"])
  }
}
