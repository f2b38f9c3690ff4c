import ArgumentParser

/// `--delimiter` of the commands that write CSV (`generate`, `export`): the field separators
/// `samla import` reads, `,` or `;` (which Excel in a Swedish locale splits a double-clicked file at).
enum DelimiterArgument: String, ExpressibleByArgument {
    case comma = ","
    case semicolon = ";"

    var scalar: Unicode.Scalar {
        switch self {
        case .comma: ","
        case .semicolon: ";"
        }
    }

    static let help = ArgumentHelp("The field separator: \",\" or \";\" (for Excel in a Swedish locale).", valueName: "char")
}
