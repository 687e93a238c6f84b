/// Playing a Python twin: the same renderer, plain lines, JSON and summary as a Swift run, fed
/// by the twin's entries instead of the demo's Swift code.
extension DemoPlayback {
  /// Runs `twin` and plays its entries once it is ready (CPython's start-up is not on the
  /// timeline). Cancelling the calling task kills the twin and interrupts the run.
  public func play(_ twin: PythonTwin, parameters: DemoParameters) async throws(PythonTwinError) -> DemoReport {
    let started = TwinStart.start(twin, parameters: parameters, speed: speed.value)
    guard let header = await started.ready() else {
      throw await started.failure(await started.outcome())
    }
    let report = await play(
      twin.demo, parameters: parameters, clock: ScaledClock(speed: speed), runtime: header.runtime ?? "Python"
    ) { session in
      await started.record(into: session)
    }
    let outcome = await started.outcome()
    if report.outcome != .interrupted, outcome.status != 0 {
      throw await started.failure(outcome)
    }
    return report
  }
}

/// A twin started in the background: its readiness, its entries as they come, and how it ended.
public struct TwinStart: Sendable {
  let demo: String
  let interpreter: PythonInterpreter
  let readiness: AsyncStream<DemoJSONHeader>
  let entries: AsyncStream<DemoLogEntry>
  let task: Task<Result<PythonTwin.Outcome, PythonTwinError>, Never>

  public static func start(_ twin: PythonTwin, parameters: DemoParameters, speed: Double) -> TwinStart {
    let (readiness, ready) = AsyncStream.makeStream(of: DemoJSONHeader.self)
    let (entries, entry) = AsyncStream.makeStream(of: DemoLogEntry.self)
    let task = Task { () -> Result<PythonTwin.Outcome, PythonTwinError> in
      defer {
        ready.finish()
        entry.finish()
      }
      do throws(PythonTwinError) {
        return .success(try await twin.run(parameters, speed: speed, ready: { header in
          ready.yield(header)
          ready.finish()
        }, entry: { entry.yield($0) }))
      } catch {
        return .failure(error)
      }
    }
    return TwinStart(demo: twin.demo.id, interpreter: twin.interpreter, readiness: readiness, entries: entries, task: task)
  }

  /// The twin's header, once it is ready; nil if it ended first.
  public func ready() async -> DemoJSONHeader? {
    await withTaskCancellationHandler {
      for await header in readiness { return header }
      return nil
    } onCancel: { [task] in
      task.cancel()
    }
  }

  /// Records every entry into `session` until the twin ends; cancelling stops the twin.
  public func record<C: Clock>(into session: DemoSession<C>) async where C.Duration == Duration {
    await withTaskCancellationHandler {
      for await entry in entries { session.record(entry) }
    } onCancel: { [task] in
      task.cancel()
    }
  }

  /// How the twin ended, once it has.
  public func outcome() async -> PythonTwin.Outcome {
    switch await task.value {
    case .success(let outcome): outcome
    case .failure(let error): PythonTwin.Outcome(header: nil, status: nil, standardError: error.description)
    }
  }

  /// Why the twin failed. One that ended before its header may not have run under a Python
  /// 3.11+ at all: the bootstrap's too-old line, or (only then) one probe of the interpreter, says.
  func failure(_ outcome: PythonTwin.Outcome) async -> PythonTwinError {
    if outcome.header == nil, let why = await interpreter.diagnose(status: outcome.status, standardError: outcome.standardError) {
      return .python(why)
    }
    return .failed(demo, outcome.standardError.isEmpty ? "exit status \(outcome.status.map(String.init) ?? "unknown")" : outcome.standardError)
  }
}
