import Aggregation
import CSV

/// The framework's results and cleaning log, written beside the data as `results.csv` (the rows of
/// `samla compute --format csv` for the exported round) and `cleaning-log.csv` (which response
/// each rule removed), each with its Table Schema.
enum IndicatorTables {
    static let resultsFile = "results.csv"
    static let cleaningFile = "cleaning-log.csv"

    /// The result rows of `round`, as `samla compute` prints them; in a partner export, each
    /// breakdown and group code as the export's data and codebook write them (`export_as`), so that
    /// a partner can match a group to its rows.
    static func rows(_ results: ResultSet, round: String, layout: ExportLayout) -> [DisplayRow] {
        let rows = results.displayRows().filter { $0.round == round }
        guard let profile = layout.options.profile else { return rows }
        return rows.map { row in
            guard let variable = layout.survey.variables.first(where: { $0.name == row.breakdown }) else { return row }
            var named = row
            named.breakdown = ExportLayout.baseName(of: variable, profile: profile)
            if let choice = layout.choices(of: variable).first(where: { $0.value == row.groupCode }) {
                named.groupCode = ExportLayout.code(of: choice, profile: profile)
            }
            return named
        }
    }

    /// The columns that hold numbers (`number` in the schema).
    private static let numberColumns: Set<String> = [
        "estimate", "se", "ci_low", "ci_high", "deff", "n_effective", "target", "change", "change_low", "change_high",
    ]

    /// `decimalComma`: numbers with a decimal comma (`0,452`), as the data file writes them.
    static func writeResults(_ rows: [DisplayRow], decimalComma: Bool = false, to writer: CSVWriter) throws {
        try writer.writeRecord(DisplayRow.columns)
        let textColumns: Set<String> = ["group", "group_code", "note", "status", "breakdown"]
        for row in rows {
            for (name, field) in zip(DisplayRow.columns, row.fields) {
                if textColumns.contains(name) {
                    try writer.write(text: field)
                } else if decimalComma && numberColumns.contains(name) {
                    try writer.write(DecimalText.withDecimalComma(field))
                } else {
                    try writer.write(field)
                }
            }
            try writer.endRecord()
        }
    }

    /// The Table Schema of `results.csv`, its descriptions in `language` (Swedish for `sv`, else English).
    /// `suppressedData`: the data file beside it had quasi-identifiers blanked (a partner package).
    static func resultsSchema(language: String, decimalComma: Bool = false, suppressedData: Bool = false) -> JSONValue {
        let fields: [JSONValue] = DisplayRow.columns.map { name in
            var members: [(String, JSONValue)] = [("name", .string(name)), ("type", numberColumns.contains(name) ? "number" : "string")]
            if decimalComma && numberColumns.contains(name) { members.append(("decimalChar", ",")) }
            if var description = resultDescription(name, swedish: language == "sv") {
                if name == "group_code" && suppressedData {
                    description += language == "sv"
                        ? " Grupperna räknades före röjandeskyddet, som blankade kvasi-identifierare i datafilen: där kan färre rader ha gruppens kod än dess n, och fler vara tomma."
                        : " The groups were counted before disclosure control blanked quasi-identifiers in the data file: fewer rows there may have a group's code than its n, and more be empty."
                }
                members.append(("description", .string(description)))
            }
            switch name {
            case "indicator", "round", "group": members.append(("constraints", .object([("required", true)])))
            case "suppressed": members.append(("constraints", .object([("enum", ["primary", "secondary", "dominance"])])))
            case "interval_note", "change_note":
                members.append(("constraints", .object([("enum", .array(NoIntervalReason.all.map { .string($0.code) }))])))
            default: break
            }
            return .object(members)
        }
        return .object([("fields", .array(fields)), ("missingValues", [""])])
    }

