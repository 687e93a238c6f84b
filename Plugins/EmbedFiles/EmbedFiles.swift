import Foundation
import PackagePlugin

/// Embeds the lessons (`Lessons/*.md`), the demos' Swift sources (`Sources/LabCore/Demos/**/*.swift`)
/// and their Python twins and helpers (`Sources/LabCore/Demos/**/*.py`, each demo's in its own folder,
/// the shared ones in `Demos/Python`) into the target as string literals, by file name, so the binary carries its course and can show the exact code it runs, from any
/// directory. Also the tracer's C speedups `make` built into `.build/speedups` (one
/// `_gatherlab_speedups<EXT_SUFFIX>` per CPython; none there, as after a plain `swift build`: none
/// embedded), as base64.
@main
struct EmbedFiles: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let root = context.package.directoryURL
    let lessons = try files(in: root.appending(path: "Lessons"), withExtension: "md")
    let demoFolder = root.appending(path: "Sources/LabCore/Demos")
    let demos = files(under: demoFolder, withExtension: "swift")
    let python = files(under: demoFolder, withExtension: "py")
    // Each exercise's exercise.md, starter.py and solution.py (its alternatives/ and wrong/ stay
    // in the repository, for the content tests).
    let exerciseRoot = root.appending(path: "Exercises")
    let exerciseDirectories = ((try? FileManager.default.contentsOfDirectory(atPath: exerciseRoot.path(percentEncoded: false))) ?? [])
      .filter { $0.first?.isNumber == true }.sorted()
    let exercises = exerciseDirectories.flatMap { name in
      ["exercise.md", "starter.py", "solution.py"].map { exerciseRoot.appending(path: name).appending(path: $0) }
        .filter { FileManager.default.fileExists(atPath: $0.path(percentEncoded: false)) }
    }
    // The tracer's C speedups: the directory is the input, and the tool lists it when it runs.
    // SwiftPM keeps this plugin's commands until the package's structure changes, so a list of
    // files made here would go stale; the directory's modification time changes whenever
    // Packaging/build-speedups renames a build into it or removes one. Made if missing (a plain
    // `swift build`): an input that is missing would fail the build.
    let speedups = root.appending(path: ".build/speedups")
    try? FileManager.default.createDirectory(at: speedups, withIntermediateDirectories: true)
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
    let arguments = [output.path(percentEncoded: false), "--lessons"]
      + lessons.map { $0.path(percentEncoded: false) }
      + ["--demos"] + demos.map { $0.path(percentEncoded: false) }
      + ["--python"] + python.map { $0.path(percentEncoded: false) }
      + ["--exercises"] + exercises.map { $0.path(percentEncoded: false) }
      + ["--extensions", speedups.path(percentEncoded: false)]
    return [
      .buildCommand(
        displayName: "Embedding \(lessons.count) lessons and \(demos.count) demo sources",
        executable: try context.tool(named: "embed-files").url,
        arguments: arguments,
        inputFiles: lessons + demos + python + exercises + [speedups],
        outputFiles: [output]
      ),
    ]
  }

  /// Every file below `directory`, in every folder, sorted by file name (names are unique: the
  /// embedded files are looked up by name).
  private func files(under directory: URL, withExtension pathExtension: String) -> [URL] {
    let base = directory.path(percentEncoded: false)
    let paths = FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? []
    return paths.filter { $0.hasSuffix("." + pathExtension) }
      .sorted { ($0 as NSString).lastPathComponent < ($1 as NSString).lastPathComponent }
      .map { directory.appending(path: $0) }
  }

  private func files(in directory: URL, withExtension pathExtension: String) throws -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path(percentEncoded: false))) ?? []
    return names.filter { $0.hasSuffix("." + pathExtension) }.sorted().map { directory.appending(path: $0) }
  }
}
