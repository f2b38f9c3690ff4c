import CSV
import Diagnostics
import Foundation

/// `responses.sps`: SPSS syntax that reads the wide data file into SPSS or GNU PSPP with every
/// variable's label, type and measurement level and every choice's value label, and saves it as
/// `responses.sav`, as REDCap's "SPSS (sps + csv)" export does.
///
/// Every declaration comes from the columns' descriptions, the codebook's own
/// (``ColumnDescription``), and from what the cells held (``ColumnMeasure``): string widths in
/// bytes, numbers' digits. The commands are those SPSS and PSPP 1.6 both run.
struct SPSSSyntax {
    static let file = "responses.sps"
    static let savFile = "responses.sav"
    /// SPSS's limits on labels, in bytes: longer ones are cut here, between characters, so that
    /// SPSS and PSPP hold the same text (PSPP would keep 255 bytes of a value label, SPSS 120).
    static let variableLabelBytes = 255
    static let valueLabelBytes = 120

    let layout: ExportLayout
    let facts: ExportFacts
    let variables: [SPSSVariable]
    let names: SPSSNames

    init(layout: ExportLayout, facts: ExportFacts, measures: [ColumnMeasure]) {
        self.layout = layout
        self.facts = facts
        let names = SPSSNames(columns: layout.columns.map(\.name))
        self.names = names
        variables = layout.columns.indices.map { index in
            SPSSVariable(ColumnDescription(layout.columns[index], layout: layout), name: names.names[index], measure: measures[index], layout: layout)
        }
    }

    /// W603 when a column is named otherwise here, at the syntax file in the output `folder`.
    func renameWarning(folder: String) -> Diagnostic? {
        let renamed = names.renamed
        guard !renamed.isEmpty else { return nil }
        let many = renamed.count > 1
        return Diagnostic(.exportSPSSRenamed, at: .file((folder as NSString).appendingPathComponent(Self.file)),
            "SPSS does not take the column name\(many ? "s" : "") \(renamed.map(\.column).joined(separator: ", ")); "
                + "the syntax file names \(many ? "them" : "it") \(renamed.map(\.spss).joined(separator: ", ")) (its comments and codebook.md say so)")
    }

    /// Whether the syntax reads ``SPSSDataCopy`` instead of the data file: a text cell holds a line break.
    var readsCopy: Bool { variables.contains { $0.hasLineBreak } }

    /// The file GET DATA reads.
    var readFile: String { readsCopy ? SPSSDataCopy.file : facts.dataFile }

    var text: String {
        var lines = header()
        let delimiter = String(layout.options.writtenDelimiter)
        lines += [
            "PRESERVE.",
            "SET DECIMAL=\(layout.options.writesDecimalComma ? "COMMA" : "DOT").",
            "GET DATA /TYPE=TXT",
            "  /FILE=\(Self.literal(readFile))",
            "  /ENCODING='UTF8'",
            "  /ARRANGEMENT=DELIMITED",
            "  /DELCASE=LINE",
            "  /FIRSTCASE=2",
            "  /DELIMITERS=\(Self.literal(delimiter))",
            "  /QUALIFIER='\"'",
            "  /VARIABLES=",
        ]
        for (index, variable) in variables.enumerated() {
            let entry = "\(variable.name) \(variable.inputFormat)\(index == variables.count - 1 ? "." : "")"
            if Self.readsAsComment(variable.name) { lines[lines.count - 1] += " " + entry } else { lines.append("    " + entry) }
        }
        for variable in variables where variable.hasLineBreak {
            lines.append("COMPUTE \(variable.name) = REPLACE(REPLACE(\(variable.name), X'1E', X'0A'), X'1F', X'0D').")
        }
        lines += neutralizationRepair()
        let formats = variables.compactMap { variable in variable.displayFormat.map { "\(variable.name) (\($0))" } }
        if !formats.isEmpty { lines += Self.command("FORMATS", formats) }
        lines += labels()
        let labelled = variables.filter { !$0.valueLabels.isEmpty }
        if !labelled.isEmpty {
            lines += Self.command("VALUE LABELS", labelled.map { variable in
                ([variable.name] + variable.valueLabels.map { value, label in
                    "\(variable.isString ? Self.literal(value) : value) \(Self.literal(Self.cut(Self.oneLine(label), bytes: Self.valueLabelBytes)))"
                }).joined(separator: "\n    ")
            })
        }
        let levels = [SPSSVariable.Level.nominal, .ordinal, .scale].compactMap { level -> String? in
            let named = variables.filter { $0.level == level }.map(\.name)
            return named.isEmpty ? nil : Self.wrapped(named) + " (\(level.rawValue))"
        }
        lines += Self.command("VARIABLE LEVEL", levels)
        lines += ["EXECUTE.", "SAVE OUTFILE=\(Self.literal(Self.savFile)).", "RESTORE.", ""]
        return lines.joined(separator: "\n")
    }

