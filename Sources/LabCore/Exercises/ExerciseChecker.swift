import Foundation

/// Each check as a pure function: the run's facts in, a verdict with its measured value, its
/// bound and its sentence out (DESIGN §12).
public enum ExerciseChecker {
  /// The verdicts of `checks` on `facts`, after the run's own problem if it had one (a syntax
  /// error, an uncaught exception, a hang, a read from stdin, too much output). A syntax error
  /// leaves nothing to check: only its line is given.
  public static func evaluate(_ checks: [ExerciseCheck], on facts: RunFacts, file: String = "the program") -> [CheckResult] {
    var results: [CheckResult] = []
    if let syntax = facts.syntaxError {
      let at = syntax.line.map { " at line \($0)" } ?? ""
      return [CheckResult(
        name: "run", passed: false, measured: .string(syntax.message), bound: "valid Python",
        sentence: "\(file) is not valid Python\(at): \(syntax.message); nothing ran."
      )]
    }
    if let seconds = facts.hungAfter, facts.stuck {
      let waiting = facts.waitingTasks
      results.append(CheckResult(
        name: "run", passed: false, measured: .seconds(seconds), bound: "ends",
        sentence: stuckSentence(waiting.map { ($0.task.label, $0.on) }),
        rows: waiting.map(\.task.id), instant: seconds
      ))
    } else if let seconds = facts.hungAfter {
      results.append(CheckResult(
        name: "run", passed: false, measured: .seconds(seconds), bound: "ends",
        sentence: facts.hungOnVirtualTime
          ? "the program was still running at \(CheckSeconds.short(seconds)) of virtual time and was stopped: does something loop or wait forever?"
          : "the program was still running after \(CheckSeconds.short(seconds)) and was stopped: does something wait forever?"
      ))
    }
    if facts.uses.contains("stdin") {
      results.append(CheckResult(
        name: "run", passed: false, measured: "read stdin", bound: "no input",
        sentence: "the program read from stdin; exercises take no input."
      ))
    } else if let exception = facts.uncaughtException, facts.hungAfter == nil {
      results.append(CheckResult(
        name: "run", passed: false, measured: .string(exception), bound: "no exception",
        sentence: "the program ended with an uncaught exception: \(exception) (its traceback is below)."
      ))
    }
    if facts.outputTruncated {
      results.append(CheckResult(
        name: "run", passed: false, measured: "more than 1 MB", bound: "at most 1 MB",
        sentence: facts.stoppedForOutput
          ? "the program printed more than 1 MB and was stopped there; the first 1 MB was checked."
          : "the program printed more than 1 MB; only the first 1 MB was kept and checked."
      ))
    }
    return results + checks.map { evaluate($0, on: facts) }
  }

