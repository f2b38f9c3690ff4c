import ArgumentParser
import Diagnostics

extension SamlaCommand {
    /// "Did you mean …?" for a mistyped command name (`samla improt`, `samla round lst`), which
    /// ArgumentParser refuses as an unexpected argument or an unknown option without naming the
    /// command meant; nil when the words before the first option name commands.
    static func subcommandSuggestion(for arguments: [String]) -> String? {
        var command: any ParsableCommand.Type = SamlaCommand.self
        var path = ["samla"]
        for word in arguments {
            guard !word.hasPrefix("-") else { return nil }
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { return nil }
            if let next = subcommands.first(where: { $0._commandName == word }) {
                command = next
                path.append(word)
                continue
            }
            let names = subcommands.map { $0._commandName } + (path.count == 1 ? ["help"] : [])
            guard let near = Suggestions.closest(to: word, in: names) else { return nil }
            let parent = path.joined(separator: " ")
            return "'\(word)' is not a command of \(parent); did you mean '\(parent) \(near)'? (`\(parent) --help` lists them)"
        }
        return nil
    }

    /// The refusal of `samla help WORDS` for words that name no command, which ArgumentParser
    /// answers with the root's help and status 0; nil when they name one (or none is given).
    static func unknownHelpTopic(in arguments: [String]) -> String? {
        guard arguments.first == "help", arguments.count > 1 else { return nil }
        var command: any ParsableCommand.Type = SamlaCommand.self
        var path = ["samla"]
        for word in arguments.dropFirst() where !word.hasPrefix("-") {
            let subcommands = command.configuration.subcommands
            guard let next = subcommands.first(where: { $0._commandName == word }) else {
                let parent = path.joined(separator: " ")
                let near = Suggestions.closest(to: word, in: subcommands.map { $0._commandName })
                return "Error: '\(word)' is not a command of \(parent)" + (near.map { "; did you mean '\(parent) \($0)'?" } ?? "")
                    + " (`\(parent) --help` lists them)"
            }
            command = next
            path.append(word)
        }
        return nil
    }

    /// "Did you mean …?" for a mistyped option that ArgumentParser's `refusal` does not name:
    /// `samla import --rond r f.csv` is refused for the missing `--round`, not for `--rond`.
    /// Nil when every option given is the command's own, or near none of them.
    static func optionSuggestion(for arguments: [String], refusal: String) -> String? {
        let (command, path) = commandNamed(by: arguments)
        let known = optionNames(in: helpMessage(for: command, columns: 1_000))
        for argument in arguments.prefix(while: { $0 != "--" }) where argument.hasPrefix("--") {
            let option = String(argument.prefix(while: { $0 != "=" }))
            guard !known.contains(option), !["--help", "--version"].contains(option),
                  !refusal.contains("'\(option)'"),
                  let near = Suggestions.closest(to: option, in: known) else { continue }
            return "'\(option)' is not an option of \(path); did you mean '\(near)'? (`\(path) --help` lists them)"
        }
        return nil
    }

    /// The command the leading words name (its default subcommand, if it has one) and how it is
    /// called: `["round", "open", "--name", …]` names `samla round open`.
    private static func commandNamed(by arguments: [String]) -> (any ParsableCommand.Type, String) {
        var command: any ParsableCommand.Type = SamlaCommand.self
        var path = ["samla"]
        for word in arguments {
            guard let next = command.configuration.subcommands.first(where: { $0._commandName == word }) else { break }
            command = next
            path.append(word)
        }
        return (command.configuration.defaultSubcommand ?? command, path.joined(separator: " "))
    }

    /// The long option names a help message lists under OPTIONS, as `--name` (both of
    /// `--include-partial/--no-include-partial`, and `--out` of `-o, --out <dir>`).
    static func optionNames(in help: String) -> [String] {
        var names: [String] = []
        var inOptions = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") { inOptions = line.hasPrefix("OPTIONS:") }
            let entry = line.drop(while: { $0 == " " })
            guard inOptions, entry.hasPrefix("-") else { continue }
            let synopsis = entry.components(separatedBy: "  ")[0]
            for word in synopsis.split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "," }) where word.hasPrefix("--") {
                names.append(String(word.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" })))
            }
        }
        return names
    }
}
