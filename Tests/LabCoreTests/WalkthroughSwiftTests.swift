import Foundation
import LabCore
import LabTerminal
import Testing
import TestSupport

/// The Python-only reading in the walkthrough: `swift off|on`, `--no-swift`, the first start's
/// question, and the choice kept in progress (issue 23).
@MainActor
@Suite(.timeLimit(.minutes(1)))
struct WalkthroughSwiftTests {
  let catalog: LessonCatalog

  init() throws {
    catalog = try LessonCatalog.load(files: LessonFixtures.validCourse.map { LessonFile(name: $0.key, text: $0.value) })
  }

  func session(
    _ lines: [String?],
    console: RecordingConsole = RecordingConsole(capabilities: .plain(width: 80)),
    interactive: Bool = false,
    store: MemoryProgressStore = MemoryProgressStore(),
    keys: ScriptedKeyReader = ScriptedKeyReader(),
    options: Walkthrough.Options = .init()
  ) async -> MemoryProgressStore {
    let reader = ScreenKeepingReader(lines, console: console, interactive: interactive)
    let walkthrough = Walkthrough(
      catalog: catalog, store: store, console: console, reader: reader, player: TestClockDemoPlayer(console: console),
      keys: keys, options: options
    )
    await walkthrough.run()
    return store
  }

  @Test func swiftOffHidesTheSwiftSnippetsFromThenOnAndIsKept() async {
    let console = RecordingConsole(capabilities: .plain(width: 80))
    let store = await session(["swift off", "show all", "swift"], console: console)
    let output = console.output
    let afterOff = String(output[(output.range(of: "Python only from here on")?.upperBound ?? output.endIndex)...])
    #expect(output.contains("╭─ swift · invalid"))
    #expect(!afterOff.contains("╭─ swift"))
    #expect(afterOff.contains("╭─ python"))
    #expect(afterOff.contains("Python only: Swift sections and snippets are hidden. 'swift on' shows them."))
    #expect(store.progress?.swift == false)
  }

  @Test func noSwiftStartsPythonOnlyAndRemembersIt() async {
    let console = RecordingConsole(capabilities: .plain(width: 80))
    let store = await session(["quit"], console: console, options: .init(swift: false))
    #expect(!console.output.contains("╭─ swift"))
    #expect(console.output.contains("╭─ python"))
    #expect(store.progress?.swift == false)
    let again = RecordingConsole(capabilities: .plain(width: 80))
    _ = await session(["swift on", "show all"], console: again, store: store)
    #expect(again.output.contains("The Swift side is shown from here on."))
    #expect(store.progress?.swift == true)
  }

  /// Without single keys (no keyboard to put in raw mode) the answer is a line.
  @Test func theFirstStartAtATerminalAsksOnceAndKeepsTheAnswer() async {
    let terminal = TerminalCapabilities(isTTY: true, color: false, cursorMovement: false, width: 80, height: 24)
    let console = RecordingConsole(capabilities: terminal)
    let store = await session(["n", "quit"], console: console, interactive: true, options: .init(asksAboutSwift: true))
    #expect(console.output.hasPrefix("Show the Swift side of the lessons too? [y/N] "))
    #expect(console.output.contains("Python only; 'swift on' shows the Swift side."))
    #expect(store.progress?.swift == false)
    let later = RecordingConsole(capabilities: terminal)
    _ = await session(["quit"], console: later, interactive: true, store: store, options: .init(asksAboutSwift: true))
    #expect(!later.output.contains("[y/N]"))
  }

  /// At a terminal the question takes one key, like the pager's: `y` or `n` answers at once,
  /// Enter (or Ctrl-C, Ctrl-D) takes the default, no; the key is echoed after the question.
  @Test func theFirstStartQuestionIsAnsweredByOneKey() async {
    let terminal = TerminalCapabilities(isTTY: true, color: false, cursorMovement: false, width: 80, height: 200)
    let console = RecordingConsole(capabilities: terminal)
    let keys = ScriptedKeyReader(answers: [.yes])
    let store = await session(["quit"], console: console, interactive: true, keys: keys, options: .init(asksAboutSwift: true))
    #expect(console.output.hasPrefix("Show the Swift side of the lessons too? [y/N] y\nShowing the Swift side; 'swift off' hides it.\n"))
    #expect(keys.reads == 1)
    #expect(store.progress?.swift == true)
  }

  @Test func enterAtTheFirstStartQuestionTakesTheDefault() async {
    let terminal = TerminalCapabilities(isTTY: true, color: false, cursorMovement: false, width: 80, height: 24)
    let console = RecordingConsole(capabilities: terminal)
    let store = await session(
      ["quit"], console: console, interactive: true, keys: ScriptedKeyReader(answers: [.byDefault]), options: .init(asksAboutSwift: true))
    #expect(console.output.hasPrefix("Show the Swift side of the lessons too? [y/N] n\nPython only; 'swift on' shows the Swift side.\n"))
    #expect(store.progress?.swift == false)
  }

  @Test func aPipedFirstStartAsksNothingAndShowsEverything() async {
    let console = RecordingConsole(capabilities: .plain(width: 80))
    let store = await session(["quit"], console: console, options: .init(asksAboutSwift: true))
    #expect(!console.output.contains("[y/N]"))
    #expect(console.output.contains("╭─ swift"))
    #expect(store.progress?.swift == nil)
  }
}
