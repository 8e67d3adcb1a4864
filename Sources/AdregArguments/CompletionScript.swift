/// A shell that `completionScript(for:)` writes a script for.
public enum CompletionShell: String, Sendable, CaseIterable {
  case bash, zsh, fish
}

extension CommandLineParser {
  /// A completion script for `shell`, generated from the command specs: every command and subcommand, every
  /// option in scope of each, and the declared `allowedValues` as completions of an option's or argument's value.
  public func completionScript(for shell: CompletionShell) -> String {
    let model = CompletionModel(self)
    switch shell {
    case .bash: return CompletionScript.bash(model)
    case .zsh: return CompletionScript.zsh(model)
    case .fish: return CompletionScript.fish(model)
    }
  }
}

/// The three scripts; each keys its tables by the command line so far (`adreg patient add`).
enum CompletionScript {
  /// `text` as one single-quoted fish word, where a backslash escapes a quote or a backslash.
  static func fishQuoted(_ text: String) -> String {
    "'" + text.replacing("\\", with: "\\\\").replacing("'", with: "\\'") + "'"
  }

  /// A single-quoted word for bash and zsh, where a backslash inside quotes is literal.
  static func shQuoted(_ text: String) -> String {
    "'" + text.replacing("'", with: "'\\''") + "'"
  }

