import LabCore
import Testing

@Suite struct WalkthroughCommandTests {
  @Test(arguments: [
    ("", WalkthroughCommand.readOn),
    ("   ", .readOn),
    ("next", .next),
    ("n", .next),
    ("NEXT", .next),
    ("back", .back),
    ("b", .back),
    ("prev", .back),
    ("list", .list),
    ("ls", .list),
    ("goto 5", .goto("5")),
    ("g results-order", .goto("results-order")),
    ("7", .goto("7")),
    ("show", .show(all: false)),
    ("s", .show(all: false)),
    ("show all", .show(all: true)),
    ("review", .review),
    ("predict", .predict(nil)),
    ("predict on", .predict(true)),
    ("predict OFF", .predict(false)),
    ("gatherlab run sequential count=5", .run(demo: "sequential", arguments: ["count=5"])),
    ("gatherlab next", .next),
    ("Gatherlab  list", .list),
    ("run", .run(demo: nil, arguments: [])),
    ("r", .run(demo: nil, arguments: [])),
    ("run ordering", .run(demo: "ordering", arguments: [])),
    ("run delays=5,1", .run(demo: nil, arguments: ["delays=5,1"])),
    ("run  error-cancel   mode=gather delays=1,2 ", .run(demo: "error-cancel", arguments: ["mode=gather", "delays=1,2"])),
    ("compare", .compare(demo: nil, arguments: [])),
    ("compare ordering", .compare(demo: "ordering", arguments: [])),
    ("compare limit=2", .compare(demo: nil, arguments: ["limit=2"])),
    ("gatherlab compare error-cancel mode=gather", .compare(demo: "error-cancel", arguments: ["mode=gather"])),
    ("trace", .trace(nil)),
    ("trace 2", .trace("2")),
    ("save /tmp/run.jsonl", .save("/tmp/run.jsonl")),
    ("save Class.JSONL", .save("Class.JSONL")),
    ("replay", .replay),
    ("step", .step),
    ("demos", .demos),
    ("code", .code(nil)),
    ("code timeout", .code("timeout")),
    ("code --all", .code(nil, all: true)),
    ("code timeout --all", .code("timeout", all: true)),
    ("speed", .speed(nil)),
    ("speed 10", .speed("10")),
    ("restart", .restart),
    ("help", .help),
    ("?", .help),
    ("quit", .quit),
    ("exit", .quit),
    ("q", .quit),
  ])
  func everyCommandAndAliasParses(input: String, command: WalkthroughCommand) {
    #expect(WalkthroughCommand.parse(input) == .success(command))
  }

  @Test(arguments: [
    ("nxt", "Unknown command 'nxt'. Did you mean 'next'?"),
    ("lsit", "Unknown command 'lsit'. Did you mean 'list'?"),
    ("rn", "Unknown command 'rn'. Did you mean 'run'?"),
    ("frobnicate", "Unknown command 'frobnicate'. Type 'help' to see the commands."),
    ("next 2", "'next' takes no argument here: 2."),
    ("list a b", "'list' takes no arguments here: a b."),
    ("goto", "'goto' needs an argument: goto ID|N."),
    ("goto 1 2", "'goto' takes no argument here: 2."),
    ("speed 1 2", "'speed' takes no argument here: 2."),
    ("save", "'save' needs an argument: save FILE."),
    ("save a b", "'save' takes no argument here: b."),
    ("trace 1 2", "'trace' takes no argument here: 2."),
    ("replay run.jsonl", "'replay' takes no argument here: run.jsonl."),
    ("stpe", "Unknown command 'stpe'. Did you mean 'step'?"),
    ("predict maybe", "'predict' takes 'on' or 'off', not 'maybe'."),
    ("show some", "'show' takes 'all', not 'some'."),
    ("gatherlab", "You are in gatherlab already: type the rest of the command ('run ordering'), or 'help'."),
    ("gatherlab nxt", "Unknown command 'nxt'. Did you mean 'next'?"),
  ])
  func badInputGetsOneSentence(input: String, message: String) {
    guard case .failure(let error) = WalkthroughCommand.parse(input) else {
      Issue.record("'\(input)' parsed")
      return
    }
    #expect(error.description == message)
  }
}

