/// Where the unstructured tasks GatherKit starts run: the executor the code that starts them
/// asks for, bound for a scope. Nil, the default, is the global concurrent executor.
///
/// Structured children (task groups, `async let`) inherit the current task's executor
/// preference; a `Task { }` does not. ``UnstructuredTasks`` takes its executor as a parameter
/// whose default is this value, so code several calls away from the tasks it starts (a demo)
/// keeps them on the executor its caller chose (a test's, which counts their work):
///
/// ```swift
/// await TaskPlacement.$executor.withValue(testExecutor) {
///   await demo.run(...)        // its UnstructuredTasks run on testExecutor
/// }
/// ```
public enum TaskPlacement {
  @TaskLocal public static var executor: (any TaskExecutor)? = nil
}
