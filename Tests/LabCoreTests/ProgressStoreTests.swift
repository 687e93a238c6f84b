import Foundation
import LabCore
import TestSupport
import Testing

@Suite struct ProgressStoreTests {
  @Test func theStateDirectoryComesFromGatherlabHomeThenXDGThenHome() {
    #expect(FileProgressStore.stateDirectory(environment: ["GATHERLAB_HOME": "/g", "XDG_STATE_HOME": "/x", "HOME": "/h"]) == "/g")
    #expect(FileProgressStore.stateDirectory(environment: ["XDG_STATE_HOME": "/x", "HOME": "/h"]) == "/x/gatherlab")
    #expect(FileProgressStore.stateDirectory(environment: ["HOME": "/h"]) == "/h/.local/state/gatherlab")
    #expect(FileProgressStore.stateDirectory(environment: ["GATHERLAB_HOME": "", "HOME": "/h"]) == "/h/.local/state/gatherlab")
  }

  @Test func savedProgressIsTheDocumentedJSONAndLoadsBack() throws {
    let directory = try TemporaryDirectory(files: [:])
    let store = FileProgressStore(directory: directory.path + "/state")
    let progress = Progress(
      current: "results-order", part: 2, completed: ["what-is-gather"], speed: 2, predict: false,
      predictions: ["results-order/finish-order": PredictionRecord(answer: "B C A", correct: true, at: "2026-12-01T19:00:00Z")]
    )
    #expect(store.save(progress) == nil)
    let text = try String(contentsOfFile: store.file, encoding: .utf8)
    #expect(text == """
      {"completed":["what-is-gather"],"current":"results-order","exercises":{},"part":2,"predict":false,\
      "predictions":{"results-order/finish-order":{"answer":"B C A","at":"2026-12-01T19:00:00Z","correct":true}},\
      "speed":2,"version":3}
      """)
    #expect(store.load().progress == progress)
    #expect(store.load().warning == nil)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/state")
    #expect(leftovers == ["progress.json"])
  }

  @Test func savingWhatTheFileAlreadySaysLeavesTheFileAlone() throws {
    let directory = try TemporaryDirectory(files: [:])
    let progress = Progress(current: "results-order", part: 2)
    #expect(FileProgressStore(directory: directory.path).save(progress) == nil)
    // A new session loads it, changes nothing and saves: the same file (the same inode, as a
    // rewrite goes through a temporary file and a rename).
    let store = FileProgressStore(directory: directory.path)
    #expect(store.load().progress == progress)
    let before = try inode(of: store.file)
    #expect(store.save(progress) == nil)
    #expect(try inode(of: store.file) == before)
    // A change is written, and so is the same progress once the file is gone.
    var next = progress
    next.part = 3
    #expect(store.save(next) == nil)
    #expect(try inode(of: store.file) != before)
    try FileManager.default.removeItem(atPath: store.file)
    #expect(store.save(next) == nil)
    #expect(store.load().progress == next)
  }

  private func inode(of path: String) throws -> UInt64 {
    try #require(FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64)
  }

  @Test func aVersionOneFileUpgradesKeepingCurrentCompletedAndSpeed() throws {
    let v1 = #"{"version":1,"current":"results-order","completed":["what-is-gather","how-it-works"],"speed":2.5}"#
    let directory = try TemporaryDirectory(files: ["progress.json": v1])
    let store = FileProgressStore(directory: directory.path)
    let loaded = store.load()
    #expect(loaded == ProgressLoad(progress: Progress(current: "results-order", part: 1, completed: ["what-is-gather", "how-it-works"], speed: 2.5, predict: true, predictions: [:])))
    #expect(store.save(try #require(loaded.progress)) == nil)
    let text = try String(contentsOfFile: store.file, encoding: .utf8)
    #expect(text == #"{"completed":["what-is-gather","how-it-works"],"current":"results-order","exercises":{},"part":1,"predict":true,"predictions":{},"speed":2.5,"version":3}"#)
  }

  @Test func aFileFromANewerVersionIsNeitherMovedNorRewritten() throws {
    let v4 = #"{"version":4,"current":"results-order","lessons":{"x":1}}"#
    let directory = try TemporaryDirectory(files: ["progress.json": v4])
    let store = FileProgressStore(directory: directory.path)
    let loaded = store.load()
    #expect(loaded.progress == nil)
    #expect(loaded.canSave == false)
    #expect(loaded.warning == "\(store.file) comes from a newer gatherlab (version 4); this session starts at lesson 1 and saves nothing, leaving the file as it is.")
    #expect(try String(contentsOfFile: store.file, encoding: .utf8) == v4)
    #expect(!FileManager.default.fileExists(atPath: store.backup))
  }

  @Test func aNewerFileIsRecognisedWhateverItsShape() {
    // Readable as this version's shape, even with a value this version would reject, or not.
    let shapes = [
      #"{"version":4,"current":"results-order","completed":[],"part":0}"#,
      #"{"version":4,"current":"results-order","completed":[],"speed":2}"#,
      #"{"version":4,"lessons":{"x":1}}"#,
      #"{"version":7}"#,
    ]
    for shape in shapes {
      #expect(ProgressFile.decode(Data(shape.utf8)) == .newer(version: shape.contains("7") ? 7 : 4), "\(shape)")
    }
    #expect(ProgressFile.decode(Data(#"{"version":0,"current":"a","completed":[]}"#.utf8)) == .invalid)
    #expect(ProgressFile.decode(Data(#"{"current":"a","completed":[]}"#.utf8)) == .invalid)
  }

  @Test func noFileMeansNoProgressAndNoWarning() throws {
    let directory = try TemporaryDirectory(files: [:])
    let result = FileProgressStore(directory: directory.path).load()
    #expect(result.progress == nil && result.warning == nil)
  }

  @Test(arguments: ["{not json", "", "\u{0}\u{1}\u{2}garbage", #"{"version":2,"current":"x","speed":1}"#, #"{"version":0,"current":"x","completed":[],"speed":1}"#, "[]", "null"])
  func aCorruptFileIsKeptAsBackupWithOneWarning(content: String) throws {
    let directory = try TemporaryDirectory(files: ["progress.json": content])
    let store = FileProgressStore(directory: directory.path)
    let result = store.load()
    #expect(result.progress == nil)
    #expect(result.warning == "\(store.file) is not valid progress data; kept it as \(store.backup) and started fresh.")
    #expect(FileManager.default.fileExists(atPath: store.backup))
    #expect(!FileManager.default.fileExists(atPath: store.file))
    #expect(try String(contentsOfFile: store.backup, encoding: .utf8) == content)
  }

  @Test(.enabled(if: ReadOnlyDirectory.canMake, "running as root without chattr: no directory is read-only to root"))
  func aReadOnlyDirectoryGivesAWarningAndKeepsTheSavedFile() throws {
    let directory = try TemporaryDirectory(files: ["progress.json": #"{"version":1,"current":"b","completed":[],"speed":1}"#])
    let readOnly = try ReadOnlyDirectory(directory.path)
    defer { readOnly.restore() }
    let store = FileProgressStore(directory: directory.path)
    let warning = store.save(Progress(current: "a"))
    #expect(warning?.hasPrefix("Could not save progress to \(directory.path)/progress.json (") == true)
    #expect(warning?.hasSuffix("; the tutorial still works, but will not remember where you are.") == true)
    #expect(store.load().progress == Progress(current: "b"))
  }

  @Test func aSaveKilledHalfwayLeavesTheOldFileWhole() throws {
    // What a process killed while saving leaves: its temporary file, half written.
    let old = #"{"completed":[],"current":"b","speed":2,"version":1}"#
    let directory = try TemporaryDirectory(files: ["progress.json": old, ".progress.json.4242.tmp": #"{"complet"#])
    let store = FileProgressStore(directory: directory.path)
    #expect(store.load().progress == Progress(current: "b", speed: 2))
    #expect(store.load().warning == nil)
    #expect(store.save(Progress(current: "c")) == nil)
    #expect(store.load().progress == Progress(current: "c"))
  }

  @Test func aStateDirectoryThatIsAFileGivesAWarning() throws {
    let directory = try TemporaryDirectory(files: ["state": "a file, not a directory"])
    let warning = FileProgressStore(directory: directory.path + "/state").save(Progress(current: "a"))
    #expect(warning?.hasPrefix("Could not save progress to \(directory.path)/state/progress.json") == true)
    #expect(warning?.hasSuffix("the tutorial still works, but will not remember where you are.") == true)
  }

  @Test(arguments: [
    (#"{"version":1,"current":"results-order","completed":["what-is-gather"],"speed":0}"#, "0"),
    (#"{"version":1,"current":"results-order","completed":["what-is-gather"],"speed":-2.5}"#, "-2.5"),
    (#"{"version":1,"current":"results-order","completed":["what-is-gather"],"speed":1e308}"#, "1e+308"),
    (#"{"version":1,"current":"results-order","completed":["what-is-gather"],"speed":0.05}"#, "0.05"),
    (#"{"version":1,"current":"results-order","completed":["what-is-gather"],"speed":"nan"}"#, "nan"),
    (#"{"version":1,"current":"results-order","completed":["what-is-gather"],"speed":"fast"}"#, "fast"),
    (#"{"version":1,"current":"results-order","completed":["what-is-gather"],"speed":true}"#, "true"),
    (#"{"version":1,"current":"results-order","completed":["what-is-gather"],"speed":[2]}"#, "a list or an object"),
  ])
  func aSpeedOutOfRangeIsDroppedWithOneWarningAndTheRestIsKept(content: String, shown: String) throws {
    let directory = try TemporaryDirectory(files: ["progress.json": content])
    let store = FileProgressStore(directory: directory.path)
    let result = store.load()
    #expect(result.progress == Progress(current: "results-order", completed: ["what-is-gather"], speed: 1))
    #expect(
      result.warning
        == "\(store.file) has speed '\(shown)', not a number from 0.1 to 100; kept it as \(store.backup), set the speed to 1 and kept the rest."
    )
    #expect(try String(contentsOfFile: store.backup, encoding: .utf8) == content)
    #expect(store.peek() == Progress(current: "results-order", completed: ["what-is-gather"], speed: 1))
  }

  @Test func aFileWithoutASpeedRunsAtSpeedOneWithoutAWarning() throws {
    let directory = try TemporaryDirectory(files: ["progress.json": #"{"version":1,"current":"a","completed":[]}"#])
    let result = FileProgressStore(directory: directory.path).load()
    #expect(result.progress == Progress(current: "a"))
    #expect(result.warning == nil)
  }

  @Test(arguments: [
    "null", "[]", "7", #""progress""#, "{}", #"{"version":2,"predictions":7}"#,
    #"{"version":"1","current":"a","completed":[],"speed":1}"#,
    #"{"version":1,"current":3,"completed":[],"speed":1}"#,
    #"{"version":1,"current":"a","completed":"all","speed":1}"#,
    #"{"version":1,"current":"a","completed":[1,2],"speed":1}"#,
    #"{"version":1e400,"current":"a","completed":[],"speed":1}"#,
    #"{"version":99999999999999999999999,"current":"a","completed":[],"speed":1}"#,
    "\u{FEFF}{\"version\":1", "{\"version\":1,\"current\":\"\u{0}\"",
  ])
  func stateFilesOfEveryWrongShapeAreKeptAsBackupWithOneWarning(content: String) throws {
    let directory = try TemporaryDirectory(files: ["progress.json": content])
    let store = FileProgressStore(directory: directory.path)
    let result = store.load()
    #expect(result.progress == nil)
    #expect(result.warning == "\(store.file) is not valid progress data; kept it as \(store.backup) and started fresh.")
    #expect(FileManager.default.contents(atPath: store.backup) == Data(content.utf8))
  }
}
