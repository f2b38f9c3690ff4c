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
}

/// `--delimiter` and `--decimal-comma` of the commands that write CSV for people as well as
/// programs (`generate`, `export`): the default is commas and decimal points; a Swedish Excel
/// needs semicolons and decimal commas, and `samla import` reads either.
struct SpreadsheetFormat: ParsableArguments {
    @Option(help: ArgumentHelp("The field separator: \",\" or \";\" (for Excel in a Swedish locale).", valueName: "char"))
    var delimiter: DelimiterArgument = .comma

    @Flag(name: .customLong("decimal-comma"), help: "Decimals as 3,5 instead of 3.5, for Excel in a Swedish locale. Needs --delimiter \";\".")
    var decimalComma = false

    /// Whether the default is kept: commas between fields, decimal points.
    var isDefault: Bool { delimiter == .comma && !decimalComma }

    func validate() throws {
        if decimalComma && delimiter != .semicolon {
            throw ValidationError("--decimal-comma needs --delimiter \";\": in a comma-separated file every decimal would have to be quoted, and Excel in a Swedish locale does not split such a file into columns")
        }
    }
}
