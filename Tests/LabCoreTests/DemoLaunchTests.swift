import LabCore
import Testing

@Suite struct DemoLaunchTests {
  let lesson = Lesson(
    number: 5, id: "results-order", title: "Results order", section: "Results Order is Preserved",
    demo: "ordering", params: [LessonParameter(name: "delays", value: "5,1")], fileName: "05-results-order.md", body: "Text.\n"
  )
  let lessonWithoutDemo = Lesson(number: 1, id: "intro", title: "Intro", section: "Intro", fileName: "01-intro.md", body: "Text.\n")

  @Test func theUsersWordsOverrideTheLessonsParamsWhichOverrideTheDefaults() throws {
    let launch = try DemoLaunch(demo: "semaphore", arguments: ["limit=2", "mode=window"], speed: try DemoSpeed(3))
    #expect(launch.demo.id == "semaphore")
    #expect(DemoTranscript.title(demo: launch.demo.id, parameters: launch.parameters) == "semaphore · tasks=20 · limit=2 · delay=1 · mode=window · fail=none")
    #expect(launch.speed == (try DemoSpeed(3)))

    let fromLesson = try DemoLaunch(demo: nil, lesson: lesson, speed: .normal)
    #expect(DemoTranscript.title(demo: fromLesson.demo.id, parameters: fromLesson.parameters) == "ordering · delays=5,1")
    let overridden = try DemoLaunch(demo: nil, arguments: ["delays=2"], lesson: lesson, speed: .normal)
    #expect(DemoTranscript.title(demo: overridden.demo.id, parameters: overridden.parameters) == "ordering · delays=2")
  }

  @Test func anotherDemoThanTheLessonsIgnoresTheLessonsParams() throws {
    let launch = try DemoLaunch(demo: "return-exceptions", lesson: lesson, speed: .normal)
    #expect(DemoTranscript.title(demo: launch.demo.id, parameters: launch.parameters) == "return-exceptions · delays=2 · fail-at=1")
  }

  @Test(arguments: [
    (nil, [String](), false, 1.0,
     "Which demo? Choose one of: " + DemoRegistry.standard.ids.joined(separator: ", ") + "."),
    (nil, [], true, 1,
     "This lesson has no demo of its own. Name one: run " + DemoRegistry.standard.ids.joined(separator: " | ") + " ('demos' lists them)."),
    ("ordring", [], false, 1,
     "Unknown demo 'ordring'. Did you mean 'ordering'? Demos: " + DemoRegistry.standard.ids.joined(separator: ", ") + "."),
    ("ordering", ["delays"], false, 1, "Expected key=value, got 'delays'; ordering takes delays=…."),
    ("ordering", ["delays=,"], false, 1, "Invalid value ',' for delays: expected 1 to 12 comma-separated seconds, each from 0 to 30."),
    ("ordering", ["delays=1", "delays=2"], false, 1, "Parameter 'delays' is given more than once."),
    ("ordering", [], false, 0, "Speed must be a number from 0.1 to 100, got '0'."),
    ("ordering", [], false, .nan, "Speed must be a number from 0.1 to 100, got 'nan'."),
  ] as [(String?, [String], Bool, Double, String)])
  func eachReasonALaunchFailsIsOneSentence(name: String?, arguments: [String], inLesson: Bool, speed: Double, message: String) {
    #expect {
      _ = try DemoLaunch(demo: name, arguments: arguments, lesson: inLesson ? lessonWithoutDemo : nil, speed: speed)
    } throws: { error in
      (error as? DemoLaunchError)?.description == message
    }
  }
}
