/// An answer to a prediction, typed: what the learner said, what `expect` claims, or what the
/// run showed. One case per shape; `PredictionKind` says which shape a kind takes.
///
/// Parsing is forgiving, because people type answers in many ways:
///
/// ```swift
/// try PredictionValue.parse("b, c, a", kind: .order)      // .order(["B", "C", "A"])
/// try PredictionValue.parse("bca", kind: .order)          // .order(["B", "C", "A"])
/// try PredictionValue.parse("~1 s", kind: .elapsed)       // .seconds(1)
/// try PredictionValue.parse("nothing", kind: .cancelled)  // .tasks([])
/// try PredictionValue.parse("['A', 'B']", kind: .results) // .results(.slots([.value("A"), .value("B")]))
/// try PredictionValue.parse("timeout", kind: .outcome)    // .outcome(.timedOut)
/// try PredictionValue.parse("(b)", kind: .choice, optionCount: 3)  // .choice(1)
/// ```
public enum PredictionValue: Sendable, Equatable {
  /// Task letters in the order they ended (kind `order`).
  case order([String])
  /// What the caller received (kind `results`).
  case results(Results)
  /// Seconds (kind `elapsed`).
  case seconds(Double)
  /// A set of task letters, empty for none (kinds `cancelled`, `orphans`).
  case tasks(Set<String>)
  /// How the caller's `await` ended (kind `outcome`).
  case outcome(Outcome)
  /// A number of tasks (kinds `running`, `existing`).
  case count(Int)
  /// The index of an option: 0 is option a (kind `choice`).
  case choice(Int)

  /// What the caller got back: a list, slot by slot, or no list at all.
  public enum Results: Sendable, Equatable {
    case slots([Slot])
    /// The caller got an exception or a timeout instead of a list.
    case none
  }

  /// One slot of the results list.
  public enum Slot: Sendable, Equatable {
    /// A value, as its text (`A`, `user/3`).
    case value(String)
    /// An exception in its slot (`return_exceptions=True`).
    case error
  }

  /// How the caller's `await` ended, as a learner can predict it.
  public enum Outcome: String, Sendable, Equatable {
    case returned, threw, timedOut

    /// As the learner types it and the verdict says it: "returned", "threw", "timed out".
    public var text: String {
      switch self {
      case .returned: "returned"
      case .threw: "threw"
      case .timedOut: "timed out"
      }
    }
  }

  /// The answer as a learner would type it: `B C A`, `A error`, `1.5`, `none`, `timed out`, `b`.
  /// Progress stores it in this form.
  public var text: String {
    switch self {
    case .order(let tasks): tasks.isEmpty ? "none" : tasks.joined(separator: " ")
    case .results(.none): "none"
    case .results(.slots(let slots)):
      slots.isEmpty ? "[]" : slots.map { slot in
        switch slot {
        case .value(let value): value
        case .error: "error"
        }
      }.joined(separator: " ")
    case .seconds(let seconds): DemoParameter.format(seconds)
    case .tasks(let tasks): tasks.isEmpty ? "none" : tasks.sorted(by: Self.taskOrder).joined(separator: " ")
    case .outcome(let outcome): outcome.text
    case .count(let count): String(count)
    case .choice(let index): PredictionOption.letter(index)
    }
  }

  /// Task names in argument order: by length, then alphabetically (A … Z, AA, AB …).
  static func taskOrder(_ lhs: String, _ rhs: String) -> Bool {
    (lhs.count, lhs) < (rhs.count, rhs)
  }

  // MARK: - Parsing

  /// Words that mean "no task" or "no list".
  static let noneWords: Set<String> = [
    "none", "nothing", "-", "no", "nobody", "neither", "empty", "0", "no one", "noone",
  ]

