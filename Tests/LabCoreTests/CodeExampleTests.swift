import LabCore
import Testing

@Suite struct CodeExampleTests {
  @Test func pairsEachProgramWithTheOutputBlockRightAfterIt() {
    let markdown = """
      ```python
      print(1)
      ```

      ```output
      1
      ```

      Text.

      ```python fragment
      await x
      ```

      ```python
      print(2)
      ```

      Not directly after.

      ```output
      2
      ```

      - ```swift invalid
        let x: Int = ""
        ```
      """
    #expect(
      MarkdownParser.parse(markdown, firstLine: 10).codeExamples == [
        CodeExample(language: "python", code: "print(1)\n", line: 10, expectedOutput: "1\n"),
        CodeExample(language: "python", modifiers: ["fragment"], code: "await x\n", line: 20),
        CodeExample(language: "python", code: "print(2)\n", line: 24),
        CodeExample(language: "swift", modifiers: ["invalid"], code: "let x: Int = \"\"\n", line: 34),
      ])
    #expect(MarkdownParser.parse(markdown).codeExamples.map(\.isCompleteProgram) == [true, false, true, false])
  }
}
