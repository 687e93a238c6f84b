/// What `gatherlab lint` says about a lesson's predictions: every problem `PredictionParser`
/// finds, and, for each prediction that runs a demo, whether the demo exists and takes the
/// parameters given, resolved through the registry exactly as `gatherlab run` resolves them.
///
/// ```swift
/// PredictionLinter(registry: .standard).problems(in: lesson).map(\.description)
/// // ["Lessons/05-results-order.md:34: Unknown demo 'orderin'. Did you mean 'ordering'? Demos: …"]
/// ```
public struct PredictionLinter: Sendable {
  public let registry: DemoRegistry

  public init(registry: DemoRegistry = .standard) {
    self.registry = registry
  }

  /// Every problem of the predict blocks in `lesson`, in reading order.
  public func problems(in lesson: Lesson) -> [LessonError] {
    let parsed = PredictionParser.predictions(in: lesson)
    var problems = parsed.problems
    for prediction in parsed.predictions {
      guard case .demo(let id, let arguments) = prediction.source else { continue }
      // The block's own `run:` line; a parsed prediction always has one.
      let line = runLine(of: prediction, in: lesson)
      if let problem = runProblem(demo: id, arguments: arguments) {
        problems.append(LessonError(file: lesson.path, line: line, .prediction(problem)))
      }
    }
    return problems.sorted { $0.line < $1.line }
  }

  /// What is wrong with running `demo` with `arguments`, if anything: `DemoLaunch` decides, as
  /// for `gatherlab run`.
  public func runProblem(demo id: String, arguments: [String]) -> PredictionProblem? {
    do throws(DemoLaunchError) {
      _ = try DemoLaunch(demo: id, arguments: arguments, speed: .normal, registry: registry)
      return nil
    } catch {
      switch error {
      case .unknownDemo(let unknown): return .unknownDemo(unknown)
      case .parameter(let parameter): return .invalidParameter(parameter)
      case .noDemo, .speed: return .unknownDemo(UnknownDemoError(name: id, known: registry.ids))
      }
    }
  }

  private func runLine(of prediction: Prediction, in lesson: Lesson) -> Int {
    for block in lesson.document.allBlocks where block.line == prediction.line {
      if case .codeBlock(_, let code, true) = block.kind {
        return PredictionParser.lineOfKey("run", in: code, blockLine: block.line)
      }
    }
    return prediction.line
  }
}
