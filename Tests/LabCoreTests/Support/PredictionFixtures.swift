import LabCore

/// A lesson with predictions of its own, for the Predictions tests while the course gets its
/// predict blocks.
enum PredictionFixtures {
  /// The body of the fixture lesson; it starts on line 6 of its file (after 5 front matter lines).
  static let body = #"""
    # Results come back in order

    ```python
    import asyncio

    async def work(name):
        await asyncio.sleep(0)
        return name

    async def main():
        print(asyncio.gather(work("A"), work("B")))

    asyncio.run(main())
    ```

    ```python fragment
    results = await asyncio.gather(a(), b())
    ```

    ```predict
    id: finish-order
    ask: A takes 3 s, B 1 s and C 2 s. In what order do they finish?
    answer: order
    run: ordering delays=3,1,2
    expect: B C A
    why: Each task ends when its own sleep ends; gather only puts the *results* back in argument order.
    ```

    ```predict
    id: forgot-await
    ask: main() prints gather(...) without await. What does the first line show?
    answer: choice
    run: python
    options:
      - text: the list of results
        shows: "['A', 'B']"
      - text: a coroutine object
        shows: "<coroutine object"
      - text: a _GatheringFuture object
        shows: "<_GatheringFuture"
    expect: c
    why: gather() returns a future at once; without await you print the future itself.
    ```

    ```output
    <_GatheringFuture pending>
    ```

    """#

  static let lesson = Lesson(
    number: 5,
    id: "results-order",
    title: "Results come back in order",
    section: "Results Order",
    demo: "ordering",
    fileName: "05-results-order.md",
    path: "Lessons/05-results-order.md",
    body: body,
    bodyStartLine: 6
  )

  /// A lesson whose body (from line 1) is `before`, then a predict block holding `yaml`.
  static func lesson(predict yaml: String, before: String = "") -> Lesson {
    let body = before + "```predict\n" + yaml + "```\n"
    return Lesson(number: 5, id: "results-order", title: "R", section: "S", fileName: "05-results-order.md", body: body)
  }

  /// A complete predict block's keys, with `changes` applied (nil removes a key), in a fixed order.
  static func yaml(_ changes: [String: String?] = [:]) -> String {
    var keys: [(String, String)] = [
      ("id", "finish-order"), ("ask", "In what order?"), ("answer", "order"), ("run", "ordering delays=3,1,2"),
      ("expect", "B C A"), ("why", "Each task ends when its sleep ends."),
    ]
    for (key, value) in changes where !keys.contains(where: { $0.0 == key }) { keys.append((key, value ?? "")) }
    return keys.compactMap { key, value in
      let changed = changes[key].map { $0 } ?? value
      return changed.map { "\(key): \($0)\n" }
    }.joined()
  }
}
