/// A demo ready to run: which demo, every parameter's value and the speed, resolved and checked
/// in one place for `gatherlab run`, the walkthrough's `run` and the tests.
///
/// The parameters come in layers, each overriding the one before: the demo's defaults, then the
/// lesson's `params` (when the lesson's demo is the one asked for), then the user's `key=value`
/// words.
///
/// ```swift
/// let launch = try DemoLaunch(demo: "ordering", arguments: ["delays=5,1"], speed: .normal)
/// launch.parameters.secondsList("delays")   // [5, 1]
/// ```
public struct DemoLaunch: Sendable {
  public let demo: any Demo
  public let parameters: DemoParameters
  public let speed: DemoSpeed

  /// Resolves `name` (or, without one, the lesson's demo) with the lesson's params and the
  /// user's `arguments`.
  public init(
    demo name: String?,
    arguments: [String] = [],
    lesson: Lesson? = nil,
    speed: DemoSpeed,
    registry: DemoRegistry = .standard
  ) throws(DemoLaunchError) {
    guard let name = name ?? lesson?.demo else {
      throw .noDemo(known: registry.ids, inLesson: lesson != nil)
    }
    let demo: any Demo
    do {
      demo = try registry.demo(named: name)
    } catch {
      throw .unknownDemo(error)
    }
    do {
      let pairs = try DemoParameters.pairs(from: arguments, demo: demo.id, valid: demo.parameterNames)
      let lessonLayer = lesson.flatMap { $0.demo == demo.id ? $0.parameterPairs : nil } ?? []
      parameters = try demo.resolve([lessonLayer, pairs])
    } catch {
      throw .parameter(error)
    }
    self.demo = demo
    self.speed = speed
  }

  /// The same, with a speed that has not been checked yet (a saved one).
  public init(
    demo name: String?,
    arguments: [String] = [],
    lesson: Lesson? = nil,
    speed: Double,
    registry: DemoRegistry = .standard
  ) throws(DemoLaunchError) {
    let checked: DemoSpeed
    do {
      checked = try DemoSpeed(speed)
    } catch {
      throw .speed(error)
    }
    try self.init(demo: name, arguments: arguments, lesson: lesson, speed: checked, registry: registry)
  }
}

/// Why a demo could not be launched; each description is one sentence for the user.
public enum DemoLaunchError: Error, Equatable, CustomStringConvertible {
  /// No demo was named, and there is no lesson demo to fall back on.
  case noDemo(known: [String], inLesson: Bool)
  case unknownDemo(UnknownDemoError)
  case parameter(DemoParameterError)
  case speed(DemoSpeedError)

  public var description: String {
    switch self {
    case .noDemo(let known, inLesson: false):
      "Which demo? Choose one of: \(known.joined(separator: ", "))."
    case .noDemo(let known, inLesson: true):
      "This lesson has no demo of its own. Name one: run \(known.joined(separator: " | ")) ('demos' lists them)."
    case .unknownDemo(let error): error.description
    case .parameter(let error): error.description
    case .speed(let error): error.description
    }
  }
}

extension DemoPlaying {
  /// Plays a launched demo.
  public func play(_ launch: DemoLaunch) async -> DemoReport {
    await play(launch.demo, parameters: launch.parameters, speed: launch.speed)
  }
}
