import LabCore
import Testing

@Suite struct DemoParameterTests {
  let ordering = DemoRegistry.standard.demo(id: "ordering")!
  let semaphore = DemoRegistry.standard.demo(id: "semaphore")!

  @Test func defaultsThenLessonParamsThenTheUsersArguments() throws {
    let values = SemaphoreParameters(try semaphore.resolve([[("tasks", "30")], [("mode", "window"), ("limit", "10")]]))
    #expect(values.tasks == 30)
    #expect(values.limit == 10)
    #expect(values.delay == 1)
    #expect(values.mode == .window)
    #expect(values.fail == nil)
  }

  @Test(arguments: [
    ("delays=1,x", "Invalid value '1,x' for delays: expected 1 to 12 comma-separated seconds, each from 0 to 30."),
    ("delays=", "Invalid value '' for delays: expected 1 to 12 comma-separated seconds, each from 0 to 30."),
    ("delays=31", "Invalid value '31' for delays: expected 1 to 12 comma-separated seconds, each from 0 to 30."),
    ("delays=-1", "Invalid value '-1' for delays: expected 1 to 12 comma-separated seconds, each from 0 to 30."),
    ("delays=1,1,1,1,1,1,1,1,1,1,1,1,1", "Invalid value '1,1,1,1,1,1,1,1,1,1,1,1,1' for delays: expected 1 to 12 comma-separated seconds, each from 0 to 30."),
    ("dleays=1", "Unknown parameter 'dleays' for ordering. Did you mean 'delays'? Valid parameters: delays."),
    ("speed=2", "Unknown parameter 'speed' for ordering. Valid parameters: delays."),
    ("delays", "Expected key=value, got 'delays'; ordering takes delays=…."),
    ("=3", "Expected key=value, got '=3'; ordering takes delays=…."),
  ])
  func badArgumentsAreRefusedWithTheValidRange(argument: String, message: String) {
    #expect(throws: DemoParameterError.self) {
      let pairs = try DemoParameters.pairs(from: [argument], demo: "ordering", valid: ordering.parameterNames)
      _ = try ordering.resolve([pairs])
    }
    do {
      let pairs = try DemoParameters.pairs(from: [argument], demo: "ordering", valid: ordering.parameterNames)
      _ = try ordering.resolve([pairs])
    } catch {
      #expect(error.description == message)
    }
  }

  @Test func integersChoicesAndSecondsHaveTheirOwnRanges() {
    #expect(throws: DemoParameterError.invalidValue(parameter: "tasks", value: "0", expected: "a whole number from 1 to 100")) {
      _ = try semaphore.resolve([[("tasks", "0")]])
    }
    #expect(throws: DemoParameterError.invalidValue(parameter: "mode", value: "pool", expected: "one of semaphore, window")) {
      _ = try semaphore.resolve([[("mode", "pool")]])
    }
    #expect(throws: DemoParameterError.invalidValue(parameter: "delay", value: "nan", expected: "seconds from 0 to 10")) {
      _ = try semaphore.resolve([[("delay", "nan")]])
    }
    #expect(throws: DemoParameterError.repeated(name: "tasks")) {
      _ = try semaphore.resolve([[("tasks", "3"), ("tasks", "4")]])
    }
  }

  /// A parameter naming a task by its index must name one of the run's tasks: each value is in
  /// its range, but together they would run with nobody failing or swallowing, and say nothing.
  @Test(arguments: [
    ("semaphore", [("fail", "20")], "fail=20 names no task: there are 20 tasks, 0 (A) to 19 (T)."),
    ("semaphore", [("tasks", "1"), ("fail", "1")], "fail=1 names no task: there is 1 task, 0 (A)."),
    ("semaphore", [("tasks", "3"), ("fail", "2")], nil),
    ("semaphore", [("fail", "none")], nil),
    ("cleanup", [("mode", "swallow"), ("swallow", "3")], "swallow=3 names no task: there are 3 tasks, 0 (A) to 2 (C)."),
    ("cleanup", [("mode", "swallow"), ("swallow", "2")], nil),
    ("cleanup", [("mode", "reraise"), ("swallow", "9")], nil),
    ("cleanup", [("mode", "swallow"), ("delays", "1,2,3,4"), ("swallow", "3")], nil),
  ] as [(String, [(String, String)], String?)])
  func aTaskIndexBeyondTheTasksIsRefusedWithTheTasksThereAre(_ demo: String, _ pairs: [(String, String)], _ sentence: String?) throws {
    let demo = try #require(DemoRegistry.standard.demo(id: demo))
    let pairs = pairs.map { (name: $0.0, value: $0.1) }
    if let sentence {
      #expect(throws: DemoParameterError.conflict(sentence)) { _ = try demo.resolve([pairs]) }
      #expect(DemoParameterError.conflict(sentence).description == sentence)
    } else {
      #expect(throws: Never.self) { _ = try demo.resolve([pairs]) }
    }
  }

  @Test func secondsAcceptAnSSuffixAndDecimals() throws {
    let values = try ordering.resolve([[("delays", "0.5, 2s ,1.25")]])
    #expect(OrderingParameters(values).delays == [0.5, 2, 1.25])
    #expect(values["delays"]?.text == "0.5,2,1.25")
  }

  @Test func everyDemoDeclaresValidDefaults() throws {
    for demo in DemoRegistry.standard.demos {
      _ = try demo.resolve([])
      #expect(!demo.summary.isEmpty)
      #expect(demo.parameters.allSatisfy { !$0.help.isEmpty && !$0.range.isEmpty })
    }
  }
}

@Suite struct SuggestionsTests {
  @Test func closeNamesAreSuggestedAndFarOnesAreNot() {
    let demos = DemoRegistry.standard.ids
    #expect(Suggestions.didYouMean("ordring", in: demos) == " Did you mean 'ordering'?")
    #expect(Suggestions.didYouMean("timout", in: demos) == " Did you mean 'timeout'?")
    #expect(Suggestions.didYouMean("error", in: demos) == " Did you mean 'error-cancel'?")
    #expect(Suggestions.didYouMean("xyzzy", in: demos) == "")
    #expect(Suggestions.editDistance("nxt", "next") == 1)
    #expect(Suggestions.editDistance("odrering", "ordering") == 1)
  }

  @Test func unknownDemoErrorNamesTheClosestAndListsAll() {
    #expect(throws: UnknownDemoError.self) { try DemoRegistry.standard.demo(named: "ordring") }
    let error = UnknownDemoError(name: "ordring", known: DemoRegistry.standard.ids)
    #expect(error.description == "Unknown demo 'ordring'. Did you mean 'ordering'? Demos: " + DemoRegistry.standard.ids.joined(separator: ", ") + ".")
  }
}