  /// Reads `text` as an answer of `kind`; `optionCount` is how many options a `choice` has, and
  /// `options` their texts, when the answer may name one by its text or its leading value.
  public static func parse(
    _ text: String,
    kind: PredictionKind,
    optionCount: Int = 0,
    options: [String] = []
  ) throws(PredictionAnswerError) -> PredictionValue {
    let unreadable = PredictionAnswerError(text: text, kind: kind, optionCount: optionCount)
    let trimmed = text.trimmingWhitespace()
    guard !trimmed.isEmpty else { throw unreadable }
    let value: PredictionValue?
    switch kind {
    // A task ends once: a letter twice is a slip ("soon", "B B A"), not an answer.
    case .order: value = taskList(trimmed).flatMap { tasks in Set(tasks).count == tasks.count ? .order(tasks) : nil }
    case .cancelled, .orphans:
      value = taskList(trimmed).flatMap { tasks in Set(tasks).count == tasks.count ? .tasks(Set(tasks)) : nil }
    case .results: value = results(trimmed).map { .results($0) }
    case .elapsed: value = seconds(trimmed).map { .seconds($0) }
    case .outcome: value = outcome(trimmed).map { .outcome($0) }
    case .running, .existing: value = count(trimmed).map { .count($0) }
    case .choice:
      value = (choice(trimmed, optionCount: optionCount) ?? choice(trimmed, options: options)).map { .choice($0) }
    }
    guard let value else { throw unreadable }
    return value
  }

  /// `text` without a pair of surrounding brackets or parentheses: `[B, C]` → `B, C`.
  private static func unbracketed(_ text: String) -> String {
    let pairs: [(Character, Character)] = [("[", "]"), ("(", ")"), ("{", "}")]
    for (open, close) in pairs where text.first == open && text.last == close && text.count >= 2 {
      return String(text.dropFirst().dropLast()).trimmingWhitespace()
    }
    return text
  }

  /// `text` without surrounding quotes: `'A'` → `A`.
  private static func unquoted(_ text: String) -> String {
    for quote in ["'", "\"", "`"] where text.count >= 2 && text.hasPrefix(quote) && text.hasSuffix(quote) {
      return String(text.dropFirst().dropLast())
    }
    return text
  }

