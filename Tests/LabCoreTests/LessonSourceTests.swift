import Foundation
import LabCore
import TestSupport
import Testing

@Suite struct LessonSourceTests {
  @Test func readsTheMarkdownFilesOfADirectorySortedByName() throws {
    let directory = try TemporaryDirectory(files: [
      "02-b.md": "two", "01-a.md": "one", "README.txt": "not a lesson",
    ])
    let files = try LessonSource.directory(directory.path).files()
    #expect(files.map(\.name) == ["01-a.md", "02-b.md"])
    #expect(files.map(\.displayPath) == [directory.file("01-a.md"), directory.file("02-b.md")])
    #expect(files.map(\.text) == ["one", "two"])
  }

  @Test func aMissingDirectoryIsASentenceNotACrash() {
    #expect(throws: LessonCatalogError.unreadableDirectory(path: "/no/such/lessons", reason: "no such directory")) {
      try LessonSource.directory("/no/such/lessons").files()
    }
    let error = LessonCatalogError.unreadableDirectory(path: "/no/such/lessons", reason: "no such directory")
    #expect(error.description == "Cannot read the lessons directory '/no/such/lessons': no such directory.")
  }

  @Test func aFileGivenAsTheDirectoryIsRefused() throws {
    let directory = try TemporaryDirectory(files: ["01-a.md": "x"])
    let path = directory.file("01-a.md")
    #expect(throws: LessonCatalogError.notADirectory(path: path)) { try LessonSource.directory(path).files() }
    #expect(
      LessonCatalogError.notADirectory(path: path).description
        == "Cannot read the lessons directory '\(path)': it is not a directory."
    )
  }

  @Test func aDirectoryWithoutLessonsIsAnError() throws {
    let directory = try TemporaryDirectory()
    #expect(throws: LessonCatalogError.noLessons(source: "the lessons directory '\(directory.path)'")) {
      try LessonSource.directory(directory.path).files()
    }
    #expect(
      LessonCatalogError.noLessons(source: "the lessons directory 'x'").description
        == "There are no lesson files (NN-id.md) in the lessons directory 'x'."
    )
  }

  @Test func aFileThatIsNotUTF8IsAnError() throws {
    let directory = try TemporaryDirectory()
    try directory.write("01-a.md", Data([0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0xFE, 0x0A]))
    let path = directory.file("01-a.md")
    #expect(throws: LessonCatalogError.unreadableFile(path: path, reason: "it is not UTF-8 text")) {
      try LessonSource.directory(path.replacing("/01-a.md", with: "")).files()
    }
  }

  @Test func aDirectoryNamedLikeALessonIsAnError() throws {
    let directory = try TemporaryDirectory(files: ["01-a.md/inner.txt": "x"])
    #expect(throws: LessonCatalogError.unreadableFile(path: directory.file("01-a.md"), reason: "it is a directory")) {
      try LessonSource.directory(directory.path).files()
    }
  }

  @Test func bundledPrefersTheLessonsInstalledNextToTheBinary() throws {
    let prefix = try TemporaryDirectory(files: ["bin/gatherlab": "", "share/gatherlab/Lessons/01-a.md": "x"])
    let source = LessonSource.bundled(executablePath: prefix.file("bin/gatherlab"))
    #expect(source == .directory(prefix.file("share/gatherlab/Lessons")))
  }

  @Test func bundledFallsBackToTheEmbeddedLessons() throws {
    let prefix = try TemporaryDirectory(files: ["bin/gatherlab": ""])
    #expect(LessonSource.bundled(executablePath: prefix.file("bin/gatherlab")) == .embedded)
    #expect(LessonSource.bundled(executablePath: nil) == .embedded)
  }

  @Test func sourcesNameThemselvesForMessages() {
    #expect(LessonSource.directory("Lessons").description == "the lessons directory 'Lessons'")
    #expect(LessonSource.embedded.description == "the built-in lessons")
  }
}

/// The lessons built into the binary are the course: each must pass lint. The package has lessons
/// (`Lessons/*.md`), so none embedded is a broken build (the EmbedFiles plugin found nothing) and
/// fails here rather than skipping the checks below.
@Suite struct BundledLessonTests {
  static let files = (try? LessonSource.embedded.files()) ?? []
  static let lessonsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appending(path: "Lessons")

  @Test func everyLessonFileOfThePackageIsEmbedded() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.lessonsDirectory.path).filter { $0.hasSuffix(".md") }
    #expect(!names.isEmpty, "the package has no Lessons/*.md")
    #expect(Self.files.map(\.name) == names.sorted(), "the lessons embedded in the binary are not those in Lessons/")
  }

  @Test func everyBuiltInLessonPassesLint() {
    #expect(LessonLinter().lint(Self.files).map(\.description) == [])
  }

  @Test func theBuiltInLessonsLoadAsACatalog() throws {
    let catalog = try LessonCatalog.load(from: .embedded)
    #expect(!catalog.lessons.isEmpty)
    #expect(catalog.lessons.map(\.number) == Array(1...catalog.count))
  }
}
