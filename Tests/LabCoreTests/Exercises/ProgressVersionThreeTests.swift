import Foundation
import LabCore
import TestSupport
import Testing

@Suite struct ProgressVersionThreeTests {
  @Test func aVersionTwoFileUpgradesWithNothingLost() throws {
    let v2 = #"{"version":2,"current":"results-order","part":2,"completed":["what-is-gather"],"speed":2,"predict":false,"predictions":{"results-order/finish-order":{"answer":"B C A","correct":true,"at":"2026-12-01T19:00:00Z"}}}"#
    let directory = try TemporaryDirectory(files: ["progress.json": v2])
    let store = FileProgressStore(directory: directory.path)
    var progress = try #require(store.load().progress)
    #expect(progress.part == 2 && progress.completed == ["what-is-gather"] && progress.speed == 2 && !progress.predict)
    #expect(progress.predictions["results-order/finish-order"]?.answer == "B C A")
    #expect(progress.exercises.isEmpty)
    progress.exercises["fetch-together"] = ExerciseRecord(passed: true, attempts: 3, at: "2026-12-06T15:00:00Z")
    #expect(store.save(progress) == nil)
    let text = try String(contentsOfFile: store.file, encoding: .utf8)
    #expect(text == """
      {"completed":["what-is-gather"],"current":"results-order",\
      "exercises":{"fetch-together":{"at":"2026-12-06T15:00:00Z","attempts":3,"passed":true}},"part":2,"predict":false,\
      "predictions":{"results-order/finish-order":{"answer":"B C A","at":"2026-12-01T19:00:00Z","correct":true}},"speed":2,"version":3}
      """)
    #expect(FileProgressStore(directory: directory.path).load().progress == progress)
  }

  @Test func aVersionOneFileUpgradesToo() throws {
    let v1 = #"{"version":1,"current":"results-order","completed":["what-is-gather"],"speed":2.5}"#
    let progress = try #require(ProgressFile.decode(Data(v1.utf8)).progress)
    #expect(progress.exercises.isEmpty && progress.completed == ["what-is-gather"] && progress.speed == 2.5)
  }

  @Test func aNewerFileIsLeftAlone() throws {
    let v4 = #"{"version":4,"current":"x","completed":[],"exercises":{"a":1}}"#
    let directory = try TemporaryDirectory(files: ["progress.json": v4])
    let load = FileProgressStore(directory: directory.path).load()
    #expect(!load.canSave && load.progress == nil)
    #expect(try String(contentsOfFile: directory.path + "/progress.json", encoding: .utf8) == v4)
  }

  @Test func aPassStaysAPassAndAttemptsCount() {
    let record = ExerciseRecord(passed: false, attempts: 0, at: "a").checked(passed: true, at: "b").checked(passed: false, at: "c")
    #expect(record == ExerciseRecord(passed: true, attempts: 2, at: "c"))
  }
}
