import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The harness proves itself on system programs whose behaviour is known, so that a failing
// gatherlab test points at gatherlab.

private let shell = URL(filePath: "/bin/sh")

extension EndToEnd {
  @Suite(.timeLimit(.minutes(1)))
  struct GatherlabProcessTests {
    @Test func catCopiesStandardInputToStandardOutput() async throws {
      let cat = GatherlabProcess(executable: URL(filePath: "/bin/cat"), standardInput: "hello\nwörld\n")

      let result = try await cat.run()

      #expect(result.status == .exited(0))
      #expect(result.standardOutput == "hello\nwörld\n")
      #expect(result.standardError == "")
    }

    @Test func aProgramThatIgnoresItsInputDoesNotBreakTheTestProcess() async throws {
      let input = String(repeating: "unread line\n", count: 100_000)

      let result = try await GatherlabProcess(executable: URL(filePath: "/bin/true"), standardInput: input).run()

      #expect(result.status == .exited(0))
    }

    @Test func exitCodeAndStandardErrorAreReportedApart() async throws {
      let result = try await GatherlabProcess(executable: shell, ["-c", "echo out; echo err >&2; exit 3"]).run()

      #expect(result.status == .exited(3))
      #expect(result.standardOutput == "out\n")
      #expect(result.standardError == "err\n")
    }

    @Test func environmentOverridesApplyAndFormattingVariablesAreRemoved() async throws {
      let script = #"echo "${NO_COLOR-unset} ${COLUMNS-unset} ${TERM-unset} ${HOME-unset}""#
      let result = try await GatherlabProcess(
        executable: shell,
        ["-c", script],
        environment: ["NO_COLOR": "1", "HOME": nil]
      ).run()

      #expect(result.standardOutput == "1 unset unset unset\n")
    }

    @Test func interruptOnceOutputAppearsRunsTheProgramsHandler() async throws {
      let script = #"trap 'echo INT; exit 130' INT; echo ready; while :; do sleep 0.05; done"#
      let result = try await GatherlabProcess(executable: shell, ["-c", script])
        .run(interrupting: .whenStandardOutputContains("ready"))

      #expect(result.status == .exited(130))
      #expect(result.standardOutput == "ready\nINT\n")
      #expect(result.sentInterrupt)
    }

    @Test func interruptAfterADelayKillsAProgramWithoutAHandler() async throws {
      let result = try await GatherlabProcess(executable: URL(filePath: "/bin/sleep"), ["5"])
        .run(interrupting: .after(.milliseconds(100)))

      #expect(result.status == .signaled(SIGINT))
      #expect(result.sentInterrupt)
    }

    @Test func aProgramThatOutlivesItsTimeoutIsKilledAndItsOutputReported() async throws {
      let process = GatherlabProcess(
        executable: shell,
        ["-c", "echo started; exec sleep 30"],
        timeout: .milliseconds(300)
      )
      let started = ContinuousClock.now

      let error = await #expect(throws: ProcessTimeoutError.self) { try await process.run() }

      #expect(ContinuousClock.now - started < .seconds(20))
      #expect(error?.standardOutput == "started\n")
      #expect(error?.description.contains("did not exit within 0.3 seconds") == true)
    }

    @Test func gatherlabHelpRunsPipedAndNamesTheProgram() async throws {
      let result = try await GatherlabProcess(["--help"], environment: ["NO_COLOR": "1"]).run()

      #expect(result.status == .exited(0))
      #expect(result.standardOutput.contains("USAGE: gatherlab"))
      #expect(result.standardError == "")
    }
  }
}

extension EndToEnd {
  @Suite(.timeLimit(.minutes(1)))
  struct PseudoTerminalTests {
    @Test func programSeesTheTerminalSizeAndTypedInput() async throws {
      let terminal = try PseudoTerminal(
        executable: shell,
        arguments: ["-c", "stty size; read x; echo got:$x"],
        rows: 24,
        columns: 80
      )
      defer { terminal.close() }

      try await terminal.waitFor("24 80")
      try terminal.write("hello\r")
      try await terminal.waitFor("got:hello")

      #expect(try await terminal.waitForExit() == .exited(0))
      #expect(terminal.output == "24 80\r\nhello\r\ngot:hello\r\n")
      #expect(terminal.screen.text == "24 80\nhello\ngot:hello")
    }

    @Test func ctrlCInterruptsTheForegroundProcessGroup() async throws {
      let script = #"trap 'echo INT; exit 130' INT; echo ready; while :; do sleep 0.05; done"#
      let terminal = try PseudoTerminal(executable: shell, arguments: ["-c", script])
      defer { terminal.close() }

      try await terminal.waitFor("ready")
      try terminal.write("\u{03}")
      try await terminal.waitFor("INT")

      #expect(try await terminal.waitForExit() == .exited(130))
      #expect(terminal.screen.lines.prefix(2) == ["ready", "^CINT"])
    }

