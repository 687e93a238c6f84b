import LabCore

/// A two-lesson course for the parts reader and the predictions in the walkthrough: lesson 1 has
/// five parts (an opening, two `##` sections, and two predictions: a demo's finish order and a
/// Python program's `choice`).
public enum PartsFixtures {
  public static let finishFirst = """
---
id: finish-first
title: Who finishes first
section: Results Order
demo: ordering
params:
  delays: 3,1,2
---

Three tasks sleep for different times: A for three seconds, B for one and C
for two. gather() starts them together and hands back their results.

The order they end and the order of the results are two different things.
This lesson asks you about both before it shows them.

## The order they end

Each task ends when its own sleep ends, whatever its place in the call.

```predict
id: finish-order
ask: A takes 3 s, B 1 s and C 2 s. In what order do they finish?
answer: order
run: ordering delays=3,1,2
expect: B C A
why: Each task ends when its own sleep ends; gather only puts the results back in argument order.
```

The run shows B first, then C, then A.

## What the program prints

```python
print(['A', 'B'])
```

```predict
id: printed
ask: What does the program print?
answer: choice
run: python
options:
  - text: a list of results
    shows: "['A', 'B']"
  - text: a coroutine object
    shows: "<coroutine object"
expect: a
why: print shows the list itself.
```

```output
['A', 'B']
```
"""

  public static let theEnd = """
---
id: the-end
title: The end
section: Conclusion
---

That is all.
"""

  public static let course: [LessonFile] = [
    LessonFile(name: "01-finish-first.md", text: finishFirst),
    LessonFile(name: "02-the-end.md", text: theEnd),
  ]

  /// The same course as files, for `gatherlab --lessons DIR` (`TemporaryDirectory(files:)`).
  public static let files: [String: String] = Dictionary(uniqueKeysWithValues: course.map { ($0.name, $0.text + "\n") })
}