  /// One line of help, without line breaks or tabs, for a description.
  static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: { $0 == "\n" || $0 == "\t" }).joined(separator: " ")
  }

  /// A `case` function in sh syntax that sets `REPLY` to the words of the matching key, or to nothing.
  static func shTable(_ name: String, _ rows: [(key: String, words: [String])]) -> String {
    var text = "\(name)() {\n  case \"$1\" in\n"
    for row in rows where !row.words.isEmpty {
      text += "    \(shQuoted(row.key))) REPLY=\(shQuoted(row.words.joined(separator: " "))) ;;\n"
    }
    text += "    *) REPLY='' ;;\n  esac\n}\n"
    return text
  }

  /// The tables and the walk over the words typed so far, shared by the bash and zsh scripts.
  static func shCommon(_ model: CompletionModel) -> String {
    let tool = model.toolName
    var text = ""
    text += shTable("__\(tool)_subcommands", model.nodes.map { ($0.key, $0.subcommands.map(\.name)) })
    text += shTable("__\(tool)_options", model.nodes.map { ($0.key, $0.options.flatMap(\.spellings)) })
    text += shTable(
      "__\(tool)_value_options", model.nodes.map { ($0.key, $0.options.filter(\.takesValue).flatMap(\.spellings)) })
    text += shTable(
      "__\(tool)_list_options", model.nodes.map { ($0.key, $0.options.filter(\.isList).flatMap(\.spellings)) })
    text += shTable(
      "__\(tool)_file_options", model.nodes.map { ($0.key, $0.options.filter(\.isFile).flatMap(\.spellings)) })
    var valueRows: [(key: String, words: [String])] = []
    var argumentRows: [(key: String, words: [String])] = []
    var fileArgumentRows: [(key: String, words: [String])] = []
    for node in model.nodes {
      for option in node.options where !option.values.isEmpty {
        for spelling in option.spellings { valueRows.append(("\(node.key)|\(spelling)", option.values)) }
      }
      for (index, argument) in node.arguments.enumerated() {
        argumentRows.append(("\(node.key)|\(index)", argument.allowedValues))
        if CompletionModel.isFile(argument) { fileArgumentRows.append(("\(node.key)|\(index)", ["file"])) }
      }
    }
    text += shTable("__\(tool)_values", valueRows)
    text += shTable("__\(tool)_argument_values", argumentRows)
    text += shTable("__\(tool)_argument_files", fileArgumentRows)
    text += """
      # Reads the words before the one being completed (without the tool name) and sets __\(tool)_path (the command
      # line so far), __\(tool)_positional (arguments given to that command) and __\(tool)_expecting (the option whose
      # value is being typed).
      __\(tool)_walk() {
        __\(tool)_path=\(tool)
        __\(tool)_positional=0
        __\(tool)_expecting=''
        local word
        while [ $# -gt 0 ]; do
          word=$1
          shift
          case $word in
            --) ;;
            -*=*) ;;
            -*)
              __\(tool)_value_options "$__\(tool)_path"
              case " $REPLY " in
                *" $word "*)
                  # bash splits --name=value into three words.
                  if [ $# -gt 0 ] && [ "$1" = = ]; then shift; fi
                  if [ $# -eq 0 ]; then __\(tool)_expecting=$word; else shift; fi
                  ;;
              esac
              ;;
            *)
              if [ "$__\(tool)_path" = \(tool) ] && [ "$word" = help ]; then continue; fi
              __\(tool)_subcommands "$__\(tool)_path"
              case " $REPLY " in
                *" $word "*)
                  __\(tool)_path="$__\(tool)_path $word"
                  __\(tool)_positional=0
                  ;;
                *) __\(tool)_positional=$((__\(tool)_positional + 1)) ;;
              esac
              ;;
          esac
        done
      }

      """
    return text
  }

  static func bash(_ model: CompletionModel) -> String {
    let tool = model.toolName
    return """
      # bash completion for \(tool); generated by '\(tool) completions bash' from the same declarations as help.
      # Install: \(tool) completions bash > ~/.local/share/bash-completion/completions/\(tool)

      """ + shCommon(model) + """
      # Completes the value of option $2 of command $1 from the word $3; a list completes the item after the last comma.
      __\(tool)_complete_value() {
        local prefix='' item=$3
        __\(tool)_list_options "$1"
        case " $REPLY " in
          *" $2 "*)
            case $3 in *,*) prefix="${3%,*},"; item="${3##*,}" ;; esac
            ;;
        esac
        __\(tool)_values "$1|$2"
        if [ -n "$REPLY" ]; then
          COMPREPLY=($(compgen -P "$prefix" -W "$REPLY" -- "$item"))
          return 0
        fi
        __\(tool)_file_options "$1"
        case " $REPLY " in
          *" $2 "*)
            compopt -o filenames 2>/dev/null || true
            COMPREPLY=($(compgen -f -- "$3"))
            ;;
        esac
      }

      _\(tool)() {
        local REPLY cur=${COMP_WORDS[COMP_CWORD]}
        local __\(tool)_path __\(tool)_positional __\(tool)_expecting
        COMPREPLY=()
        __\(tool)_walk "${COMP_WORDS[@]:1:COMP_CWORD-1}"
        if [ "$cur" = = ]; then return 0; fi
        if [ -n "$__\(tool)_expecting" ]; then
          __\(tool)_complete_value "$__\(tool)_path" "$__\(tool)_expecting" "$cur"
          return 0
        fi
        case $cur in
          -*)
            __\(tool)_options "$__\(tool)_path"
            COMPREPLY=($(compgen -W "$REPLY" -- "$cur"))
            return 0
            ;;
        esac
        __\(tool)_subcommands "$__\(tool)_path"
        if [ -n "$REPLY" ]; then
          COMPREPLY=($(compgen -W "$REPLY" -- "$cur"))
          return 0
        fi
        __\(tool)_argument_values "$__\(tool)_path|$__\(tool)_positional"
        if [ -n "$REPLY" ]; then
          COMPREPLY=($(compgen -W "$REPLY" -- "$cur"))
          return 0
        fi
        __\(tool)_argument_files "$__\(tool)_path|$__\(tool)_positional"
        if [ -n "$REPLY" ]; then
          compopt -o filenames 2>/dev/null || true
          COMPREPLY=($(compgen -f -- "$cur"))
        fi
        return 0
      }

      complete -F _\(tool) \(tool)

      """
  }
}
