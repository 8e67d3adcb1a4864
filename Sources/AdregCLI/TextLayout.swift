import AdregArguments
import AdregFormats

extension SharedOptions {
  /// Long text of a show command or report on one line per item instead of folded to 100 columns.
  static let wide = Option<Bool>.flag(
    "wide", help: "Keep each note, provenance or hint on one line instead of folding it at 100 columns.")
}

/// How long text is laid out on a terminal: folded to 100 columns with a hanging indent, or with `--wide` one line
/// per item, for a wide window or a program that reads lines.
struct TextLayout {
  /// The width a table stays readable at.
  static let columns = 100
  var wide: Bool

  init(wide: Bool = false) { self.wide = wide }

  init(_ arguments: ParsedArguments) { wide = arguments[SharedOptions.wide] }

  /// Text already escaped for the terminal, folded at `width` with continuation lines starting with `indent`
  /// (unless `--wide`); ends with a newline.
  func fold(_ text: String, width: Int = TextLayout.columns, indent: String = "") -> String {
    wide ? text + "\n" : wrapped(text, width: width, indent: indent)
  }
}

extension CLIIO {
  /// Writes a line that shows stored text, escaped (`DisplayText.escaped`) and then folded by `layout` with a
  /// hanging `indent`: continuation lines start deeper than any line of the command's own layout, so a note can
  /// neither forge a line nor reach past 100 columns.
  func line(escaping text: String, layout: TextLayout, indent: String) {
    out(layout.fold(DisplayText.escaped(text), indent: indent))
  }
}