    @Test func resizingSendsWindowChangeWithTheNewSize() async throws {
      let script = #"trap 'stty size' WINCH; echo ready; while :; do sleep 0.05; done"#
      let terminal = try PseudoTerminal(executable: shell, arguments: ["-c", script], rows: 24, columns: 80)
      defer { terminal.close() }

      try await terminal.waitFor("ready")
      try terminal.resize(rows: 30, columns: 100)
      try await terminal.waitFor("30 100")

      #expect(terminal.size == (30, 100))
      #expect(terminal.screen.rows == 30 && terminal.screen.columns == 100)
    }

    @Test func ctrlDEndsTheInput() async throws {
      let terminal = try PseudoTerminal(executable: URL(filePath: "/bin/cat"))
      defer { terminal.close() }

      try terminal.write("abc\r")
      try await terminal.waitFor("abc\r\nabc\r\n")
      try terminal.write("\u{04}")

      #expect(try await terminal.waitForExit() == .exited(0))
    }

    @Test func theTerminalIsAnXterm() async throws {
      let terminal = try PseudoTerminal(executable: shell, arguments: ["-c", "echo $TERM; tty"])
      defer { terminal.close() }

      #expect(try await terminal.waitForExit() == .exited(0))
      #expect(terminal.screen.lines[0] == "xterm-256color")
      #expect(terminal.screen.lines[1].hasPrefix("/dev/pts/"))
    }

    @Test func waitForMatchesTextThatEscapeSequencesSplit() async throws {
      let terminal = try PseudoTerminal(executable: shell, arguments: ["-c", #"printf 'a\033[1mb\033[0mc\n'"#])
      defer { terminal.close() }

      let output = try await terminal.waitFor("abc")

      #expect(output.hasPrefix("a\u{1B}[1mb"))
    }

    @Test func waitForAfterAMarkIgnoresEarlierOutput() async throws {
      let terminal = try PseudoTerminal(executable: shell, arguments: ["-c", "echo '>'; read x; echo '>'; read y"])
      defer { terminal.close() }

      try await terminal.waitFor(">")
      let mark = terminal.mark()
      try terminal.write("first\r")
      let output = try await terminal.waitFor(">", after: mark)

      #expect(output.components(separatedBy: ">").count == 3)
    }

    @Test func screenShowsOnlyTheFinalFrameOfARedraw() async throws {
      let script = #"printf 'a: 1\nb: 1\n'; printf '\033[2A\033[Ka: 2\n\033[Kb: 2\n'; exec sleep 5"#
      let terminal = try PseudoTerminal(executable: shell, arguments: ["-c", script])
      defer { terminal.close() }

      let screen = try await terminal.waitForScreen("the second frame") { $0.text.contains("b: 2") }

      #expect(screen.text == "a: 2\nb: 2")
    }

    @Test func waitingForTextThatNeverComesReportsTheScreenAndTheOutput() async throws {
      let script = #"printf '\033[31mred\033[0m\n'; exec sleep 5"#
      let terminal = try PseudoTerminal(executable: shell, arguments: ["-c", script])
      defer { terminal.close() }
      try await terminal.waitFor("red")

      let error = await #expect(throws: PseudoTerminalError.self) {
        try await terminal.waitFor("green", timeout: .milliseconds(200))
      }

      let message = try #require(error?.description)
      #expect(message.hasPrefix("`sh -c 'printf "))
      #expect(message.contains(#"` did not show "green" within 0.2 seconds."#))
      #expect(message.contains("│red "))
      #expect(message.contains("␛[31mred␛[0m\n"))
    }

    @Test func waitingForTextFailsAtOnceWhenTheProgramHasEnded() async throws {
      let terminal = try PseudoTerminal(executable: shell, arguments: ["-c", "echo bye"])
      defer { terminal.close() }
      let started = ContinuousClock.now

      let error = await #expect(throws: PseudoTerminalError.self) {
        try await terminal.waitFor("never", timeout: .seconds(30))
      }

      #expect(ContinuousClock.now - started < .seconds(5))
      #expect(error?.description.contains("before showing \"never\"") == true)
    }

    @Test func closingKillsTheProgram() async throws {
      let terminal = try PseudoTerminal(executable: URL(filePath: "/bin/sleep"), arguments: ["30"])

      terminal.close()

      #expect(try await terminal.waitForExit() == .signaled(SIGKILL))
      #expect(throws: PseudoTerminalError.self) { try terminal.write("late\r") }
    }

