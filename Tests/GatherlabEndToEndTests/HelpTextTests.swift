import Foundation
import LabCore
import Testing

/// Each command's whole `--help`, as swift-argument-parser prints it at 80 columns: a changed option,
/// example or sentence shows up here as a diff of the text users read.
extension EndToEnd {
  @Suite(.timeLimit(.minutes(1)))
  struct HelpTextTests {
    /// `run --help` lists the demos one a line: the registry's ids, so a new demo needs no edit
    /// here (the registry is the source; the help is the output under test).
    static let registryDemoLines = DemoRegistry.standard.ids.map { "  " + $0 }.joined(separator: "\n")

    @Test(arguments: [
      (["--help"], """
        OVERVIEW: Learn Python's asyncio.gather() by running real Swift concurrency
        demos.

        Run without a command to start the guided walkthrough, which resumes where you
        left off.

        Examples:
          gatherlab                         # the walkthrough
          gatherlab --from 5 --speed 2      # from lesson 5, demos twice as fast
          printf 'run\\nnext\\nrun\\n' | gatherlab   # a scripted class
          gatherlab run ordering            # one demo, live
          gatherlab run error-cancel mode=gather --speed 2
          gatherlab show results-order      # one lesson
          gatherlab list                    # lessons and demos
          gatherlab run error-cancel mode=gather --record class.jsonl
          gatherlab replay class.jsonl --step   # event by event, in class
          gatherlab export class.jsonl --to svg # the timeline for a slide

        USAGE: gatherlab <subcommand>

        OPTIONS:
          --version               Show the version.
          -h, --help              Show help information.

        SUBCOMMANDS:
          tutorial (default)      The guided walkthrough (what plain `gatherlab`
                                  starts).
          run                     Run one demo with live timing output, then a summary.
          compare                 Run a demo in Swift and its twin under real CPython
                                  on one time axis, then say what agrees.
          trace                   Run your own asyncio program under python3 and draw
                                  its tasks live.
          list                    List the lessons (✓ done, ▸ current, prediction
                                  scores) and the demos with their parameters.
          show                    Render one lesson and exit.
          lint                    Check lesson files.
          replay                  Draw a recorded run again, at any speed or one event
                                  at a time.
          export                  Turn a recorded run into an SVG timeline, an
                                  asciicast, or a Perfetto trace.
          check                   Check your solution to an exercise by how it ran.
          exercise                Work on an exercise: your file is checked again every
                                  time you save it.
          exercises               List the exercises (✓ passed, ✗ tried, · not started).

          See 'gatherlab help <subcommand>' for detailed help.

        """),
      (["run", "--help"], """
        OVERVIEW: Run one demo with live timing output, then a summary.

        Demos:
        \(Self.registryDemoLines)

        Parameters are key=value; lists are comma separated. `gatherlab list` shows
        each demo's parameters with their defaults and valid ranges. Ctrl-C stops a
        demo (exit code 130).

        Examples:
          gatherlab run ordering
          gatherlab run ordering delays=5,1,3
          gatherlab run error-cancel mode=gather
          gatherlab run semaphore tasks=30 limit=10 mode=window --speed 5
          gatherlab run timeout --json
          gatherlab run error-cancel mode=gather --record class.jsonl
          gatherlab run ordering --python      # the Python twin under real CPython
          gatherlab run ordering --python --clock virtual   # ... on virtual time

        USAGE: gatherlab run [<demo>] [<key=value> ...] [--speed <X>] [--json] [--python] [--clock <clock>] [--seed <N>] [--python-bin <PATH>] [--no-color] [--width <N>] [--record <FILE>]

        ARGUMENTS:
          <demo>                  The demo to run.
          <key=value>             Parameters as key=value, e.g. delays=3,1,2.

        OPTIONS:
          --speed <X>             Time scale: 10 runs ten times faster; reported times
                                  stay in nominal seconds (0.1–100).
          --json                  Print JSON Lines (a demo header, one line per event,
                                  the result) instead of the timeline.
          --python                Run the demo's Python twin under real CPython (3.11
                                  or newer) instead of the Swift demo.
          --clock <clock>         real (default) or virtual: on virtual time the event
                                  loop jumps to its next timer whenever it would wait
                                  with nothing real pending, so sleeps take no time and
                                  instants are exact. (values: real, virtual)
          --seed <N>              On virtual time: scale each timer's delay (within
                                  ±10%) and order timers due together by seed N; 0
                                  (default) perturbs nothing.
          --python-bin <PATH>     The python3 (3.11 or newer) to run, instead of
                                  GATHERLAB_PYTHON or python3 on PATH.
          --no-color              No colors (also NO_COLOR); the live view and keys
                                  still work.
          --width <N>             Wrap text to N columns (default: the terminal's, at
                                  most 100).
          --record <FILE>         Also write the run to FILE (JSON Lines) for
                                  'gatherlab replay' and 'export'.
          --version               Show the version.
          -h, --help              Show help information.


        """),
      (["list", "--help"], """
        OVERVIEW: List the lessons (✓ done, ▸ current, prediction scores) and the demos
        with their parameters.

        Examples:
          gatherlab list
          gatherlab list --json | python3 -m json.tool

        USAGE: gatherlab list [--json] [--no-color] [--width <N>] [--lessons <DIR>]

        OPTIONS:
          --json                  Print one JSON object: {"lessons": [...], "demos":
                                  [...]}.
          --no-color              No colors (also NO_COLOR); the live view and keys
                                  still work.
          --width <N>             Wrap text to N columns (default: the terminal's, at
                                  most 100).
          --lessons <DIR>         Read lessons from DIR instead of the bundled ones.
          --version               Show the version.
          -h, --help              Show help information.


        """),
      (["show", "--help"], """
        OVERVIEW: Render one lesson and exit.

        LESSON is a lesson number (5 or 05), an id (results-order), or the start of an
        id (results).

        Examples:
          gatherlab show 1
          gatherlab show results-order --width 60
          gatherlab show 5 --no-color | less
          gatherlab show 14 --no-swift

        USAGE: gatherlab show <LESSON> [--no-swift] [--no-color] [--width <N>] [--lessons <DIR>]

        ARGUMENTS:
          <LESSON>                The lesson's number or id.

        OPTIONS:
          --no-swift              Read the lesson Python-only: without its Swift
                                  sections and snippets.
          --no-color              No colors (also NO_COLOR); the live view and keys
                                  still work.
          --width <N>             Wrap text to N columns (default: the terminal's, at
                                  most 100).
          --lessons <DIR>         Read lessons from DIR instead of the bundled ones.
          --version               Show the version.
          -h, --help              Show help information.


        """),
      (["lint", "--help"], """
        OVERVIEW: Check lesson files.

        Checks the front matter (id, title, section, demo, params), that ids are unique
        and match the file names, that lessons are numbered 01, 02, … without gaps, one
        lesson per guide section, that demos and their parameters exist, and that every
        fenced code block names its language (python, swift, output, text or sh).
        Prints one 'file:line: message' line per problem and exits with 65, or prints
        "N lessons OK".

        Without DIR it checks the exercises too: their front matter and checks, then,
        on virtual time, that every starter fails a check and every solution passes
        them all on every schedule it asks for, on each CPython 3.11+ found (python3
        and pyenv's). --exercises DIR checks a directory of NN-id exercises instead of
        the bundled ones, and runs each one's alternatives/*.py (they must pass) and
        wrong/*.py (they must fail) too. --no-run-exercises checks their files without
        running them.

        Examples:
          gatherlab lint
          gatherlab lint Lessons
          gatherlab lint --exercises Exercises
          gatherlab lint --no-run-exercises

        USAGE: gatherlab lint [<DIR>] [--run-exercises] [--no-run-exercises] [--exercises <DIR>] [--python-bin <PATH>]

        ARGUMENTS:
          <DIR>                   A directory of NN-id.md lesson files (default: the
                                  bundled lessons).

        OPTIONS:
          --run-exercises/--no-run-exercises
                                  Run every exercise's starter (it must fail a check)
                                  and solution (it must pass them all) on each CPython
                                  3.11+ found (python3 and pyenv's), on virtual time.
                                  (default: --run-exercises)
          --exercises <DIR>       A directory of NN-id exercises to check instead of
                                  the bundled ones, with their alternatives/ and wrong/
                                  programs.
          --python-bin <PATH>     The python3 (3.11 or newer) to run, instead of
                                  GATHERLAB_PYTHON or python3 on PATH.
          --version               Show the version.
          -h, --help              Show help information.


        """),
      (["check", "--help"], """
        OVERVIEW: Check your solution to an exercise by how it ran.

        Runs FILE (default: your file for the exercise in the workspace) under python3
        with the tracer, on virtual time, and checks how it ran: how long main() took,
        how many tasks ran or existed at once, what was cancelled, what was left
        pending, what it printed. One line per check; for a failure, the run's timeline
        with the rows that break it marked ▶, and a hint. Exits 0 when every check
        holds, 1 when one fails. The program gets no input.

        On virtual time (the default) sleeps take no time and instants are exact; a
        program is stopped when its clock passes 60 s, or after 10 s of real time. An
        exercise with 'schedules: N' (or --schedules N) is run again on seeds 1 to N,
        each firing timers in a perturbed order, once the unperturbed run passes: every
        check must hold on each, and a failure names the seed that breaks it (--seed K
        replays it). --clock real runs the program once on the wall clock, stopped
        after 10 s.

        Examples:
          gatherlab check checkout-receipt
          gatherlab check 5 my_checkout.py
          gatherlab check report-order --schedules 50
          gatherlab check report-order --seed 7
          gatherlab check fetch-together --json

        USAGE: gatherlab check <exercise> [<file.py>] [--clock <clock>] [--seed <N>] [--schedules <N>] [--json] [--workspace <DIR>] [--python-bin <PATH>] [--no-color] [--width <N>]

        ARGUMENTS:
          <exercise>              The exercise (id or number).
          <file.py>               The Python file to check (default: the workspace's
                                  file for the exercise).

        OPTIONS:
          --clock <clock>         virtual (default) or real: on virtual time the event
                                  loop jumps to its next timer whenever it would wait
                                  with nothing real pending. (values: real, virtual)
          --seed <N>              Run only seed N's schedule (timers perturbed by seed
                                  N), to replay a failure.
          --schedules <N>         Also run seeds 1 to N (default: the exercise's
                                  'schedules:'); every check must hold on each.
          --json                  Print each check's name, verdict, measured value and
                                  bound, the schedules run and the first failing seed
                                  as one JSON object.
          --workspace <DIR>       Where your exercise files are (default:
                                  GATHERLAB_WORKSPACE, else ~/gatherlab-exercises).
          --python-bin <PATH>     The python3 (3.11 or newer) to run, instead of
                                  GATHERLAB_PYTHON or python3 on PATH.
          --no-color              No colors (also NO_COLOR); the live view and keys
                                  still work.
          --width <N>             Wrap text to N columns (default: the terminal's, at
                                  most 100).
          --version               Show the version.
          -h, --help              Show help information.


        """),
      (["exercise", "--help"], """
        OVERVIEW: Work on an exercise: your file is checked again every time you save
        it.

        Writes the exercise's starter into the workspace (only if your file is not
        there yet), prints its path and the task, checks it, and watches it: every save
        checks it again. Keys: h the next hint, s the solution, r reset the file to the
        starter (asks first), n the next exercise once this one passes, q quit. Not on
        a terminal it checks once and exits as 'gatherlab check' does. Without ID, the
        first exercise not yet passed. Checks run on virtual time, with the exercise's
        schedules, as 'gatherlab check' runs them; --clock real runs each check once on
        the wall clock.

        Examples:
          gatherlab exercise
          gatherlab exercise checkout-receipt
          gatherlab exercise 5 --workspace ~/asyncio-practice

        USAGE: gatherlab exercise [<exercise>] [--clock <clock>] [--workspace <DIR>] [--python-bin <PATH>] [--no-color] [--width <N>]

        ARGUMENTS:
          <exercise>              The exercise (id or number; default: the first not
                                  yet passed).

        OPTIONS:
          --clock <clock>         virtual (default) or real: the clock each check runs
                                  your program on. (values: real, virtual)
          --workspace <DIR>       Where your exercise files are (default:
                                  GATHERLAB_WORKSPACE, else ~/gatherlab-exercises).
          --python-bin <PATH>     The python3 (3.11 or newer) to run, instead of
                                  GATHERLAB_PYTHON or python3 on PATH.
          --no-color              No colors (also NO_COLOR); the live view and keys
                                  still work.
          --width <N>             Wrap text to N columns (default: the terminal's, at
                                  most 100).
          --version               Show the version.
          -h, --help              Show help information.


        """),
      (["exercises", "--help"], """
        OVERVIEW: List the exercises (✓ passed, ✗ tried, · not started).

        Examples:
          gatherlab exercises
          gatherlab exercise checkout-receipt

        USAGE: gatherlab exercises [--json] [--workspace <DIR>] [--no-color] [--width <N>]

        OPTIONS:
          --json                  Print one JSON object: {"exercises": [{"number",
                                  "id", "lesson", "title", "state", "attempts",
                                  "file"}]}.
          --workspace <DIR>       Where your exercise files are (default:
                                  GATHERLAB_WORKSPACE, else ~/gatherlab-exercises).
          --no-color              No colors (also NO_COLOR); the live view and keys
                                  still work.
          --width <N>             Wrap text to N columns (default: the terminal's, at
                                  most 100).
          --version               Show the version.
          -h, --help              Show help information.


        """),
      (["tutorial", "--help"], """
        OVERVIEW: The guided walkthrough (what plain `gatherlab` starts).

        Reads the current lesson part by part at a prompt (an empty line reads on) and
        asks the lessons' predictions before their runs; 'help' at the prompt lists the
        commands. Progress is kept in $GATHERLAB_HOME, else $XDG_STATE_HOME/gatherlab,
        else ~/.local/state/gatherlab. With standard input or output piped, each lesson
        prints whole, commands are read line by line with no prompt, and nothing waits
        for an answer.

        Examples:
          gatherlab
          gatherlab --from results-order --speed 5
          gatherlab --no-swift
          printf 'run ordering\\nnext\\nrun\\n' | gatherlab --speed 2

        USAGE: gatherlab tutorial [--speed <X>] [--from <LESSON>] [--no-swift] [--no-color] [--width <N>] [--lessons <DIR>] [--python-bin <PATH>]

        OPTIONS:
          --speed <X>             Time scale for demos: 10 runs ten times faster
                                  (0.1–100); remembered.
          --from <LESSON>         Start at this lesson (number or id) instead of where
                                  you left off.
          --no-swift              Read the lessons Python-only, without their Swift
                                  side; remembered ('swift on' brings it back).
          --no-color              No colors (also NO_COLOR); the live view and keys
                                  still work.
          --width <N>             Wrap text to N columns (default: the terminal's, at
                                  most 100).
          --lessons <DIR>         Read lessons from DIR instead of the bundled ones.
          --python-bin <PATH>     The python3 (3.11 or newer) to run, instead of
                                  GATHERLAB_PYTHON or python3 on PATH.
          --version               Show the version.
          -h, --help              Show help information.


        """),
      (["replay", "--help"], """
        OVERVIEW: Draw a recorded run again, at any speed or one event at a time.

        FILE is a recording made with --record (gatherlab run DEMO --record FILE). The
        replay draws the same frames every time, at the recorded speed unless --speed
        says otherwise. With --step it stops at every event: Enter or space goes on, b
        goes back, q stops.

        Examples:
          gatherlab run error-cancel mode=gather --record class.jsonl
          gatherlab replay class.jsonl
          gatherlab replay class.jsonl --speed 0.5
          gatherlab replay class.jsonl --step
          gatherlab replay class.jsonl --json

        USAGE: gatherlab replay <FILE> [--speed <X>] [--step] [--json] [--no-color] [--width <N>]

        ARGUMENTS:
          <FILE>                  A recording made with --record.

        OPTIONS:
          --speed <X>             Time scale of the replay (0.1–100; default: the
                                  recorded speed).
          --step                  Stop at every event; Enter or space goes on, b goes
                                  back, q stops.
          --json                  Print the recorded run's JSON Lines, unchanged.
          --no-color              No colors (also NO_COLOR); the live view and keys
                                  still work.
          --width <N>             Wrap text to N columns (default: the terminal's, at
                                  most 100).
          --version               Show the version.
          -h, --help              Show help information.


        """),
      (["export", "--help"], """
        OVERVIEW: Turn a recorded run into an SVG timeline, an asciicast, or a Perfetto
        trace.

        svg: the final timeline as one standalone SVG, for a slide. cast: an asciicast
        v2 recording of the live view (asciinema play FILE.cast). trace: Chrome
        trace-event JSON, for ui.perfetto.dev or chrome://tracing. OUT defaults to FILE
        with the format's extension (.svg, .cast, .trace.json); -o - writes to standard
        output.

        Examples:
          gatherlab run error-cancel mode=gather --record class.jsonl
          gatherlab export class.jsonl --to svg
          gatherlab export class.jsonl --to cast -o class.cast
          gatherlab export class.jsonl --to trace

        USAGE: gatherlab export <FILE> --to <FORMAT> [-o <OUT>]

        ARGUMENTS:
          <FILE>                  A recording made with --record.

        OPTIONS:
          --to <FORMAT>           The format: svg, cast or trace. (values: svg, cast,
                                  trace)
          -o <OUT>                Where to write it (default: FILE with the format's
                                  extension; - for standard output).
          --version               Show the version.
          -h, --help              Show help information.


        """),
      (["compare", "--help"], """
        OVERVIEW: Run a demo in Swift and its twin under real CPython on one time axis,
        then say what agrees.

        The Python twin starts first; once CPython is ready, both runs start together
        and each is timed from its own start. Needs python3 3.11 or newer
        (--python-bin, GATHERLAB_PYTHON or python3 on PATH); exits 69 without it. With
        --clock virtual the twin runs on virtual time (its sleeps take no time, its
        instants are exact) beside the Swift demo's real ones.

        Examples:
          gatherlab compare ordering
          gatherlab compare error-cancel mode=gather
          gatherlab compare semaphore limit=3 --speed 5
          gatherlab compare timeout --json
          gatherlab compare ordering --clock virtual

        USAGE: gatherlab compare [<demo>] [<key=value> ...] [--speed <X>] [--json] [--clock <clock>] [--seed <N>] [--python-bin <PATH>] [--no-color] [--width <N>]

        ARGUMENTS:
          <demo>                  The demo to compare.
          <key=value>             Parameters as key=value, e.g. delays=3,1,2.

        OPTIONS:
          --speed <X>             Time scale: 10 runs ten times faster; reported times
                                  stay in nominal seconds (0.1–100).
          --json                  Print JSON Lines: the Swift run, the CPython run (its
                                  header names the runtime), then a comparison line.
          --clock <clock>         real (default) or virtual: on virtual time the event
                                  loop jumps to its next timer whenever it would wait
                                  with nothing real pending, so sleeps take no time and
                                  instants are exact. (values: real, virtual)
          --seed <N>              On virtual time: scale each timer's delay (within
                                  ±10%) and order timers due together by seed N; 0
                                  (default) perturbs nothing.
          --python-bin <PATH>     The python3 (3.11 or newer) to run, instead of
                                  GATHERLAB_PYTHON or python3 on PATH.
          --no-color              No colors (also NO_COLOR); the live view and keys
                                  still work.
          --width <N>             Wrap text to N columns (default: the terminal's, at
                                  most 100).
          --version               Show the version.
          -h, --help              Show help information.


        """),
      (["trace", "--help"], """
        OVERVIEW: Run your own asyncio program under python3 and draw its tasks live.

        The program runs with a small tracer installed before its code: every task
        (#id, named by name= or by its coroutine and first arguments) is drawn under
        the task that created it, in its gather or TaskGroup with that one's join, on
        one time axis, with the program's own output time-stamped beside them. Many
        tasks of one coroutine fold into one row that counts them by state; the screen
        left at the end is a summary that fits the terminal (--all prints every task),
        and after Ctrl-C it shows where each task was waiting. Its traceback, if it
        raises, follows the timeline, and trace exits with the program's own status
        (130 after Ctrl-C). Needs python3 3.11 or newer.

        With --clock virtual the program's event loop reads virtual time: whenever it
        would wait with nothing real pending (no socket, pipe, thread or subprocess in
        flight) its clock jumps to the next timer, so a program that sleeps 3 s is
        traced in milliseconds, at exact instants, the same every run, its output
        included. Blocking still shows: time.sleep(s) on the loop's thread moves the
        clock on by exactly s, and a callback that computes for 20 ms of CPU time or
        more by that time. time.time() and time.monotonic() stay real. --schedules N
        runs seeds 1 to N, each nudging timers as another machine might, and prints
        each distinct behaviour (exit status, output, the order tasks ended) with the
        command that replays it; it exits 1 when they differ.

        Examples:
          gatherlab trace fetch_all.py
          gatherlab trace crawler.py -- --depth 2
          gatherlab trace fetch_all.py --all
          gatherlab trace fetch_all.py --record crawl.jsonl
          gatherlab trace fetch_all.py --json
          gatherlab trace fetch_all.py --clock virtual
          gatherlab trace race.py --schedules 20
          gatherlab trace race.py --clock virtual --seed 7

        USAGE: gatherlab trace <file.py> -- [<args> ...] [--json] [--all] [--clock <clock>] [--seed <N>] [--schedules <N>] [--record <FILE>] [--python-bin <PATH>] [--no-color] [--width <N>]

        ARGUMENTS:
          <file.py>               The Python program to run.
          <args>                  Arguments for the program, after --.

        OPTIONS:
          --json                  Print the tracer's JSON Lines (tasks with id, parent
                                  and gather ids; joins; deadlines; output) instead of
                                  the timeline.
          --all                   At the end, print every task's row, not a summary
                                  that fits the terminal.
          --clock <clock>         real (default) or virtual: on virtual time the event
                                  loop jumps to its next timer whenever it would wait
                                  with nothing real pending, so sleeps take no time and
                                  instants are exact. (values: real, virtual)
          --seed <N>              On virtual time: scale each timer's delay (within
                                  ±10%) and order timers due together by seed N; 0
                                  (default) perturbs nothing.
          --schedules <N>         Run the program on virtual time with seeds 1 to N, N
                                  at most 1000, and report its distinct behaviours.
          --record <FILE>         Also write the run to FILE (JSON Lines) for
                                  'gatherlab replay' and 'export'.
          --python-bin <PATH>     The python3 (3.11 or newer) to run, instead of
                                  GATHERLAB_PYTHON or python3 on PATH.
          --no-color              No colors (also NO_COLOR); the live view and keys
                                  still work.
          --width <N>             Wrap text to N columns (default: the terminal's, at
                                  most 100).
          --version               Show the version.
          -h, --help              Show help information.


        """),
    ])
    func helpIsTheWholeTextUsersRead(arguments: [String], expected: String) async throws {
      let result = try await GatherlabProcess(arguments, environment: ["COLUMNS": "80"]).run()
      #expect(result.status == .exited(0))
      #expect(result.standardOutput == expected)
      #expect(result.standardError == "")
    }
  }
}
