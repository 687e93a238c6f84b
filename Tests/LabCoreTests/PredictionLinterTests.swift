import LabCore
import TestSupport
import Testing

/// `gatherlab lint` on predict blocks: through `LessonLinter`, as the command runs it.
@Suite struct PredictionLinterTests {
  /// Lints the valid fixture course with lesson 02's body replaced by `body` (front matter: 8 lines,
  /// so the body starts on line 9).
  private func lint(body: String) -> [String] {
    (try? lintThrowing(body: body)) ?? ["the fixture course could not be written"]
  }

  private func lintThrowing(body: String) throws -> [String] {
    var files = LessonFixtures.validCourse
    files["02-results-order.md"] = LessonFixtures.lesson(
      ["id: results-order", "title: Results come back in order", "section: Results Order", "demo: ordering",
       "params:", "  delays: 3,1,2"],
      body: body
    )
    let directory = try TemporaryDirectory(files: files)
    let prefix = directory.file("02-results-order.md") + ":"
    return LessonLinter().lint(try LessonSource.directory(directory.path).files()).map {
      $0.description.hasPrefix(prefix) ? String($0.description.dropFirst(prefix.count - 1)) : $0.description
    }
  }

  private func block(_ yaml: String) -> String { "Text.\n\n```predict\n" + yaml + "```\n" }

  @Test func aLessonWithValidPredictionsLintsClean() throws {
    #expect(lint(body: PredictionFixtures.body) == [])
  }

  @Test func aPredictionIndentedOrInsideAListIsReportedAtItsFence() throws {
    // Body line 1 is file line 9: the indented fence is on line 11, the listed one on line 20.
    let indented = "Text.\n\n   ```predict\n" + PredictionFixtures.yaml() + "   ```\n"
    let listed = "\n- ```predict\n" + PredictionFixtures.yaml(["id": "finish-again"]).split(separator: "\n").map { "  " + $0 + "\n" }.joined() + "  ```\n"
    #expect(
      lint(body: indented + listed) == [
        ":11: A ```predict fence must start its line, outside lists and quotes: the walkthrough asks only those.",
        ":20: A ```predict fence must start its line, outside lists and quotes: the walkthrough asks only those.",
      ])
  }

  @Test func aRunNamingAnUnknownDemoSuggestsOne() throws {
    // The fence is on line 11, `run:` on line 15.
    #expect(
      lint(body: block(PredictionFixtures.yaml(["run": "orderin delays=3,1,2"]))) == [
        ":15: Unknown demo 'orderin'. Did you mean 'ordering'? "
          + "Demos: " + DemoRegistry.standard.ids.joined(separator: ", ") + "."
      ])
  }

  @Test func aRunWithBadParametersSaysWhatIsValid() throws {
    #expect(
      lint(body: block(PredictionFixtures.yaml(["run": "ordering delays=3,x"]))) == [
        ":15: Invalid value '3,x' for delays: expected 1 to 12 comma-separated seconds, each from 0 to 30."
      ])
    #expect(
      lint(body: block(PredictionFixtures.yaml(["run": "ordering delay=3"]))) == [
        ":15: Unknown parameter 'delay' for ordering. Did you mean 'delays'? Valid parameters: delays."
      ])
    #expect(
      lint(body: block(PredictionFixtures.yaml(["run": "ordering 3,1,2"]))) == [
        ":15: Expected key=value, got '3,1,2'; ordering takes delays=…."
      ])
  }

  @Test func parseProblemsAreReportedWithTheFileAndLine() throws {
    #expect(
      lint(body: block(PredictionFixtures.yaml(["answer": "ordr"]))) == [
        ":14: Unknown answer kind 'ordr'. Did you mean 'order'? "
          + "Kinds: order, results, elapsed, cancelled, orphans, outcome, running, existing, choice."
      ])
  }

  @Test func aPythonPredictionWithoutAProgramBeforeIt() throws {
    let yaml = "id: c\nask: Which?\nanswer: choice\nrun: python\noptions:\n  - text: one\n    shows: \"1\"\n"
      + "  - text: two\n    shows: \"2\"\nexpect: a\n"
    #expect(
      lint(body: block(yaml)) == [
        ":15: 'run: python' needs a runnable ```python block (not a fragment) before the prediction in the lesson."
      ])
  }

  @Test func problemsOfSeveralBlocksComeInLineOrder() throws {
    let body = block(PredictionFixtures.yaml(["run": "nope"])) + "\n" + block(PredictionFixtures.yaml(["id": "again", "expect": "soon"]))
    #expect(
      lint(body: body) == [
        ":15: Unknown demo 'nope'. Demos: " + DemoRegistry.standard.ids.joined(separator: ", ") + ".",
        ":27: 'expect: soon' is not a finish order. Type the task letters in the order they finish, e.g. B C A.",
      ])
  }
}