  public static func evaluate(_ check: ExerciseCheck, on facts: RunFacts) -> CheckResult {
    let name = check.name
    switch check {
    case .elapsed(let limit):
      let elapsed = facts.elapsed
      let ended = facts.main?.ended != nil
      // A main() that raised did not return: "✓ main() returned after 0 s" was said of a crash.
      let raised = facts.main?.end == "failed"
      let what = raised
        ? "main() raised after \(CheckSeconds.short(elapsed))"
        : ended ? "main() returned after \(CheckSeconds.short(elapsed))" : "main() had not returned after \(CheckSeconds.short(elapsed))"
      return CheckResult(
        name: name, passed: ended && !raised && elapsed <= limit, measured: .seconds(elapsed), bound: "<= " + CheckSeconds.number(limit),
        sentence: "\(what); the exercise asks for at most \(CheckSeconds.short(limit))",
        rows: facts.main.map { [$0.id] } ?? [], instant: elapsed
      )
    case .running(let bound):
      let most = facts.mostRunning
      return CheckResult(
        name: name, passed: bound.holds(most.count), measured: .integer(most.count), bound: bound.text,
        sentence: "\(count(most.count, "task")) ran at once at most\(turnTaking(facts, running: most.count)); the exercise asks for \(words(bound))",
        rows: most.ids, instant: most.count > 0 ? most.time : nil
      )
    case .existing(let limit):
      let most = facts.mostExisting
      return CheckResult(
        name: name, passed: most.count <= limit, measured: .integer(most.count), bound: "<= \(limit)",
        sentence: "\(count(most.count, "task")) existed at once at most; the exercise asks for at most \(limit)",
        rows: most.ids, instant: most.count > 0 ? most.time : nil
      )
    case .tasks(let least):
      let made = facts.others.count
      return CheckResult(
        name: name, passed: made >= least, measured: .integer(made), bound: ">= \(least)",
        sentence: "the program created \(count(made, "task")) besides main(); the exercise asks for at least \(least)"
      )
    case .output(let expected):
      return outputExactly(expected, facts: facts)
    case .outputContains(let wanted):
      let missing = wanted.filter { line in !facts.output.contains { $0.contains(line) } }
      return CheckResult(
        name: name, passed: missing.isEmpty, measured: .array(facts.output.map(JSONValue.string)),
        bound: wanted.joined(separator: " | "),
        sentence: missing.isEmpty
          ? "the output has the \(count(wanted.count, "line")) asked for"
          : "no output line has '\(missing[0])'" + (missing.count > 1 ? " (and \(missing.count - 1) more missing)" : "")
      )
    case .exit(let status):
      return CheckResult(
        name: name, passed: facts.status == status && facts.hungAfter == nil && !facts.stoppedForOutput, measured: .integer(Int(facts.status)), bound: "\(status)",
        sentence: facts.hungAfter != nil || facts.stoppedForOutput
          ? "the program never exited by itself; the exercise asks for status \(status)"
          : "the program exited with status \(facts.status); the exercise asks for \(status)"
      )
    case .cancelled(let names, let within):
      return cancelled(names, within: within, facts: facts)
    case .noOrphans:
      let orphans = facts.orphans
      let join = facts.joins.first { !Set($0.orphans).isDisjoint(with: orphans.map(\.id)) }
      return CheckResult(
        name: name, passed: orphans.isEmpty, measured: .array(orphans.map { .string($0.label) }), bound: "none",
        sentence: orphans.isEmpty
          ? "no task ran on after its gather raised"
          : "\(list(orphans)) ran on after its gather raised at \(CheckSeconds.short(join?.time ?? 0)); the exercise asks for no orphans",
        rows: orphans.map(\.id), instant: join?.time
      )
    case .noPendingAtExit:
      let pending = facts.pendingAtExit
      let finding = PendingAtExit(facts)
      return CheckResult(
        name: name, passed: finding == .nothing, measured: .array(pending.map { .string($0.label) }), bound: "none",
        sentence: finding.sentence(pending),
        rows: pending.map(\.id), instant: facts.main?.ended
      )
    case .blocked(let limit):
      let longest = facts.longestCallback
      let seconds = longest?.seconds ?? 0
      let whose = longest?.task.flatMap { id in facts.tasks.first { $0.id == id }?.label }.map { " (in \($0))" } ?? ""
      // Four thumbnails that each block are four callbacks: said as such, not as "one".
      let over = facts.blocked.filter { $0.seconds > limit }.count
      let held =
        switch (over, facts.blocked.count) {
        case (2..., _): "\(over) callbacks held the loop for more than \(CheckSeconds.short(limit)), the longest for"
        case (_, 2...): "the longest callback held the loop for"
        default: "one callback held the loop for"
        }
      return CheckResult(
        name: name, passed: seconds <= limit, measured: .seconds(seconds), bound: "<= " + CheckSeconds.number(limit),
        sentence: longest == nil
          ? "no callback held the loop for more than 20 ms; the exercise asks for at most \(CheckSeconds.short(limit))"
          : "\(held) \(CheckSeconds.short(seconds))\(whose); the exercise asks for at most \(CheckSeconds.short(limit))",
        rows: longest?.task.map { [$0] } ?? [], instant: longest?.time
      )
    case .noWarnings:
      let warnings = facts.warnings
      return CheckResult(
        name: name, passed: warnings.isEmpty, measured: .array(warnings.map(JSONValue.string)), bound: "none",
        sentence: warnings.isEmpty ? "Python gave no warning about coroutines or tasks" : "Python warned: \(warnings[0])"
      )
    case .uses(let apis):
      let missing = apis.filter { !facts.uses.contains($0) }
      return CheckResult(
        name: name, passed: missing.isEmpty, measured: .array(facts.uses.sorted().map(JSONValue.string)), bound: apis.joined(separator: ", "),
        sentence: missing.isEmpty
          ? "the program used \(apis.joined(separator: ", "))"
          : "the program never used \(missing.joined(separator: ", ")); the exercise asks for it"
      )
    }
  }

