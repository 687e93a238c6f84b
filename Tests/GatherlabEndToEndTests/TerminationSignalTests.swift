import Foundation
import Testing
import TestSupport

/// SIGTERM and SIGHUP end the program gatherlab runs with it, as Ctrl-C does: a `timeout 10
/// gatherlab trace FILE` left a program that loops for ever running on as an orphan.
extension EndToEnd {
  @Suite(
    .enabled(if: PythonForTests.python3 != nil, "needs python3 3.11 or newer on PATH: the termination tests are skipped"),
    .timeLimit(.minutes(1))
  )
  struct TerminationSignalTests {
    /// Starts `gatherlab ARGS FILE` in the background, waits for the program to write its pid,
    /// sends gatherlab `signal`, and says how gatherlab ended and whether the program is alive.
    static let script = """
      "$1" "$2" "$3" "$4" "$5" >/dev/null 2>&1 &
      gatherlab=$!
      i=0
      while [ ! -s "$6" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
      kill -s "$7" $gatherlab
      wait $gatherlab
      echo "gatherlab ended with $?"
      sleep 0.3
      # Ended, or a zombie its new parent has not reaped yet (this machine's init reaps late).
      case "$(ps -o stat= -p "$(cat "$6")" 2>/dev/null)" in
        "" | Z*) echo "the program ended" ;;
        *) echo "the program runs on"; kill -9 "$(cat "$6")" ;;
      esac
      """

    @Test(arguments: [("TERM", 143), ("HUP", 129)], [["trace", "--clock", "real"], ["trace", "--clock", "virtual"]])
    func aTerminationSignalEndsTheProgramGatherlabRuns(_ signal: (name: String, status: Int), _ command: [String]) async throws {
      let marker = FileManager.default.temporaryDirectory.appendingPathComponent("gatherlab-pid-\(UUID().uuidString)").path
      defer { try? FileManager.default.removeItem(atPath: marker) }
      let path = try PythonCommandTests.program("forever.py", """
        import asyncio, os
        async def main():
            with open(\(String(reflecting: marker)), "w") as file:
                file.write(str(os.getpid()))
            while True:
                await asyncio.sleep(0.1)
        asyncio.run(main())
        """)
      let result = try await GatherlabProcess(
        executable: URL(fileURLWithPath: "/bin/sh"),
        ["-c", Self.script, "sh", try GatherlabBinary.url.path, command[0], path, command[1], command[2], marker, signal.name],
        timeout: .seconds(30)
      ).run()
      #expect(result.standardOutput == "gatherlab ended with \(signal.status)\nthe program ended\n")
    }
  }
}