    /// Comments: what the file is and how to run it, and what it changed.
    private func header() -> [String] {
        var notes = [
            "Encoding: UTF-8.",
            "SPSS syntax for \(facts.dataFile): round \(facts.round) of survey \(facts.surveyID) version \(facts.definitionVersion).",
            "\(facts.responses) responses, exported by Samla \(facts.samlaVersion) at \(facts.exportedAt).",
            "It reads the data with each variable's label, type and measurement level and each choice's label.",
            "The labels are those of codebook.csv in \(layout.language); it saves \(Self.savFile).",
            "SPSS and PSPP open files in their working directory, not in the folder of this file.",
            "In GNU PSPP run pspp \(Self.file) in this folder.",
            "In SPSS first run CD with this folder (for example CD 'C:\\Users\\me\\export'), then this file.",
            "SPSS runs in Unicode mode (its default since SPSS 21): string widths are bytes of UTF-8 (å takes 2).",
            "A cell with an apostrophe for spreadsheet safety ('=x, '@home) gets its value back without it.",
        ]
        if readsCopy {
            notes.append("Some texts hold line breaks, which GET DATA cannot read inside a field.")
            notes.append("So this file reads \(SPSSDataCopy.file), which is \(facts.dataFile) with each line break in a cell marked.")
            notes.append("A line feed is written as X'1E' and a carriage return as X'1F'; the syntax puts them back.")
        }
        if layout.options.writesDecimalComma {
            notes.append("Decimals are written with a comma (--decimal-comma): SET DECIMAL=COMMA reads them, RESTORE resets it.")
        }
        if !names.renamed.isEmpty {
            notes.append("Columns renamed, as SPSS does not take their names.")
            notes.append("SPSS takes letters, digits and _ . @ # $ from a letter on, at most 64 bytes, and no reserved word.")
            notes.append("The reserved words are ALL AND BY EQ GE GT LE LT NE NOT OR TO WITH.")
            for rename in names.renamed { notes.append("  \(rename.column) is \(rename.spss).") }
        }
        let cut = variables.filter { Self.oneLine($0.label).utf8.count > Self.variableLabelBytes }.map(\.name)
            + variables.filter { $0.valueLabels.contains { Self.oneLine($0.label).utf8.count > Self.valueLabelBytes } }.map(\.name)
        if !cut.isEmpty {
            notes.append("Labels longer than SPSS holds (variable labels \(Self.variableLabelBytes) bytes, value labels \(Self.valueLabelBytes)) are cut.")
            notes.append("codebook.csv has them in full. Cut here: \(Self.unique(cut).joined(separator: " ")).")
        }
        notes.append("Line breaks in labels are spaces here.")
        return notes.map { "* \($0.hasSuffix(".") ? $0 : $0 + ".")" } + [""]
    }