  /// Task letters, upper-cased: `B, C, A`, `b c a`, `bca`, `[B,C,A]`, `B > C > A`; empty for
  /// `none`. Nil when something other than letters is there.
  static func taskList(_ text: String) -> [String]? {
    let inner = unbracketed(text)
    if noneWords.contains(inner.lowercased()) || inner.isEmpty { return [] }
    let separators: Set<Character> = [",", ";", ">", "→", "-", "/", "|", "'", "\"", "`"]
    let words = inner.split { $0.isWhitespace || separators.contains($0) }.map { String($0).uppercased() }
      .filter { $0 != "THEN" && $0 != "AND" }
    guard !words.isEmpty, words.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isLetter } }) else { return nil }
    // One word of several letters is a run of task letters ("bca"), as tasks are named A, B, C….
    if words.count == 1, let word = words.first, word.count > 1 { return word.map(String.init) }
    // Task names past Z have two letters (AA, AB); a longer word is not a task ("first B").
    guard words.allSatisfy({ $0.count <= 2 }) else { return nil }
    return words
  }

  /// What the caller received: `['A', 'B', 'C']`, `A B C`, `error, B`, `none`.
  static func results(_ text: String) -> Results? {
    let inner = unbracketed(text)
    if noneWords.contains(inner.lowercased()) && inner != "0" { return Results.none }
    if inner.isEmpty { return .slots([]) }
    var items =
      inner.contains(",")
      ? inner.split(separator: ",", omittingEmptySubsequences: false) : inner.split(whereSeparator: \.isWhitespace)
    // A trailing comma, as Python allows: `['A', 'B',]`.
    if items.count > 1, items.last?.trimmingWhitespace().isEmpty == true { items.removeLast() }
    let slots = items.map { item -> Slot? in
      let word = unquoted(item.trimmingWhitespace())
      guard !word.isEmpty else { return nil }
      return errorWords.contains(word.lowercased()) ? .error : .value(word)
    }
    guard slots.allSatisfy({ $0 != nil }) else { return nil }
    return .slots(slots.compactMap(\.self))
  }

  /// What may stand for an exception in a slot.
  static let errorWords: Set<String> = ["error", "exception", "err", "raised", "failed", "cancelled", "canceled"]

  /// Seconds: `1`, `1.0`, `1s`, `~1 s`, `about 1.5 seconds`, `1,5`.
  static func seconds(_ text: String) -> Double? {
    var word = text.lowercased()
    let approximately = ["about", "around", "roughly", "approx.", "approx", "~", "≈", "<", ">"]
    for prefix in approximately where word.hasPrefix(prefix) {
      word = String(word.dropFirst(prefix.count)).trimmingWhitespace()
    }
    for suffix in ["seconds", "second", "secs", "sec", "s"] where word.hasSuffix(suffix) {
      word = String(word.dropLast(suffix.count)).trimmingWhitespace()
      break
    }
    word = word.replacing(",", with: ".")
    guard let seconds = Double(word), seconds.isFinite, seconds >= 0 else { return nil }
    return seconds
  }

  /// `returned`, `threw` / `raised` / `error`, `timed out` / `timeout`.
  static func outcome(_ text: String) -> Outcome? {
    let word = text.lowercased().filter { $0.isLetter }
    let returned: Set<String> = ["returned", "return", "returns", "ok", "list", "results", "returnedalist", "success"]
    let threw: Set<String> = [
      "threw", "throw", "throws", "thrown", "raised", "raise", "raises", "error", "exception", "failed", "fails",
      "fail", "anerror", "anexception", "itthrew", "itraised",
    ]
    let timedOut: Set<String> = [
      "timedout", "timeout", "timesout", "timeouterror", "deadline", "itimedout", "ittimedout",
    ]
    if returned.contains(word) { return .returned }
    if threw.contains(word) { return .threw }
    if timedOut.contains(word) { return .timedOut }
    return nil
  }

  /// A whole number of tasks: `5`, `5 tasks`, `~5`.
  static func count(_ text: String) -> Int? {
    var word = text.lowercased()
    if word.hasPrefix("~") { word = String(word.dropFirst()).trimmingWhitespace() }
    for suffix in ["tasks", "task", "at once"] where word.hasSuffix(suffix) {
      word = String(word.dropLast(suffix.count)).trimmingWhitespace()
    }
    guard let count = Int(word), count >= 0 else { return nil }
    return count
  }

  /// An option: `b`, `B`, `(b)`, `b)`, `2` (counted from 1).
  /// The option `text` names by its words or by its leading value, when exactly one fits:
  /// `argument order` or `the argument order, ['A', 'B', 'C']` for "the argument order, ['A',
  /// 'B', 'C']"; `1s`, `1 second` or `1.0` for "about 1 second".
  static func choice(_ text: String, options: [String]) -> Int? {
    func words(_ text: String) -> [String] {
      text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "." }.map { word in
        String(word.drop { $0 == "." }.reversed().drop { $0 == "." }.reversed())
      }.filter { !$0.isEmpty }
    }
    let typed = words(text)
    guard !typed.isEmpty else { return nil }
    func only(_ matches: [Int]) -> Int? { matches.count == 1 ? matches[0] : nil }
    let optionWords = options.map(words)
    // The whole text, then a run of its words.
    if let exact = only(optionWords.indices.filter { optionWords[$0] == typed }) { return exact }
    let containing = optionWords.indices.filter { index in
      let option = optionWords[index]
      return option.count >= typed.count && (0...(option.count - typed.count)).contains { Array(option[$0..<$0 + typed.count]) == typed }
    }
    if let found = only(containing) { return found }
    // The leading value: the first number in the option, read as the typed value is.
    guard let value = seconds(text) else { return nil }
    let leading = optionWords.map { $0.lazy.compactMap { Double($0) }.first }
    return only(leading.indices.filter { leading[$0] == value })
  }

  static func choice(_ text: String, optionCount: Int) -> Int? {
    var word = unbracketed(text.lowercased())
    while let last = word.last, last == ")" || last == "." || last == ":" { word.removeLast() }
    word = word.trimmingWhitespace()
    if word.hasPrefix("option ") { word = String(word.dropFirst("option ".count)).trimmingWhitespace() }
    let index: Int?
    if let number = Int(word) {
      index = number - 1
    } else if word.count == 1, let scalar = word.unicodeScalars.first, ("a"..."z").contains(scalar) {
      index = Int(scalar.value) - Int(UnicodeScalar("a").value)
    } else {
      index = nil
    }
    guard let index, index >= 0, index < optionCount else { return nil }
    return index
  }
}
