import Foundation
import LabCore
import LabTerminal

#if canImport(Glibc)
import Glibc
#endif

/// The walkthrough's `compare`, `trace`, `replay` and `step` on the real terminal: python3 found
/// when first needed (`PythonLookup`, shared with the predictions), Ctrl-C
/// stopping the run and returning to the prompt, single keys for `step`.
struct PromptTools: WalkthroughTools {
  let console: any Console
  /// The python3 the walkthrough's predictions run too, found when first needed.
  let python: PythonLookupRunner

  private func interpreter() -> Result<PythonInterpreter, PythonNotFoundError> { python.interpreter() }

  func compare(_ demo: any Demo, parameters: DemoParameters, speed: DemoSpeed, recorder: (any RunLineSink)?) async -> ToolOutcome {
    let twin: PythonTwin
    do {
      twin = try PythonTwin(demo: demo, interpreter: try interpreter().get())
    } catch {
      return .failed(String(describing: error))
    }
    var playback = ComparePlayback(console: console, mode: DemoPlayback.mode(for: console.capabilities, json: false), speed: speed)
    playback.recorder = recorder
    let (played, interrupted) = await interruptibly { [playback] () -> Result<ComparePlayback.Played, PythonTwinError> in
      do throws(PythonTwinError) { return .success(try await playback.play(twin, parameters: parameters)) } catch { return .failure(error) }
    }
    if interrupted { return .interrupted }
    if case .failure(let error) = played { return .failed(error.description) }
    return .done
  }

  func trace(code: String, name: String) async -> ToolOutcome {
    let python: PythonInterpreter
    switch interpreter() {
    case .success(let found): python = found
    case .failure(let error): return .failed(error.description)
    }
    // A private directory of its own, so the file shows under the lesson's name.
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatherlab-trace-\(UUID().uuidString)")
    let file = directory.appendingPathComponent(name)
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
      try code.write(to: file, atomically: false, encoding: .utf8)
    } catch {
      return .failed("Cannot write the program to a temporary file: \(error.localizedDescription)")
    }
    defer { try? FileManager.default.removeItem(at: directory) }
    var program = TracedProgram(interpreter: python, path: file.path, arguments: [])
    // The prompt's input is the walkthrough's, not the program's.
    program.passesStandardInput = false
    let playback = TracePlayback(console: console, mode: DemoPlayback.mode(for: console.capabilities, json: false)) { text in
      StandardError.write(text)
    }
    let (traced, interrupted) = await interruptibly { [program] () -> Result<TracePlayback.Traced, TraceError> in
      do throws(TraceError) { return .success(try await playback.play(program)) } catch { return .failure(error) }
    }
    switch traced {
    case .success(let result): return interrupted || result.interrupted ? .interrupted : .done
    case .failure(let error): return interrupted ? .interrupted : .failed(error.description)
    }
  }

  func replay(_ run: RecordedRun) async -> ToolOutcome {
    let mode = DemoPlayback.mode(for: console.capabilities, json: false)
    return await ReplayCommand.replay(run, console: console, mode: mode, speed: run.speed) ? .done : .interrupted
  }

  func step(_ run: RecordedRun) async -> ToolOutcome {
    // A SIGINT from outside only ends the stepping; the session goes on.
    ReplayCommand.step(run, console: console) { _ in } == .interrupted ? .interrupted : .done
  }
}
