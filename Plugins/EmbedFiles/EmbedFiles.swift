import Foundation
import PackagePlugin

/// Embeds the lessons (`Lessons/*.md`), the demos' Swift sources (`Sources/LabCore/Demos/*.swift`)
/// and their Python equivalents (`Sources/LabCore/Demos/Python/*.py`) into the target as string
/// literals, so the binary carries its course and can show the exact code it runs, from any
/// directory.
@main
struct EmbedFiles: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let root = context.package.directoryURL
    let lessons = try files(in: root.appending(path: "Lessons"), withExtension: "md")
    let demos = try files(in: root.appending(path: "Sources/LabCore/Demos"), withExtension: "swift")
    let python = try files(in: root.appending(path: "Sources/LabCore/Demos/Python"), withExtension: "py")
    // Each exercise's exercise.md, starter.py and solution.py (its alternatives/ and wrong/ stay
    // in the repository, for the content tests).
    let exerciseRoot = root.appending(path: "Exercises")
    let exerciseDirectories = ((try? FileManager.default.contentsOfDirectory(atPath: exerciseRoot.path(percentEncoded: false))) ?? [])
      .filter { $0.first?.isNumber == true }.sorted()
    let exercises = exerciseDirectories.flatMap { name in
      ["exercise.md", "starter.py", "solution.py"].map { exerciseRoot.appending(path: name).appending(path: $0) }
        .filter { FileManager.default.fileExists(atPath: $0.path(percentEncoded: false)) }
    }
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
    let arguments = [output.path(percentEncoded: false), "--lessons"]
      + lessons.map { $0.path(percentEncoded: false) }
      + ["--demos"] + demos.map { $0.path(percentEncoded: false) }
      + ["--python"] + python.map { $0.path(percentEncoded: false) }
      + ["--exercises"] + exercises.map { $0.path(percentEncoded: false) }
    return [
      .buildCommand(
        displayName: "Embedding \(lessons.count) lessons and \(demos.count) demo sources",
        executable: try context.tool(named: "embed-files").url,
        arguments: arguments,
        inputFiles: lessons + demos + python + exercises,
        outputFiles: [output]
      ),
    ]
  }

  private func files(in directory: URL, withExtension pathExtension: String) throws -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path(percentEncoded: false))) ?? []
    return names.filter { $0.hasSuffix("." + pathExtension) }.sorted().map { directory.appending(path: $0) }
  }
}