    @Test func releasingTheSessionKillsTheProgram() async throws {
      var terminal: PseudoTerminal? = try PseudoTerminal(executable: URL(filePath: "/bin/sleep"), arguments: ["30"])
      let processID = try #require(terminal?.processID)

      terminal = nil

      let deadline = ContinuousClock.now + .seconds(5)
      while kill(processID, 0) == 0 && ContinuousClock.now < deadline {
        try await Task.sleep(for: .milliseconds(20))
      }
      #expect(kill(processID, 0) == -1 && errno == ESRCH)
    }
  }
}

@Suite struct TerminalScreenTests {
  @Test func textAndLineBreaksFillRowsFromTheTop() {
    let screen = TerminalScreen(rows: 4, columns: 10, replaying: "hello\r\nworld\r\n")

    #expect(screen.lines == ["hello", "world", "", ""])
    #expect(screen.text == "hello\nworld")
    #expect((screen.cursorRow, screen.cursorColumn) == (2, 0))
  }

  @Test func cursorUpAndEraseLineRedrawShowsOnlyTheFinalFrame() {
    var screen = TerminalScreen(rows: 3, columns: 20)
    screen.feed("a: 1 waiting\r\nb: 1 waiting\r\n")
    screen.feed("\u{1B}[2A\u{1B}[2Ka: 2\r\n\u{1B}[Kb: 2\r\n")

    #expect(screen.lines == ["a: 2", "b: 2", ""])
  }

  @Test func carriageReturnOverwritesTheLine() {
    let screen = TerminalScreen(rows: 1, columns: 20, replaying: "progress 10%\rprogress 100%")

    #expect(screen.text == "progress 100%")
  }

  @Test func cursorPositionAndEraseDisplayDrawAFreshScreen() {
    let screen = TerminalScreen(rows: 3, columns: 10, replaying: "old\r\nlines\u{1B}[2J\u{1B}[2;3Hnew")

    #expect(screen.lines == ["", "  new", ""])
  }

  @Test func eraseDisplayBelowKeepsWhatIsAbove() {
    let screen = TerminalScreen(rows: 3, columns: 10, replaying: "keep\r\ndrop\r\ndrop\u{1B}[2;3H\u{1B}[J")

    #expect(screen.lines == ["keep", "dr", ""])
  }

  @Test func eraseLineModesEraseToTheEndFromTheStartOrAll() {
    let toEnd = TerminalScreen(rows: 1, columns: 10, replaying: "abcdef\u{1B}[3D\u{1B}[K")
    let fromStart = TerminalScreen(rows: 1, columns: 10, replaying: "abcdef\u{1B}[3D\u{1B}[1K")
    let whole = TerminalScreen(rows: 1, columns: 10, replaying: "abcdef\u{1B}[3D\u{1B}[2K")

    #expect(toEnd.lines == ["abc"])
    #expect(fromStart.lines == ["    ef"])
    #expect(whole.lines == [""])
  }

  @Test func backspaceAndCursorForwardMoveWithoutErasing() {
    let screen = TerminalScreen(rows: 1, columns: 10, replaying: "abc\u{8}\u{8}X\u{1B}[CY")

    #expect(screen.text == "aXcY")
  }

  @Test func longLinesWrapAndTheBottomLineScrolls() {
    let screen = TerminalScreen(rows: 2, columns: 5, replaying: "1\r\nabcdefg")

    #expect(screen.lines == ["abcde", "fg"])
  }

  @Test func aFullLineDoesNotWrapUntilTheNextCharacter() {
    let screen = TerminalScreen(rows: 2, columns: 5, replaying: "abcde\r\nxy")

    #expect(screen.lines == ["abcde", "xy"])
  }

  @Test func wideCharactersTakeTwoColumns() {
    let screen = TerminalScreen(rows: 1, columns: 8, replaying: "日本x")

    #expect(screen.lines == ["日本x"])
    #expect(screen.cursorColumn == 5)
  }

  @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
    let screen = TerminalScreen(rows: 1, columns: 8, replaying: "日本x\u{1B}[1;2Hz")

