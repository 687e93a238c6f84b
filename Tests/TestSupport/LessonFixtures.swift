import LabCore

/// Lesson files for tests: a small valid course, and a builder for variations of it.
public enum LessonFixtures {
  /// A lesson file: front matter lines (each "key: value" as given), then the body.
  public static func lesson(_ frontMatter: [String], body: String = "Some text.\n") -> String {
    "---\n" + frontMatter.map { $0 + "\n" }.joined() + "---\n" + body
  }

  public static let whatIsGather = lesson(
    [
      "id: what-is-gather",
      "title: What gather is",
      "section: What is asyncio.gather()?",
      "demo: sequential",
      "params:",
      "  count: 3",
      "  delay: 0.5",
    ],
    body: """
      # What gather is

      Gather runs *awaitables* concurrently.

      ```python
      print("hi")
      ```

      ```output
      hi
      ```

      ```python fragment
      results = await asyncio.gather(a(), b())
      ```

      ```swift invalid
      let x: Int = "no"
      ```

      """
  )

  public static let resultsOrder = lesson(
    [
      "id: results-order",
      "title: Results come back in order",
      "section: Results Order",
      "demo: ordering",
      "params:",
      "  delays: 3,1,2",
    ],
    body: """
      Results are in argument order.

      ```swift fragment
      let values = try await gather(a, b)
      ```

      """
  )

  public static let conclusion = lesson(
    [
      "id: conclusion",
      "title: Conclusion",
      "section: Conclusion",
    ],
    body: """
      ```sh
      gatherlab run ordering
      ```

      ```text
      done
      ```

      """
  )

  /// Three lessons that pass every check.
  public static let validCourse: [String: String] = [
    "01-what-is-gather.md": whatIsGather,
    "02-results-order.md": resultsOrder,
    "03-conclusion.md": conclusion,
  ]
}
