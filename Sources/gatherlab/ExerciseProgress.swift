import Foundation
import LabCore
import LabTerminal

/// Exercise results in `progress.json` (version 3): read for hints and listings, written after
/// each check. A file from a newer gatherlab is left alone.
enum ExerciseProgress {
  static var store: FileProgressStore {
    FileProgressStore(directory: FileProgressStore.stateDirectory(environment: ProcessEnvironment.current()))
  }

  static func records() -> [String: ExerciseRecord] {
    store.peek()?.exercises ?? [:]
  }

  /// Counts one more check of `id`; returns the record as saved (or as it would be).
  @discardableResult
  static func record(_ id: String, passed: Bool) -> ExerciseRecord {
    let store = store
    let load = store.load()
    let at = PredictionRecord.timestamp(Date())
    guard load.canSave else { return ExerciseRecord(passed: passed, attempts: 1, at: at) }
    var progress = load.progress ?? Progress(current: firstLesson())
    let record = (progress.exercises[id] ?? ExerciseRecord(passed: false, attempts: 0, at: at)).checked(passed: passed, at: at)
    progress.exercises[id] = record
    _ = store.save(progress)
    return record
  }

  private static func firstLesson() -> String {
    (try? LessonCatalog.load(from: LessonOptions.source(directory: nil)).lessons.first?.id) ?? "what-is-gather"
  }

  /// `✓` passed, `✗` tried, `·` not started.
  static func mark(_ record: ExerciseRecord?) -> String {
    guard let record else { return "·" }
    return record.passed ? "✓" : "✗"
  }
}
