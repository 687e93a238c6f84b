import LabTerminal

/// The one line `replay --step` shows at a stop: what just happened, then who is still at work,
/// each part chosen by the entries of the step and the timeline after it.
///
/// ```text
/// 1.00s A failed; error reached the caller; B and C run on as orphans
/// ```
public enum StepNarration {
  public static func sentence(for step: ReplayStep, in run: RecordedRun) -> String {
    let timeline = run.timeline(through: step.entries.upperBound)
    let entries = Array(run.recording.entries[step.entries])
    var startedNow: Set<String> = []
    for case .event(let event) in entries where event.kind == .started { startedNow.insert(event.task) }
    let before = timeline.rows.filter { !startedNow.contains($0.name) }
    return SecondsFormat.seconds(step.time) + " " + (happened(entries) + still(before)).joined(separator: "; ")
  }

  /// What the entries say happened, in the order a learner reads it: phases, tasks that ended
  /// (freeing their places), tasks that started or wait, then the caller.
  public static func happened(_ entries: [DemoLogEntry]) -> [String] {
    var parts: [String] = []
    for case .phase(let name, let number, _) in entries {
      parts.append("phase \(number) begins: \(name)")
    }
    let events = entries.compactMap { entry -> DemoEvent? in
      if case .event(let event) = entry { return event }
      return nil
    }
    func tasks(_ kind: DemoEvent.Kind, orphan: Bool? = nil) -> [String] {
      events.filter { $0.kind == kind && (orphan == nil || $0.isOrphan == orphan) }.map(\.task)
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
    let orphans = running.filter(\.isOrphan).map(\.name)
    let working = running.filter { !$0.isOrphan }.map(\.name)
    if !working.isEmpty { parts.append(list(working) + (working.count == 1 ? " is" : " are") + " still running") }
    if !orphans.isEmpty { parts.append(list(orphans) + (orphans.count == 1 ? " runs on as an orphan" : " run on as orphans")) }
    let waiting = rows.filter { $0.state == .waiting }.map(\.name)
    if !waiting.isEmpty { parts.append(list(waiting) + (waiting.count == 1 ? " is" : " are") + " waiting") }
    return parts
  }

  /// "A", "A and B", "A, B and C"; more than four names: "A, B, C and 17 others".
  static func list(_ names: [String]) -> String {
    switch names.count {
    case 0: return ""
    case 1: return names[0]
    case 2...4: return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    default: return names.prefix(3).joined(separator: ", ") + " and \(names.count - 3) others"
    }
  }
}
