import CCmarkGFM
import CLibEdit
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct LibEditLinkTests {
  @Test func readlineReturnsALineFromANonTerminalStream() throws {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    let text = "next\n"
    _ = text.withCString { write(fds[1], $0, strlen($0)) }
    close(fds[1])
    let input = try #require(fdopen(fds[0], "r"))
    let output = try #require(fopen("/dev/null", "w"))
    defer {
      fclose(input)
      fclose(output)
    }
    gatherlab_rl_set_streams(input, output)
    let line = try #require(readline(""))
    defer { free(line) }
    #expect(String(cString: line) == "next")
    #expect(readline("") == nil)
  }
}

@Suite struct CmarkGFMLinkTests {
  @Test func gfmTableExtensionParsesATable() throws {
    cmark_gfm_core_extensions_ensure_registered()
    let parser = try #require(cmark_parser_new(CMARK_OPT_DEFAULT))
    defer { cmark_parser_free(parser) }
    let table = try #require(cmark_find_syntax_extension("table"))
    cmark_parser_attach_syntax_extension(parser, table)
    let markdown = "| a | b |\n|---|---|\n| 1 | 2 |\n"
    cmark_parser_feed(parser, markdown, markdown.utf8.count)
    let document = try #require(cmark_parser_finish(parser))
    defer { cmark_node_free(document) }
    let html = try #require(cmark_render_html(document, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser)))
    defer { free(html) }
    #expect(String(cString: html) == "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n")
  }
}
