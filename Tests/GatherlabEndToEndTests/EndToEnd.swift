import Testing

/// Every test that starts a process. They run one at a time: they measure real time and drive
/// real terminals, and a 2-core machine running several demos at once would make their timings
/// (and so their assertions) depend on the load rather than on gatherlab.
@Suite(.serialized) enum EndToEnd {}
