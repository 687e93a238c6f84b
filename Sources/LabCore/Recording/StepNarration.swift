import LabTerminal

/// The one line `replay --step` shows at a stop: what just happened, then who is still at work,
/// each part chosen by the entries of the step and the timeline after it. Tasks are named as the
/// timeline's rows name them (`RowLabel`), with their argument index.
///
/// ```text
/// 1.00s [0] A failed; error reached the caller; [1] B and [2] C run on as orphans
/// ```
public enum StepNarration {
  public static func sentence(for step: ReplayStep, in run: RecordedRun, trace: TraceRecording? = nil) -> String {
    if let trace {
      var labels = TraceRecording.TaskLabels()
      return sentence(for: step, in: run, trace: trace, labels: &labels)
    }
    let timeline = run.timeline(through: step.entries.upperBound)
    let entries = Array(run.recording.entries[step.entries])
    var startedNow: Set<String> = []
    for case .event(let event) in entries where event.kind == .started { startedNow.insert(event.task) }
    let before = timeline.rows.filter { !startedNow.contains($0.name) }
    let named = happened(entries, labels: labels(timeline.rows))
    return SecondsFormat.seconds(step.time) + " " + (named + still(before)).joined(separator: "; ")
  }

  /// A trace's stop: tasks by trace id, and what they began to wait on. `labels` carries the
  /// names read so far from one stop to the next (stops asked for in order).
  public static func sentence(
    for step: ReplayStep, in run: RecordedRun, trace: TraceRecording, labels: inout TraceRecording.TaskLabels
  ) -> String {
    let first = step.entries.lowerBound
    let start = first > 0 && first <= run.instants.count ? run.instants[first - 1] : nil
    let parts = trace.happened(after: start, through: step.time, labels: &labels)
    return SecondsFormat.seconds(step.time) + " " + (parts.isEmpty ? "nothing ended or started" : parts.joined(separator: "; "))
  }

  /// The rows' labels (`[0] A`) by task name; a name in several phases gets its latest row's.
  public static func labels(_ rows: [TimelineRow]) -> [String: String] {
    Dictionary(rows.map { ($0.name, RowLabel.text($0)) }, uniquingKeysWith: { _, latest in latest })
  }

  /// What the entries say happened, in the order a learner reads it: phases, tasks that ended
  /// (freeing their places), tasks that started or wait, then the caller. A task is named by its
  /// label in `labels` (see `labels(_:)`), else by its name.
  public static func happened(_ entries: [DemoLogEntry], labels: [String: String] = [:]) -> [String] {
    var parts: [String] = []
    for case .phase(let name, let number, _) in entries {
      parts.append("phase \(number) begins: \(name)")
    }
    let events = entries.compactMap { entry -> DemoEvent? in
      if case .event(let event) = entry { return event }
      return nil
    }
    func tasks(_ kind: DemoEvent.Kind, orphan: Bool? = nil) -> [String] {
      events.filter { $0.kind == kind && (orphan == nil || $0.isOrphan == orphan) }.map { labels[$0.task] ?? $0.task }
    }
    let finished = tasks(.finished, orphan: false)
    if !finished.isEmpty { parts.append(list(finished) + " finished") }
    let lost = tasks(.finished, orphan: true)
    if !lost.isEmpty {
      parts.append(list(lost) + " finished, but nobody reads " + (lost.count == 1 ? "its result" : "their results"))
    }
    let failed = tasks(.failed)
    if !failed.isEmpty { parts.append(list(failed) + " failed") }
    let cancelled = tasks(.cancelled)
    if !cancelled.isEmpty { parts.append(list(cancelled) + (cancelled.count == 1 ? " was" : " were") + " cancelled") }
    let cancelling = tasks(.cancelling)
    if !cancelling.isEmpty {
      parts.append(list(cancelling) + (cancelling.count == 1 ? " got its cancellation and runs on" : " got their cancellation and run on"))
    }
    let started = tasks(.started)
    if !started.isEmpty { parts.append(list(started) + " started") }
    let waiting = tasks(.waiting)
    if !waiting.isEmpty { parts.append(list(waiting) + (waiting.count == 1 ? " waits" : " wait") + " for a slot") }
    for case .deadline(let time) in entries {
      parts.append("the deadline is set for " + SecondsFormat.seconds(time))
    }
    for case .join(let join) in entries {
      parts.append(join.label)
    }
    return parts
  }

  /// Who is still running or waiting after the step (`rows` leaves out those it started).
  static func still(_ rows: [TimelineRow]) -> [String] {
    var parts: [String] = []
    let running = rows.filter { $0.state == .running }
    let orphans = running.filter(\.isOrphan).map(RowLabel.text)
    let working = running.filter { !$0.isOrphan }.map(RowLabel.text)
    if !working.isEmpty { parts.append(list(working) + (working.count == 1 ? " is" : " are") + " still running") }
    if !orphans.isEmpty { parts.append(list(orphans) + (orphans.count == 1 ? " runs on as an orphan" : " run on as orphans")) }
    let waiting = rows.filter { $0.state == .waiting }.map(RowLabel.text)
    if !waiting.isEmpty { parts.append(list(waiting) + (waiting.count == 1 ? " is" : " are") + " waiting") }
    return parts
  }

  /// "[0] A", "[0] A and [1] B", "[0] A, [1] B and [2] C"; more than four: "[0] A, [1] B, [2] C
  /// and 17 others".
  static func list(_ names: [String]) -> String {
    switch names.count {
    case 0: return ""
    case 1: return names[0]
    case 2...4: return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    default: return names.prefix(3).joined(separator: ", ") + " and \(names.count - 3) others"
    }
  }
}
