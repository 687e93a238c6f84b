import LabCore
import LabTerminal
import Testing
import TestSupport

@Suite struct Scratch {
  @Test func dump() throws {
    let run = try RecordingFixtures.run(RecordingFixtures.errorCancelGather)
    print("INSTANTS", run.frameInstants(every: 0.25))
    print("STEPS", run.steps)
    for step in run.steps { print("SAY", StepNarration.sentence(for: step, in: run)) }
    print(TimelineRenderer.render(run.snapshot(at: 1.5), width: 60).map(\.plainText).joined(separator: "\n"))
    let t = try RecordingFixtures.run(RecordingFixtures.timeout)
    for step in t.steps { print("SAY", StepNarration.sentence(for: step, in: t)) }
    print(t.frameInstants(every: 0.5))
    print(StepPlayback.screen(run, step: 1, width: 40, height: 14).map(\.plainText).joined(separator: "\n"))
    let console = RecordingConsole(capabilities: TerminalCapabilities(isTTY: true, color: false, cursorMovement: true, width: 40, height: 14))
    let ending = StepPlayback(console: console).play(run, keys: ScriptedKeys([.forward, .other, .forward, .back, .quit]))
    print(ending)
    print(console.output.replacingOccurrences(of: "\u{1B}", with: "⎋"))
  }
}
