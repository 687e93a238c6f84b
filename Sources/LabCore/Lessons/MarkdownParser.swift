import CCmarkGFM
import Synchronization

/// Parses CommonMark with the GFM `table`, `strikethrough` and `autolink` extensions (cmark-gfm)
/// into a `MarkdownDocument`.
///
/// The C tree lives only inside `parse`; what comes out is plain Swift values.
///
/// ```swift
/// let body = MarkdownParser.parse(lesson.body, firstLine: lesson.bodyStartLine)
/// ```
public enum MarkdownParser {
  /// The GFM extensions lessons may use.
  static let extensionNames = ["table", "strikethrough", "autolink"]

  /// Registers the GFM extensions once per process: cmark-gfm's registry is a global list, and
  /// Swift runs a `static let` initializer exactly once, even when tests parse in parallel.
  private static let extensionsRegistered: Void = cmark_gfm_core_extensions_ensure_registered()

  /// Held while cmark-gfm parses: it keeps the inline special characters in one global table,
  /// which each parse adds its extensions' characters (`~` for strikethrough) to and removes
  /// them from again (github/cmark-gfm#176, #221). Two parses at once, as in parallel tests,
  /// could leave one without `~` and without autolinks.
  private static let parsing = Mutex(())

  /// Parses `markdown`; `firstLine` is the line of the lesson file the text starts on, so block
  /// lines count from the top of the file.
  public static func parse(_ markdown: String, firstLine: Int = 1) -> MarkdownDocument {
    _ = extensionsRegistered
    return parsing.withLock { _ in
      guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return MarkdownDocument(blocks: []) }
      defer { cmark_parser_free(parser) }
      for name in extensionNames {
        if let syntaxExtension = cmark_find_syntax_extension(name) {
          cmark_parser_attach_syntax_extension(parser, syntaxExtension)
        }
      }
      var text = markdown
      text.withUTF8 { bytes in
        bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
      }
      guard let root = cmark_parser_finish(parser) else { return MarkdownDocument(blocks: []) }
      defer { cmark_node_free(root) }
      let converter = Converter(lineOffset: firstLine - 1)
      return MarkdownDocument(blocks: converter.blocks(in: root, depth: 0))
    }
  }

  /// How deep blocks and inlines may nest before what is inside is kept as plain text. Real
  /// lessons nest a few levels; a malformed file nesting thousands (`>>>>…`, `****…`) would
  /// otherwise overflow the stack of the recursive conversion and rendering.
  public static let maximumDepth = 24

  /// Turns cmark nodes into `MarkdownBlock`s and `MarkdownInline`s.
  private struct Converter {
    let lineOffset: Int

    func blocks(in parent: OpaquePointer, depth: Int) -> [MarkdownBlock] {
      guard depth < MarkdownParser.maximumDepth else {
        let text = plainText(of: parent)
        let line = Int(cmark_node_get_start_line(parent)) + lineOffset
        return text.isEmpty ? [] : [MarkdownBlock(.paragraph([.text(text)]), line: line)]
      }
      return children(of: parent).compactMap { block($0, depth: depth + 1) }
    }

    func block(_ node: OpaquePointer, depth: Int) -> MarkdownBlock? {
      let line = Int(cmark_node_get_start_line(node)) + lineOffset
      let kind: MarkdownBlock.Kind
      switch cmark_node_get_type(node) {
      case CMARK_NODE_HEADING:
        kind = .heading(level: Int(cmark_node_get_heading_level(node)), inlines(in: node, depth: depth))
      case CMARK_NODE_PARAGRAPH:
        kind = .paragraph(inlines(in: node, depth: depth))
      case CMARK_NODE_CODE_BLOCK:
        var length: Int32 = 0
        var offset: Int32 = 0
        var character: CChar = 0
        let fenced = cmark_node_get_fenced(node, &length, &offset, &character) != 0
        kind = .codeBlock(
          info: string(cmark_node_get_fence_info(node)).trimmingWhitespace(),
          code: string(cmark_node_get_literal(node)),
          fenced: fenced
        )
      case CMARK_NODE_LIST:
        let items = children(of: node).map { blocks(in: $0, depth: depth + 1) }
        kind = .list(
          ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
          start: Int(cmark_node_get_list_start(node)),
          tight: cmark_node_get_list_tight(node) != 0,
          items: items
        )
      case CMARK_NODE_BLOCK_QUOTE:
        kind = .blockQuote(blocks(in: node, depth: depth))
      case CMARK_NODE_THEMATIC_BREAK:
        kind = .thematicBreak
      case CMARK_NODE_HTML_BLOCK:
        kind = .html(string(cmark_node_get_literal(node)))
      default:
        guard typeName(node) == "table" else { return nil }
        kind = table(node, depth: depth)
      }
      return MarkdownBlock(kind, line: line)
    }

    func table(_ node: OpaquePointer, depth: Int) -> MarkdownBlock.Kind {
      let columns = Int(cmark_gfm_extensions_get_table_columns(node))
      var alignments: [MarkdownBlock.Alignment] = []
      if let raw = cmark_gfm_extensions_get_table_alignments(node) {
        alignments = (0..<columns).map { index in
          switch UInt8(raw[index]) {
          case UInt8(ascii: "l"): .left
          case UInt8(ascii: "c"): .center
          case UInt8(ascii: "r"): .right
          default: .none
          }
        }
      } else {
        alignments = Array(repeating: .none, count: columns)
      }
      var header: [[MarkdownInline]] = []
      var rows: [[[MarkdownInline]]] = []
      for row in children(of: node) {
        let cells = children(of: row).map { inlines(in: $0, depth: depth) }
        if cmark_gfm_extensions_get_table_row_is_header(row) != 0 {
          header = cells
        } else {
          rows.append(cells)
        }
      }
      return .table(alignments: alignments, header: header, rows: rows)
    }

    func inlines(in parent: OpaquePointer, depth: Int) -> [MarkdownInline] {
      guard depth < MarkdownParser.maximumDepth else {
        let text = plainText(of: parent)
        return text.isEmpty ? [] : [.text(text)]
      }
      return children(of: parent).compactMap { inline($0, depth: depth + 1) }
    }

    func inline(_ node: OpaquePointer, depth: Int) -> MarkdownInline? {
      switch cmark_node_get_type(node) {
      case CMARK_NODE_TEXT: .text(string(cmark_node_get_literal(node)))
      case CMARK_NODE_SOFTBREAK: .softBreak
      case CMARK_NODE_LINEBREAK: .lineBreak
      case CMARK_NODE_CODE: .code(string(cmark_node_get_literal(node)))
      case CMARK_NODE_HTML_INLINE: .html(string(cmark_node_get_literal(node)))
      case CMARK_NODE_EMPH: .emphasis(inlines(in: node, depth: depth))
      case CMARK_NODE_STRONG: .strong(inlines(in: node, depth: depth))
      case CMARK_NODE_LINK: .link(destination: string(cmark_node_get_url(node)), inlines(in: node, depth: depth))
      case CMARK_NODE_IMAGE: .image(source: string(cmark_node_get_url(node)), alt: inlines(in: node, depth: depth))
      default: typeName(node) == "strikethrough" ? .strikethrough(inlines(in: node, depth: depth)) : nil
      }
    }

    /// The text inside `node`, words separated by spaces, found with cmark's iterator rather than
    /// by recursion, however deep the tree.
    func plainText(of node: OpaquePointer) -> String {
      guard let iterator = cmark_iter_new(node) else { return "" }
      defer { cmark_iter_free(iterator) }
      var text = ""
      func separate() {
        if !text.isEmpty, text.last != " " { text += " " }
      }
      while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
        guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
        switch cmark_node_get_type(current) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
          text += string(cmark_node_get_literal(current))
        case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
          separate()
          text += string(cmark_node_get_literal(current)).trimmingWhitespace()
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_ITEM:
          separate()
        default:
          break
        }
      }
      return text.trimmingWhitespace()
    }

    func children(of node: OpaquePointer) -> [OpaquePointer] {
      var result: [OpaquePointer] = []
      var child = cmark_node_first_child(node)
      while let current = child {
        result.append(current)
        child = cmark_node_next(current)
      }
      return result
    }

    func typeName(_ node: OpaquePointer) -> String {
      string(cmark_node_get_type_string(node))
    }

    func string(_ pointer: UnsafePointer<CChar>?) -> String {
      pointer.map { String(cString: $0) } ?? ""
    }
  }
}