@Suite struct CommandCompletionTests {
  let completion = CommandCompletion(
    lessonIDs: ["what-is-gather", "results-order", "return-exceptions"],
    registry: .standard,
    currentDemo: "ordering"
  )

  @Test func commandsAtTheStartOfTheLine() {
    #expect(completion.candidates(for: "re", after: "") == ["replay", "review", "restart"])
    #expect(completion.candidates(for: "s", after: "") == ["show", "speed", "save", "step", "swift"])
    #expect(completion.candidates(for: "p", after: "") == ["predict"])
    #expect(completion.candidates(for: "", after: "") == [
      "next", "back", "list", "goto", "show", "run", "compare", "trace", "demos", "code", "speed", "save", "replay", "step",
      "review", "predict", "swift", "restart", "help", "quit",
    ])
  }

  @Test func aLeadingGatherlabCompletesAndIsSkipped() {
    #expect(completion.candidates(for: "gat", after: "") == ["gatherlab"])
    #expect(completion.candidates(for: "ru", after: "gatherlab ") == ["run"])
    #expect(completion.candidates(for: "ord", after: "gatherlab run ") == ["ordering"])
  }

  @Test func fixedWordsAfterShowAndPredict() {
    #expect(completion.candidates(for: "", after: "predict ") == ["on", "off"])
    #expect(completion.candidates(for: "o", after: "predict ") == ["on", "off"])
    #expect(completion.candidates(for: "a", after: "show ") == ["all"])
  }

  @Test func demoIdsAfterRunAndCode() {
    #expect(completion.candidates(for: "ord", after: "run ") == ["ordering"])
    #expect(completion.candidates(for: "e", after: "code ") == ["error-cancel"])
    #expect(completion.candidates(for: "t", after: "r ") == ["timeout"])
    #expect(completion.candidates(for: "se", after: "compare ") == ["sequential", "semaphore"])
  }

  @Test func parameterNamesAfterADemoOrForTheLessonsDemo() {
    #expect(completion.candidates(for: "", after: "run semaphore ") == ["tasks=", "limit=", "delay=", "mode=", "fail="])
    #expect(completion.candidates(for: "m", after: "run semaphore tasks=5 ") == ["mode="])
    #expect(completion.candidates(for: "", after: "run semaphore tasks=5 limit=2 delay=1 mode=window fail=none ") == [])
    #expect(completion.candidates(for: "d", after: "run ") == ["delays="])
    #expect(completion.candidates(for: "m", after: "compare error-cancel ") == ["mode="])
  }

  /// libedit breaks words at `=`, so it asks for `w` after `run semaphore mode=`; an editor that
  /// does not asks for `mode=w`.
  @Test func parameterWordsAfterTheirKey() {
    #expect(completion.candidates(for: "w", after: "run semaphore mode=") == ["window"])
    #expect(completion.candidates(for: "", after: "run semaphore mode=") == ["semaphore", "window"])
    #expect(completion.candidates(for: "mode=w", after: "run semaphore ") == ["mode=window"])
    #expect(completion.candidates(for: "", after: "run semaphore fail=") == ["none"])
    #expect(completion.candidates(for: "g", after: "compare error-cancel mode=") == ["gather"])
    #expect(completion.candidates(for: "", after: "run semaphore tasks=") == [])
    #expect(completion.candidates(for: "", after: "run delays=") == [])
  }

  @Test func lessonIdsAfterGoto() {
    #expect(completion.candidates(for: "re", after: "goto ") == ["results-order", "return-exceptions"])
    #expect(completion.candidates(for: "re", after: "g ") == ["results-order", "return-exceptions"])
  }

  @Test func nothingWhereNothingFits() {
    #expect(completion.candidates(for: "x", after: "help ") == [])
    #expect(completion.candidates(for: "a", after: "goto results-order ") == [])
    #expect(completion.candidates(for: "", after: "replay ") == [])
    #expect(completion.candidates(for: "", after: "trace ") == [])
  }
}
