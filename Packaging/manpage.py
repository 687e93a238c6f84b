#!/usr/bin/env python3
"""gatherlab.1 from the binary's own help: `gatherlab --experimental-dump-help | manpage.py VERSION`.

swift-argument-parser describes every command, argument and option as JSON (ToolInfo v0); this
writes it as a man(7) page, so the page never drifts from `--help`. (The package's generate-manual
plugin does the same but builds the whole package again in debug mode first.) Standard library
only.
"""

import json
import sys


def escape(text):
    """Text as roff reads it literally: backslashes, and a leading . or ' on any line."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join("\\&" + line if line.startswith((".", "'")) else line for line in text.split("\n"))


def paragraphs(text):
    """Discussion text: blank lines become .PP, indented example lines stay as typed (.nf)."""
    out = []
    for block in text.strip("\n").split("\n\n"):
        lines = block.split("\n")
        indented = all(line.startswith("  ") for line in lines[1:])
        if len(lines) > 1 and indented and (lines[0].startswith("  ") or lines[0].endswith(":")):
            head = [] if lines[0].startswith("  ") else [escape(lines.pop(0))]
            out += [".PP"] + head + [".nf", ".RS 2"] + [escape(line[2:]) for line in lines] + [".RE", ".fi"]
        else:
            out += [".PP", escape(" ".join(line.strip() for line in lines))]
    return out


def option_label(argument):
    names = argument.get("names", [])
    value = argument.get("valueName", "")
    if argument["kind"] == "positional":
        label = "<" + value + ">"
    else:
        parts = []
        for name in names:
            dashes = {"short": "-", "long": "--", "longWithSingleDash": "-"}[name["kind"]]
            parts.append(r"\fB" + escape(dashes + name["name"]) + r"\fR")
        label = ", ".join(parts)
        if argument["kind"] == "option":
            label += r" \fI" + escape("<" + value + ">") + r"\fR"
    if argument.get("isRepeating"):
        label += " ..."
    return label


def synopsis(command, path):
    words = [r"\fB" + escape(" ".join(path)) + r"\fR"]
    for argument in command.get("arguments", []):
        if not argument.get("shouldDisplay", True) or argument["kind"] == "flag" and argument.get("valueName") in ("help", "version"):
            continue
        label = option_label(argument).split(", ")[-1]
        words.append("[" + label + "]" if argument.get("isOptional") else label)
    if command.get("subcommands"):
        words.append(r"\fI<command>\fR")
    return " ".join(words)


def arguments(command, root=False):
    out = []
    for argument in command.get("arguments", []):
        if not argument.get("shouldDisplay", True):
            continue
        if not root and argument["kind"] == "flag" and argument.get("valueName") in ("help", "version"):
            continue  # every command has them; the page lists them once, under OPTIONS
        out += [".TP", option_label(argument)]
        text = argument.get("abstract", "")
        if argument.get("allValueStrings") or argument.get("allValues"):
            values = argument.get("allValueStrings") or argument.get("allValues")
            text += " (values: " + ", ".join(values) + ")"
        if argument.get("defaultValue"):
            text += " (default: " + argument["defaultValue"] + ")"
        out.append(escape(text))
        if argument.get("discussion"):
            out += paragraphs(argument["discussion"] if isinstance(argument["discussion"], str) else "")
    return out


def page(tool, version):
    root = tool["command"]
    name = root["commandName"]
    lines = [
        '.TH "%s" "1" "" "%s %s" "User Commands"' % (name.upper(), name, version),
        ".SH NAME",
        escape("%s - %s" % (name, root.get("abstract", ""))),
        ".SH SYNOPSIS",
        synopsis(root, [name]),
        ".SH DESCRIPTION",
    ]
    lines += paragraphs(root.get("discussion", "") or root.get("abstract", ""))
    lines += [".SH OPTIONS"] + arguments(root, root=True)
    lines.append(".SH COMMANDS")
    for command in root.get("subcommands", []):
        if not command.get("shouldDisplay", True) or command["commandName"] == "help":
            continue
        path = [name, command["commandName"]]
        lines += [".SS " + escape(" ".join(path)), synopsis(command, path), ".PP", escape(command.get("abstract", ""))]
        if command.get("discussion"):
            lines += paragraphs(command["discussion"])
        lines += [".PP", "Options:", ".RS 2"] + arguments(command) + [".RE"]
    lines += [
        ".SH SEE ALSO",
        escape("gatherlab help <command>, gatherlab <command> --help"),
    ]
    return "\n".join(lines) + "\n"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gatherlab --experimental-dump-help | manpage.py VERSION")
    sys.stdout.write(page(json.load(sys.stdin), sys.argv[1]))


if __name__ == "__main__":
    main()
