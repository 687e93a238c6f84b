/// The count that closes a trace and a replay of one, "5 tasks: 3 finished, 1 cancelled, 1 left
/// pending", and how the program ended, "prog.py exited normally". A task left pending never
/// ended: the program exited without waiting for it (`os._exit`, a loop closed under it), let go
/// of it and the collector destroyed it, or the recording stopped first.
///
/// ```swift
/// TraceAccount.tasks(forest)  // "3 tasks: 2 finished, 1 left pending"
/// ```
enum TraceAccount {
  static func tasks(_ forest: TraceForest) -> String {
    let total = forest.taskCount
    let pending = total - forest.finished - forest.failed - forest.cancelled
    let ended = [("finished", forest.finished), ("failed", forest.failed), ("cancelled", forest.cancelled), ("left pending", pending)]
      .compactMap { word, count in count > 0 ? TraceTreeRenderer.number(count) + " " + word : nil }
    let count = TraceTreeRenderer.number(total) + " task" + (total == 1 ? "" : "s")
    return ended.isEmpty ? count : count + ": " + ended.joined(separator: ", ")
  }

  /// "prog.py exited normally." / "prog.py exited with status 1.": how the program ended.
  static func exited(file: String, status: Int) -> String {
    status == 0 ? "\(file) exited normally." : "\(file) exited with status \(status)."
  }
}