    #expect(screen.lines == [" z本x"])
  }

  @Test func aWideCharacterThatDoesNotFitWrapsWhole() {
    let screen = TerminalScreen(rows: 2, columns: 5, replaying: "abcd日")

    #expect(screen.lines == ["abcd", "日"])
  }

  @Test func combiningMarksStayWithTheirCharacter() {
    let screen = TerminalScreen(rows: 1, columns: 5, replaying: "e\u{301}x")

    #expect(screen.lines == ["e\u{301}x"])
    #expect(screen.cursorColumn == 2)
  }

  @Test func cursorVisibilityIsTracked() {
    var screen = TerminalScreen(rows: 1, columns: 5)
    screen.feed("\u{1B}[?25l")
    #expect(!screen.cursorVisible)
    screen.feed("\u{1B}[?25h")
    #expect(screen.cursorVisible)
  }

  @Test func leavingTheAlternateScreenRestoresTheMainOne() {
    var screen = TerminalScreen(rows: 2, columns: 10, replaying: "shell$ ")
    screen.feed("\u{1B}[?1049h\u{1B}[Hfull-screen view")
    #expect(screen.isAlternateScreenActive)
    #expect(screen.text == "full-scree\nn view")

    screen.feed("\u{1B}[?1049l")
    #expect(screen.text == "shell$")
    #expect(screen.cursorColumn == 7)
  }

  @Test func sequencesSplitAcrossFeedsAreCompleted() {
    var screen = TerminalScreen(rows: 1, columns: 10)
    screen.feed("abc\u{1B}")
    screen.feed("[2")
    screen.feed("DX")

    #expect(screen.text == "aXc")
  }

  @Test func coloursAndTitlesLeaveTheTextAlone() {
    let screen = TerminalScreen(rows: 1, columns: 20, replaying: "\u{1B}]0;title\u{7}\u{1B}[1;32mok\u{1B}[0m done")

    #expect(screen.text == "ok done")
  }

  @Test func lineEditorEditsDeleteAndInsertCharacters() {
    let deleted = TerminalScreen(rows: 1, columns: 10, replaying: "abcdef\u{1B}[4G\u{1B}[2P")
    let inserted = TerminalScreen(rows: 1, columns: 10, replaying: "abcdef\u{1B}[2G\u{1B}[2@XY")

    #expect(deleted.text == "abcf")
    #expect(inserted.text == "aXYbcdef")
  }

  @Test func linesAreInsertedAndDeletedAtTheCursor() {
    let inserted = TerminalScreen(rows: 3, columns: 5, replaying: "a\r\nb\r\nc\u{1B}[2;1H\u{1B}[L")
    let deleted = TerminalScreen(rows: 3, columns: 5, replaying: "a\r\nb\r\nc\u{1B}[1;1H\u{1B}[M")

    #expect(inserted.lines == ["a", "", "b"])
    #expect(deleted.lines == ["b", "c", ""])
  }

  @Test func resizingKeepsTheTopLeftAndCutsTheRest() {
    var screen = TerminalScreen(rows: 3, columns: 6, replaying: "abcdef\r\nghi")
    screen.resize(rows: 3, columns: 4)

    #expect(screen.lines == ["abcd", "ghi", ""])
  }
}

@Suite struct EscapeSequenceTests {
  @Test func stripANSIRemovesControlAndStringSequences() {
    let colored = "\u{1B}[1;31mfailed\u{1B}[0m: \u{1B}]8;;https://example.com\u{1B}\\link\u{1B}]8;;\u{1B}\\\r\n"

    #expect(stripANSI(colored) == "failed: link\r\n")
    #expect(stripANSI("\u{1B}[?25l\u{1B}[2K\u{1B}[1Aline\u{1B}7\u{1B}(B") == "line")
  }

  @Test func revealingEscapesShowsControlCharactersButKeepsLineBreaks() {
    #expect(revealingEscapes("\u{1B}[2Kdone\r\nnext\rover\u{8}\t") == "␛[2Kdone\nnext␍over␈␉")
  }
}

@Suite struct ShellQuotingTests {
  @Test func wordsWithSpacesOrQuotesAreSingleQuoted() {
    #expect(shellQuoted(["sh", "-c", "echo 'hi'", "--width=40", ""]) == #"sh -c 'echo '\''hi'\''' --width=40 ''"#)
  }
}

@Suite struct GatherlabBinaryTests {
  /// `make test-release` names the static binary `make install` ships; otherwise each
  /// configuration tests the one built beside its tests.
  @Test func theBinaryIsTheOneNamedOrTheOneBuiltBesideTheTests() throws {
    let binary = try GatherlabBinary.url
    if let named = ProcessInfo.processInfo.environment[GatherlabBinary.environmentOverride], !named.isEmpty {
      #expect(binary.path == URL(filePath: named).path)
    } else {
      #expect(binary.lastPathComponent == "gatherlab")
      let testBundle = try #require(Bundle.main.executableURL).resolvingSymlinksInPath()
      #expect(testBundle.path.hasPrefix(binary.deletingLastPathComponent().path + "/"))
    }
  }
}