    /// Removes the apostrophe that spreadsheet safety put before a value (``FormulaNeutralization``):
    /// the first of the apostrophes a cell begins with when `=`, `+`, `-`, `@`, a tab or a carriage
    /// return follows them, unless what follows is a negative number (`-3`), which gets none.
    private func neutralizationRepair() -> [String] {
        let repaired = variables.filter { $0.mayBeNeutralized && $0.isString }
        guard !repaired.isEmpty else { return [] }
        let widest = repaired.map { variable -> Int in
            if case .string(let width) = variable.kind { return width }
            return 1
        }.max() ?? 1
        var lines = ["STRING #rest #other (A\(widest))."]
        for variable in repaired {
            let v = variable.name
            lines += [
                "COMPUTE #rest = RTRIM(LTRIM(\(v), \"'\")).",
                "COMPUTE #other = SUBSTR(#rest, 2).",
                "DO REPEAT #digit = '0' '1' '2' '3' '4' '5' '6' '7' '8' '9'.",
                "COMPUTE #other = REPLACE(#other, #digit, '').",
                "END REPEAT.",
                "IF (SUBSTR(\(v), 1, 1) = \"'\" AND INDEX(CONCAT('=+-@', X'09', X'0D'), SUBSTR(#rest, 1, 1)) > 0",
                "    AND NOT (SUBSTR(#rest, 1, 1) = '-' AND INDEX('0123456789', SUBSTR(#rest, 2, 1)) > 0",
                "    AND INDEX('0123456789', SUBSTR(#rest, LENGTH(RTRIM(#rest)), 1)) > 0 AND ANY(#other, '', '.', ',')))",
            ]
            let assignment = "\(v) = SUBSTR(\(v), 2)."
            if Self.readsAsComment(v) { lines[lines.count - 1] += " " + assignment } else { lines.append("    " + assignment) }
        }
        return lines
    }

    private func labels() -> [String] {
        Self.command("VARIABLE LABELS", variables.map { "\($0.name) \(Self.literal(Self.cut(Self.oneLine($0.label), bytes: Self.variableLabelBytes)))" })
    }

    /// A command with one specification per line, `/` between them.
    private static func command(_ name: String, _ specifications: [String]) -> [String] {
        guard !specifications.isEmpty else { return [] }
        return specifications.enumerated().map { index, specification in
            (index == 0 ? "\(name) " : "  /") + specification + (index == specifications.count - 1 ? "." : "")
        }
    }

    /// Names, several to a line.
    private static func wrapped(_ names: [String]) -> String {
        var lines: [String] = []
        var line = ""
        for name in names {
            if !line.isEmpty && line.utf8.count + name.utf8.count > 70 && !readsAsComment(name) {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? name : " \(name)"
        }
        lines.append(line)
        return lines.joined(separator: "\n    ")
    }

    /// Whether PSPP reads a line that begins with `name` as a comment: its segmenter takes a line's
    /// first word `COMM`…`COMMENT` or `DOC`…`DOCUMENT`, even inside a command, for the command of
    /// that name, and the rest of the command as its text. Such a name is never put first on a line.
    static func readsAsComment(_ name: String) -> Bool {
        let word = name.uppercased()
        return (word.count >= 4 && "COMMENT".hasPrefix(word)) || (word.count >= 3 && "DOCUMENT".hasPrefix(word))
    }

    /// A quoted string of syntax: in apostrophes, each doubled, in pieces of at most 60 bytes joined
    /// by `+` across lines, since SPSS reads syntax lines of at most 256 bytes.
    static func literal(_ text: String) -> String {
        var pieces: [String] = []
        var piece = ""
        for character in text {
            if piece.utf8.count + String(character).utf8.count > 60 {
                pieces.append(piece)
                piece = ""
            }
            piece.append(character)
        }
        pieces.append(piece)
        return pieces.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: " +\n    ")
    }

    /// A label on one line: every line break (CR LF, CR, LF) and tab a space.
    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.replacingOccurrences(of: "\r\n", with: " ").unicodeScalars.map {
            $0 == "\r" || $0 == "\n" || $0 == "\t" ? " " : $0
        }))
    }

    /// `text` cut to at most `bytes` UTF-8 bytes, between characters.
    static func cut(_ text: String, bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        var result = ""
        for character in text {
            guard result.utf8.count + String(character).utf8.count <= bytes else { break }
            result.append(character)
        }
        return result
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