  private static func outputExactly(_ expected: [String], facts: RunFacts) -> CheckResult {
    let got = facts.output
    var sentence = "the output is the \(count(expected.count, "line")) asked for"
    var passed = true
    var instant: Double?
    if got != expected {
      passed = false
      if let index = zip(got, expected).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
        sentence = "output line \(index + 1) is '\(short(got[index]))'; the exercise asks for '\(short(expected[index]))'"
        instant = facts.outputTimes[index]
      } else if got.count > expected.count {
        sentence = "the program printed \(count(got.count, "line")), \(got.count - expected.count) more than asked for: '\(short(got[expected.count]))'"
        instant = facts.outputTimes[expected.count]
      } else {
        sentence = "the program printed \(count(got.count, "line")); the exercise asks for \(expected.count), next '\(short(expected[got.count]))'"
      }
    }
    return CheckResult(
      name: "output", passed: passed, measured: .array(got.prefix(50).map(JSONValue.string)),
      bound: expected.joined(separator: " | "), sentence: sentence, instant: instant
    )
  }

  /// A task "of" a name is one whose label or coroutine is that name, or one that was running a
  /// coroutine of that name when it was cancelled (`create_task(fetch_one(url))` awaiting
  /// `download(url)`): such a task is named by its label, with what ran inside it.
  private static func cancelled(_ names: [String], within: Double?, facts: RunFacts) -> CheckResult {
    let failure = facts.firstFailure
    var sentences: [(text: String, holds: Bool)] = []
    var rows: [Int] = []
    var measured: [JSONValue] = []
    for name in names {
      let tasks = facts.others.filter { $0.runs(name) }
      rows += tasks.map(\.id)
      guard !tasks.isEmpty else {
        // A task running `name` inside another coroutine is known only once cancelled: none was.
        sentences.append(("no task running \(name) was cancelled", false))
        continue
      }
      if let task = tasks.first(where: { $0.end != "cancelled" }) {
        let how = task.ended.map { "\(task.end ?? "ended") at \(CheckSeconds.short($0))" } ?? "never ended"
        let inside = task.inside(name).map { " (inside it: \($0))" } ?? ""
        sentences.append(("\(task.label)\(inside) \(how): it was never cancelled", false))
        continue
      }
      let wrappers = tasks.filter { !$0.isNamed(name) }
      let inside = wrappers.isEmpty ? "" : " inside " + list(wrappers, saying: false)
      let latest = tasks.compactMap(\.ended).max() ?? 0
      measured.append(.seconds(latest - (failure ?? 0)))
      guard let within else {
        sentences.append(("\(name) was cancelled\(inside)", true))
        continue
      }
      guard let failure else {
        sentences.append(("\(name) was cancelled\(inside), but no task failed to cancel it", false))
        continue
      }
      let after = latest - failure
      if after > within + 0.0005 {
        sentences.append(("\(name) was cancelled\(inside) \(CheckSeconds.short(after)) after the first failure; the exercise asks within \(CheckSeconds.short(within))", false))
      } else {
        sentences.append(("\(name) was cancelled\(inside) \(CheckSeconds.short(max(0, after))) after the first failure (within \(CheckSeconds.short(within)))", true))
      }
    }
    let bound = names.joined(separator: ", ") + (within.map { " within " + CheckSeconds.number($0) } ?? "")
    let passed = sentences.allSatisfy(\.holds)
    // A failed check says what broke it, not the names that were fine.
    let shown = passed ? sentences : sentences.filter { !$0.holds }
    return CheckResult(
      name: "cancelled", passed: passed, measured: .array(measured), bound: bound,
      sentence: shown.map(\.text).joined(separator: "; "), rows: rows, instant: failure
    )
  }

  /// A stuck run's sentence: what each waiting task waited on, grouped by what it waited on
  /// (`main() waits on Queue.join; worker(1), worker(2) wait on Queue.get`).
  public static func stuckSentence(_ waiting: [(label: String, on: String?)]) -> String {
    var order: [String?] = []
    var groups: [String?: [String]] = [:]
    for (label, on) in waiting {
      if groups[on] == nil { order.append(on) }
      groups[on, default: []].append(label)
    }
    let parts = order.prefix(3).map { on -> String in
      let labels = groups[on] ?? []
      let who: String
      if labels.count > 1, Set(labels).count == 1 {
        who = "\(labels.count) tasks of \(labels[0])"
      } else {
        who = labels.prefix(3).joined(separator: ", ") + (labels.count > 3 ? " and \(labels.count - 3) more" : "")
      }
      let verb = labels.count == 1 ? "waits" : "wait"
      return on.map { "\(who) \(verb) on \(waitName($0))" } ?? "\(who) \(verb)"
    }
    let more = order.count > 3 ? "; and more" : ""
    let what = parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + more + ")"
    return "the program never finished: every task was waiting and nothing could wake them\(what)"
  }

  /// What a task waits on, as the tracer labels it, in the words of the call the program made.
  static func waitName(_ on: String) -> String {
    switch on {
    case "Event", "Condition", "Barrier": on + ".wait"
    case "Lock", "Semaphore", "BoundedSemaphore": on + ".acquire"
    case "future": "a future"
    default: on
    }
  }

  static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

  static func words(_ bound: ExerciseCheck.Bound) -> String {
    switch bound {
    case .atMost(let n): "at most \(n)"
    case .atLeast(let n): "at least \(n)"
    }
  }

  /// `, while up to 12 were alive, waiting their turn on Semaphore` when more tasks were alive at
  /// once than ran at once; empty when as many ran as were alive.
  static func turnTaking(_ facts: RunFacts, running: Int) -> String {
    let alive = facts.mostStarted.count
    guard alive > running, !facts.turnKinds.isEmpty else { return "" }
    return ", while up to \(alive) were alive, waiting their turn on \(facts.turnKinds.joined(separator: " or "))"
  }

  /// Up to three tasks by label, each with what ran inside it when it was cancelled (`saying`).
  static func list(_ tasks: [RunFacts.TaskFact], saying inside: Bool = true) -> String {
    let labels = tasks.prefix(3).map { inside ? $0.described : $0.label }
    let more = tasks.count > 3 ? " and \(tasks.count - 3) more" : ""
    return labels.joined(separator: ", ") + more
  }

  static func short(_ text: String) -> String { text.count <= 50 ? text : String(text.prefix(49)) + "…" }
}

/// Seconds for check sentences: `1.02 s`, `0.1 s`.
enum CheckSeconds {
  static func number(_ seconds: Double) -> String {
    var text = String(format: "%.2f", seconds)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }

  static func short(_ seconds: Double) -> String { number(seconds) + " s" }
}