    /// What a column of `results.csv` holds, where its name alone does not say it.
    private static func resultDescription(_ name: String, swedish: Bool) -> String? {
        switch name {
        case "deff":
            swedish
                ? "Designeffekten (som R:s deff): skattningens varians enligt urvalsdesignen delad med variansen för samma skattning ur ett obundet slumpmässigt urval av lika många svar. Tom för oviktade skattningar och medianer och där den är odefinierad (som för antalet svar i en grupp)."
                : "The design effect (as R's deff): the estimate's variance under the sampling design over the variance of the same estimate from a simple random sample of as many responses. Empty for unweighted estimates and medians and where it is undefined (as for the number of responses in a group)."
        case "n_effective":
            swedish
                ? "Kishs effektiva urvalsstorlek för cellens vikter, (Σw)² / Σw²: så många lika viktade svar som de viktade svaren motsvarar. Tom för oviktade skattningar."
                : "Kish's effective sample size of the cell's weights, (Σw)² / Σw²: as many equally weighted responses as the weighted ones are worth. Empty for unweighted estimates."
        case "group_code":
            swedish
                ? "Gruppens kod som datafilen och kodboken skriver den (ett svarsalternativs kod, i en partnerexport dess export_as, och där heter breakdown som variabelns kolumn; true eller false för ja/nej; web, import eller api för samla.source); tom för totalen och för gruppen Uppgift saknas (svaren utan värde, en tom cell i datafilen). Koden består när etiketten i group formuleras om."
                : "The group's code as the data file and the codebook write it (a choice's code, in a partner export its export_as, where breakdown is named as the variable's column too; true or false for a yes/no question; web, import or api for samla.source); empty for the total and for the group Not answered (the responses without a value, an empty cell in the data file). The code stays when the label in group is reworded."
        case "breakdown":
            swedish
                ? "Variabeln som gruppen hör till, som datafilen namnger kolumnen; tom för totalen. En fördelning efter en variabel som exporten utelämnar (i en partnerexport en fråga utan export_as) har ingen kolumn att para ihop grupperna med."
                : "The variable the group belongs to, named as the data file names its column; empty for the total. A breakdown by a variable the export leaves out (in a partner export, a question without export_as) has no column to match its groups to."
        case "n":
            swedish
                ? "Antalet svar i cellen (ovägt). Text, inte ett tal: för en cell som undertryckts för att den har för få svar (suppressed = primary) står < och tröskeln (som < 10), för en cell som undertryckts för att den annars kunde räknas fram (secondary) eller för att ett svar dominerar den (dominance) ingenting."
                : "The number of responses in the cell (unweighted). Text, not a number: a cell withheld for having too few responses (suppressed = primary) shows < and the threshold (such as < 10), one withheld so that it cannot be worked out from the others (secondary) or because one response dominates it (dominance) nothing."
        case "estimate":
            swedish
                ? "Skattningen på indikatorns skala (unit: percent är procent, 0–100). Tom i en undertryckt cell: tom betyder undanhållen, inte noll eller nej."
                : "The estimate on the indicator's scale (unit percent is a percentage, 0–100). Empty in a suppressed cell: empty means withheld, not zero or no."
        case "ci_low", "ci_high":
            swedish
                ? "Skattningens 95-procentiga konfidensintervall, på dess skala (Wilsons för en ovägd andel, Taylorlinjärisering för en vägd skattning); tomt där interval_note säger varför och i en undertryckt cell."
                : "The estimate's 95% confidence interval, on its scale (Wilson's for an unweighted share, Taylor linearisation for a weighted estimate); empty where interval_note says why, and in a suppressed cell."
        case "suppressed":
            swedish
                ? "primary: cellen har färre svar än tröskeln; secondary: undanhållen för att en annan cell i samma fördelning är det och den annars kunde räknas fram ur totalen; dominance: ett eller två svar står för nästan hela summan som siffran bygger på (p %-regeln); tom: publicerad. En undertryckt cell har ingen skattning, inget intervall och ingen förändring."
                : "primary: the cell has fewer responses than the threshold; secondary: withheld because another cell of the same breakdown is, which could otherwise be worked out from the total; dominance: one or two responses make up nearly all of the sum the figure is built from (the p % rule); empty: published. A suppressed cell has no estimate, interval or change."
        case "status":
            swedish
                ? "Totalens läge mot målet: uppnått, i fas, inte i fas (före målets omgång) eller inte uppnått (i målets omgång); tom för grupper och där det saknas mål."
                : "The total's standing against its target: met, on track, off track (before the target's round) or not met (in the target's round); empty for groups and where there is no target."
        case "interval_note":
            swedish
                ? "Varför en publicerad skattning saknar intervall (en stabil kod); tom när den har ett eller saknar skattning."
                : "Why a published estimate has no interval (a stable code); empty when it has one or has no estimate."
        case "change_note":
            swedish
                ? "Varför en publicerad förändring saknar intervall (en stabil kod); tom när den har ett eller när det inte finns någon förändring."
                : "Why a published change has no interval (a stable code); empty when it has one or there is no change."
        default:
            nil
        }
    }

    /// One row per removed response: round, rule, the rule as written, and the response's id
    /// (its pseudonym in a partner export).
    static func writeCleaningLog(_ summary: CleaningSummary, round: String, pseudonymizer: Pseudonymizer?, to writer: CSVWriter) throws {
        try writer.writeRecord(["round", "rule", "description", pseudonymizer == nil ? "response_id" : "respondent_id"])
        for rule in summary.rules {
            for id in rule.responses {
                try writer.write(round)
                try writer.write(rule.name)
                try writer.write(text: rule.description)
                if let pseudonymizer { try writer.write(pseudonymizer.pseudonym(for: id)) } else { try writer.write(Int(id)) }
                try writer.endRecord()
            }
        }
    }

    static func cleaningSchema(pseudonymous: Bool) -> JSONValue {
        .object([
            ("fields", [
                .object([("name", "round"), ("type", "string"), ("constraints", .object([("required", true)]))]),
                .object([("name", "rule"), ("type", "string"), ("constraints", .object([("required", true)]))]),
                .object([("name", "description"), ("type", "string")]),
                .object([("name", pseudonymous ? "respondent_id" : "response_id"), ("type", pseudonymous ? "string" : "integer"),
                         ("constraints", .object(pseudonymous ? [("required", true), ("pattern", .string(Pseudonymizer.pattern))] : [("required", true)]))]),
            ]),
            ("missingValues", [""]),
        ])
    }
}

extension CleaningSummary {
    /// The summary of a round's cleaning log as the aggregation engine ran it, its rules described in `language`.
    public init(log: CleaningLog, source: String, language: String) {
        self.init(
            source: source,
            rules: log.entries.map { Rule(name: $0.rule.rawValue, description: $0.description(language), responses: $0.removed, untimed: $0.untimed) },
            removed: Set(log.entries.flatMap(\.removed)),
            read: log.read)
    }
}
