import CSV
import Diagnostics
import Foundation

/// What the disclosure control of a partner export did, in aggregate only (never which rows):
/// `disclosure.csv` (one row per quasi-identifier column: k, its rank, values suppressed), the
/// data package's `samla.disclosure`, and the warnings of the command line.
struct DisclosureReport {
    static let file = "disclosure.csv"
    static let resourceName = "disclosure"
    static let columns = ["column", "variable", "k", "suppression_rank", "suppressed", "rows"]
    /// The rule, for the package and the resource's description.
    static let rule = "global recoding, then local suppression: a number whose question has export_bands is written as its band (`<a`, `a-<b`, `>=a`) in every row, "
        + "and combinations are of bands; local suppression to k-anonymity: every row shares its combination of quasi-identifier values "
        + "(an empty value counting as a value of its own) with at least k - 1 other rows, or has every quasi-identifier blank; "
        + "values are blanked, rows never dropped, other columns unchanged; results.csv is computed from the data before suppression"

    let control: DisclosureControl
    let layout: ExportLayout

    /// The data file's columns that hold a quasi-identifier, with the index of their variable.
    private var keyColumns: [(column: ExportColumn, variable: Int)] {
        layout.columns.compactMap { column in
            guard let index = column.variableIndex, let key = control.variables.firstIndex(of: index) else { return nil }
            return (column, key)
        }
    }

    func writeCSV(to writer: CSVWriter) throws {
        try writer.writeRecord(Self.columns)
        let rank = control.suppression.rank
        for (column, key) in keyColumns {
            try writer.write(column.name)
            try writer.write(layout.variables[control.variables[key]].name)
            try writer.write(control.k)
            try writer.write(rank.firstIndex(of: key)! + 1)
            try writer.write(control.suppression.suppressedPerVariable[key])
            try writer.write(control.rows)
            try writer.endRecord()
        }
    }

    func resource() -> JSONValue {
        let integer: (String, Int) -> JSONValue = { name, minimum in
            .object([("name", .string(name)), ("type", "integer")] + (fieldDescription(name).map { [("description", .string($0))] } ?? [])
                + [("constraints", .object([("required", true), ("minimum", .integer(Int64(minimum)))]))])
        }
        let schema: JSONValue = .object([
            ("fields", [
                .object([("name", "column"), ("type", "string"), ("constraints", .object([("required", true), ("unique", true)]))]),
                .object([("name", "variable"), ("type", "string"), ("constraints", .object([("required", true)]))]),
                integer("k", 1), integer("suppression_rank", 1), integer("suppressed", 0), integer("rows", 0),
            ]),
            ("missingValues", [""]),
            ("primaryKey", ["column"]),
            ("foreignKeys", .array([.object([
                ("fields", ["column"]),
                ("reference", .object([("resource", .string(DataPackage.codebookName)), ("fields", ["column"])])),
            ])])),
        ])
        let title = layout.language == "sv"
            ? "Röjandeskydd: värden som blankats per kvasi-identifierare (k = \(control.k))"
            : "Disclosure control: values suppressed per quasi-identifier (k = \(control.k))"
        guard case .object(var members) = DataPackage.csvResource(
            name: Self.resourceName, path: Self.file, title: title, delimiter: layout.options.writtenDelimiter, schema: schema) else { return .null }
        members.insert(("description", .string(Self.rule)), at: 3)
        return .object(members)
    }

    /// What a count of `disclosure.csv` is, in the export's language.
    private func fieldDescription(_ name: String) -> String? {
        let sv = layout.language == "sv"
        switch name {
        case "suppression_rank":
            return sv ? "Kolumnens plats i ordningen som värden blankas i (1 först, när ett värde räcker)"
                      : "The column's place in the order values are blanked in (1 first, where one value is enough)"
        case "suppressed":
            return sv ? "Så många värden i kolumnen som den lokala undertryckningen blankade: tomma celler i datafilen som inte är uteblivna svar"
                      : "How many values of the column local suppression blanked: empty cells in the data file that are not missing answers"
        case "rows":
            return sv ? "Datafilens rader" : "The data file's rows"
        default:
            return nil
        }
    }

    /// `samla.disclosure` of the data package and `disclosure` of the provenance file.
    func summary() -> JSONValue {
        let suppression = control.suppression
        return .object([
            ("method", "local suppression"),
            ("k", .integer(Int64(control.k))),
            ("rule", .string(Self.rule)),
            ("quasiIdentifiers", .array(keyColumns.map { .string($0.column.name) })),
            ("recodedInBands", .array(keyColumns.compactMap { column, key in
                layout.bands(of: layout.variables[control.variables[key]]).map { bands in
                    .object([("column", .string(column.name)), ("limits", .array(bands.limits.map { JSONValue.number($0) }))])
                }
            })),
            ("suppressedLast", .array(control.suppressedLast.map { .string($0) })),
            ("rows", .integer(Int64(control.rows))),
            ("rowsWithSuppression", .integer(Int64(suppression.rowsSuppressed))),
            ("valuesSuppressed", .integer(Int64(suppression.valuesSuppressed))),
            ("rowsBelowKWithEveryQuasiIdentifierBlank", .integer(Int64(suppression.rowsBelowKAllBlank))),
        ])
    }

    /// W601 when values were blanked, W602 when the definition marks no quasi-identifier.
    func warnings(folder: String) -> [Diagnostic] {
        let suppression = control.suppression
        if control.variables.isEmpty {
            guard control.k > 1 else { return [] }
            return [Diagnostic(.exportNoQuasiIdentifiers, at: .field("--profile"),
                "the round's definition marks no question quasi_identifier, so legal form, founding year, sector, size and the like "
                    + "go to the partner exactly as answered and a rare combination can single out an organisation; "
                    + "mark them `quasi_identifier: true` (docs/survey-format.md) and open a round with that definition")]
        }
        guard suppression.valuesSuppressed > 0 else { return [] }
        let perVariable = control.variables.indices
            .filter { suppression.suppressedPerVariable[$0] > 0 }
            .sorted { (-suppression.suppressedPerVariable[$0], $0) < (-suppression.suppressedPerVariable[$1], $1) }
            .map { "\(ExportLayout.baseName(of: layout.variables[control.variables[$0]], profile: layout.options.profile)) \(suppression.suppressedPerVariable[$0])" }
        let allBlank = suppression.rowsBelowKAllBlank == 0 ? ""
            : "; \(suppression.rowsBelowKAllBlank) row\(suppression.rowsBelowKAllBlank == 1 ? "" : "s") with every quasi-identifier blank still share that with fewer than \(control.k) rows"
        return [Diagnostic(.exportValuesSuppressed, at: .file((folder as NSString).appendingPathComponent(Self.file)),
            "to make every combination of quasi-identifiers shared by at least \(control.k) rows (k-anonymity), "
                + "\(suppression.valuesSuppressed) value\(suppression.valuesSuppressed == 1 ? " was" : "s were") blanked in "
                + "\(suppression.rowsSuppressed) of \(control.rows) rows: \(perVariable.joined(separator: ", "))\(allBlank); "
                + "the package's disclosure.csv records the counts per column, never which rows")]
    }
}
