/// The learner's progress during a session: loaded once, changed by the session's jobs, and saved
/// whenever it changes — unless the file belongs to a newer gatherlab, which is left alone.
@MainActor
final class ProgressKeeper {
  let store: any ProgressStore
  var progress: Progress
  /// False when the progress file belongs to a newer gatherlab: the session leaves it alone.
  private(set) var canSave = true
  private var warnedAboutSaving = false
  /// Where warnings go (once each).
  private let warn: (String) -> Void

  init(store: any ProgressStore, firstLesson: String, warn: @escaping (String) -> Void) {
    self.store = store
    self.warn = warn
    progress = Progress(current: firstLesson)
  }

  /// Reads the saved progress; its warning, if any, is said. Returns what was saved.
  func load() -> Progress? {
    let loaded = store.load()
    canSave = loaded.canSave
    if let warning = loaded.warning { warn("Warning: " + warning) }
    if let saved = loaded.progress { progress = saved }
    return loaded.progress
  }

  /// Saves, warning once if the store cannot.
  func save() {
    guard canSave, let warning = store.save(progress) else { return }
    if !warnedAboutSaving {
      warn("Warning: " + warning)
      warnedAboutSaving = true
    }
  }
}
