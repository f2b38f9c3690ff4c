import Aggregation
import CSV
import SurveyDefinition

extension Codebook {
    /// What the codebook says when the responses were answered under definitions other than the
    /// one it describes: each version with its count, and whose texts and rules the columns show.
    func versionsLine(facts: ExportFacts, sv: Bool) -> String? {
        let uses = facts.answeredUnder
        guard uses.contains(where: { $0.hash != facts.definitionHash }) else { return nil }
        let list = uses.map { "\($0.version) (`\($0.hash.prefix(12))`): \(counted($0.responses, sv ? "svar" : "responses"))" }.joined(separator: "; ")
        let version = layout.survey.version
        let column = layout.columns.first { $0.content == .definitionVersion }?.name
        return sv
            ? "- Besvarad med \(uses.count == 1 ? "en annan version" : "\(uses.count) versioner") av definitionen: \(list). Kolumnerna, texterna och reglerna nedan är version \(version):s; "
                + "varje svar gavs med sin versions texter, regler och val (en fråga eller ett val som en senare version lade till är obesvarat i de tidigare svaren)."
                + (column.map { " Kolumnen `\($0)` anger vilken version varje svar gavs med." } ?? "")
            : "- Answered under \(uses.count == 1 ? "another version" : "\(uses.count) versions") of the definition: \(list). The columns, texts and rules below are version \(version)'s; "
                + "each response was given with its own version's texts, rules and choices (a question or choice a later version added is unanswered in the earlier responses)."
                + (column.map { " The column `\($0)` gives the version each response was answered under." } ?? "")
    }

    /// The codebook for people: how to read the file, a table of columns, then each choice list.
    func markdown(facts: ExportFacts) -> String {
        let survey = layout.survey
        let language = layout.language
        let sv = language == "sv"
        let languages = survey.languages
        var lines: [String] = []
        lines.append("# \(sv ? "Kodbok" : "Codebook"): \(survey.title.resolved(language, fallbacks: languages))")
        lines.append("")
        lines.append("- \(sv ? "Enkät" : "Survey"): `\(survey.id)` \(sv ? "version" : "version") \(survey.version) (\(sv ? "definitionens SHA-256" : "definition SHA-256") `\(facts.definitionHash)`)")
        if let versions = versionsLine(facts: facts, sv: sv) { lines.append(versions) }
        lines.append("- \(sv ? "Omgång" : "Round"): `\(facts.round)`")
        lines.append("- \(sv ? "Datafil" : "Data file"): `\(facts.dataFile)`, \(counted(facts.rows, sv ? "rader" : "rows"))")
        lines.append("- \(sv ? "Exporterad" : "Exported"): \(facts.exportedAt) \(sv ? "med" : "by") Samla \(facts.samlaVersion)")
        lines.append("")
        lines.append(comparisonParagraph())
        lines.append("")
        lines.append("## \(sv ? "Så läses filen" : "Reading the file")")
        lines.append("")
        for note in readingNotes(facts: facts) { lines.append("- \(note)") }
        lines.append("")
        lines.append("## \(sv ? "Kolumner" : "Columns")")
        lines.append("")
        let header = [sv ? "kolumn" : "column", "typ".localized(sv, "type")] + languages.map { sv ? "text (\($0))" : "text (\($0))" }
            + [sv ? "val" : "choices", sv ? "visas när" : "asked when", sv ? "krav" : "rules"]
        lines.append("| " + header.joined(separator: " | ") + " |")
        lines.append("|" + String(repeating: " --- |", count: header.count))
        for entry in entries {
            var rules: [String] = []
            if entry.isRequired { rules.append(sv ? "obligatorisk" : "required") }
            if let constraint = entry.constraint { rules.append("`\(constraint)`") }
            if let filter = entry.choiceFilter {
                rules.append(sv ? "erbjudna val: de där `\(filter)` gäller" : "choices offered: those for which `\(filter)` holds")
            }
            if let unit = entry.question?.unit { rules.append("\(sv ? "enhet" : "unit"): \(unit)") }
            if let bands = entry.bands { rules.append(bands.summary(language: language)) }
            if let calculation = entry.question?.calculation?.text { rules.append("= `\(calculation)`") }
            if let export = entry.column.exportName, export != entry.column.name { rules.append("export_as `\(export)`") }
            // A partner's column is named by export_as; "asked when" and the rules by the variable.
            if layout.options.profile != nil, let variable = entry.column.variable, variable.name != entry.column.name {
                rules.insert("\(sv ? "variabel" : "variable") `\(variable.name)`", at: 0)
            }
            if entry.isPII { rules.append(sv ? "**personuppgift**" : "**personal data**") }
            if let mark = changeMark(entry) { rules.append(mark) }
            var choices = ""
            if case .option(_, let choice) = entry.column.content {
                choices = "1 = `\(layout.code(of: choice))` \(sv ? "vald" : "chosen"), 0 = \(sv ? "ej vald" : "not chosen")"
            } else if let list = listTitle(entry) {
                choices = "[\(list)](#\(anchor(list)))"
            } else if entry.bands != nil {
                choices = "[\(entry.column.name)](#\(anchor(entry.column.name)))"
            }
            let cells = ["`\(entry.column.name)`", entry.typeLabel(language)] + languages.map { entry.label($0) }
                + [choices, entry.relevance.map { "`\($0)`" } ?? "", rules.joined(separator: "; ")]
            lines.append("| " + cells.map(Self.cell).joined(separator: " | ") + " |")
        }
        lines += changeSection()
        let lists = usedChoiceLists()
        if !lists.isEmpty {
            lines.append("")
            lines.append("## \(sv ? "Svarsalternativ" : "Choice lists")")
            for (name, choices) in lists {
                lines.append("")
                lines.append("### \(name)")
                lines.append("")
                // The attributes a choice_filter tests (`region`), as columns after the labels.
                let attributes = Set(choices.flatMap(\.attributes.keys)).sorted()
                // A partner's codes beside the definition's, which provenance.json's expressions and weighting use.
                let renamed = choices.contains { layout.code(of: $0) != $0.value }
                let definitionHeader = renamed ? [sv ? "kod i definitionen" : "code in the definition"] : []
                lines.append("| \(sv ? "kod" : "code") | " + (definitionHeader + languages + attributes).joined(separator: " | ") + " |")
                lines.append("|" + String(repeating: " --- |", count: definitionHeader.count + languages.count + attributes.count + 1))
                for choice in choices {
                    let definition = renamed ? [Self.codeCell(choice.value)] : []
                    let cells = languages.map { choice.label.resolved($0, fallbacks: languages) } + attributes.map { choice.attributes[$0] ?? "" }
                    lines.append("| \(Self.codeCell(layout.code(of: choice))) | " + (definition + cells.map(Self.cell)).joined(separator: " | ") + " |")
                }
            }
        }
        let banded = entries.filter { $0.bands != nil }
        if !banded.isEmpty {
            lines.append("")
            lines.append("## \(sv ? "Klasser" : "Bands")")
            for entry in banded {
                let bands = entry.bands!
                lines.append("")
                lines.append("### \(entry.column.name)")
                lines.append("")
                lines.append("| \(sv ? "kod" : "code") | \(sv ? "från och med" : "from") | \(sv ? "till (ej med)" : "up to (not including)") | " + languages.joined(separator: " | ") + " |")
                lines.append("|" + String(repeating: " --- |", count: languages.count + 3))
                for band in bands.codes.indices {
                    let from = band == 0 ? "" : DecimalText.cell(bands.limits[band - 1])
                    let to = band == bands.limits.count ? "" : DecimalText.cell(bands.limits[band])
                    let cells = [from, to] + languages.map { bands.label(band, language: $0) }
                    lines.append("| \(Self.codeCell(bands.codes[band])) | " + cells.map(Self.cell).joined(separator: " | ") + " |")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// How to read the data file, in the codebook's language.
    func readingNotes(facts: ExportFacts) -> [String] {
        let sv = layout.language == "sv"
        let options = layout.options
        var notes: [String] = []
        notes.append(sv
            ? "UTF-8 med byte order mark (så att Excel visar å, ä och ö rätt), komma som avgränsare, CRLF som radslut, citattecken enligt RFC 4180."
            : "UTF-8 with a byte order mark (so that Excel shows å, ä and ö correctly), comma-separated, CRLF line ends, quoting as RFC 4180.")
        notes.append(sv ? "En tom cell betyder inget svar: frågan visades inte eller lämnades tom." : "An empty cell means no answer: the question was not shown, or was left empty.")
        switch options.shape {
        case .wide:
            notes.append(sv ? "En rad per svar, en kolumn per variabel, i definitionens ordning." : "One row per response, one column per variable, in the order of the definition.")
        case .long:
            notes.append(sv
                ? "Lång form: en rad per icke-tom cell i den breda tabellen (svar, kolumn, värde); kolumnerna nedan är värdena i `variable`."
                : "Long form: one row per non-empty cell of the wide table (response, column, value); the columns below are the values of `variable`.")
        }
        notes.append(options.values == .codes
            ? (sv ? "Val skrivs som koder, ja/nej som 1/0." : "Choices are written as codes, yes/no as 1/0.")
            : (sv ? "Val skrivs som etiketter på \(layout.language), ja/nej som \(BooleanText.labels(language: layout.language).yes)/\(BooleanText.labels(language: layout.language).no)."
                  : "Choices are written as labels in \(layout.language), yes/no as \(BooleanText.labels(language: layout.language).yes)/\(BooleanText.labels(language: layout.language).no)."))
        notes.append(sv
            ? "Flerval: en kolumn per alternativ (`fråga_kod`), 1 = valt, 0 = inte valt, tom = frågan besvarades inte."
            : "Multiple choice: one column per option (`question_code`), 1 = chosen, 0 = not chosen, empty = not answered.")
        notes.append(SpreadsheetRule.text(layout.language))
        if let guarded = usedChoiceLists().lazy.flatMap(\.1).map(layout.code).first(where: { FormulaNeutralization.isNeeded(for: $0) }) {
            let written = FormulaNeutralization.neutralized(guarded)
            notes.append(sv
                ? "Koder som `\(guarded)` står här som i definitionen; i CSV-filerna (data och codebook.csv) har de apostrofen först, `\(written)`, som listorna nedan visar."
                : "Codes such as `\(guarded)` are shown here as defined; in the CSV files (data and codebook.csv) they have the apostrophe in front, `\(written)`, as the lists below show.")
        }
        if options.selection == .complete {
            notes.append(sv ? "Endast inskickade (kompletta) svar." : "Submitted (complete) responses only.")
        } else if let rule = options.cleaning?.rules.first(where: { $0.name == "completeness" }) {
            notes.append(sv
                ? "Även påbörjade svar som inte skickades in, där rensningens regel om fullständighet behöll dem (\(rule.description)): de räknas i resultaten som de inskickade; kolumnen `status` skiljer dem åt (complete, partial)."
                : "Partial responses (started, not submitted) too, where the cleaning's completeness rule kept them (\(rule.description)): the results count them as the submitted ones; the `status` column tells them apart (complete, partial).")
        } else {
            notes.append(sv ? "Även påbörjade svar; kolumnen `status` skiljer dem åt." : "Partial responses too; the `status` column tells them apart.")
        }
        if let cleaning = options.cleaning {
            notes.append(sv
                ? "Rensade enligt \(cleaning.source): \(counted(cleaning.removed.count, "svar")) borttagna (se provenance.json)."
                : "Cleaned by \(cleaning.source): \(cleaning.removed.count) responses removed (see provenance.json).")
        }
        if options.profile == .euclid {
            notes.append(sv
                ? "”Visas när” och reglerna är skrivna med enkätens egna variabelnamn (`${namn}`), inte med kolumnnamnen: varje kolumns regler börjar med dess variabel (variabel `namn`), som kolumnen `variable` i codebook.csv."
                : "“Asked when” and the rules are written in the survey's own variable names (`${name}`), not the column names: each column's rules begin with its variable (variable `name`), as codebook.csv's `variable` column gives it.")
            notes.append(sv
                ? "Partnerprofil euclid: kolumnerna heter som i partnernas gemensamma kodbok (export_as), frågor utan sådant namn och alla personuppgifter är borttagna, och svaren har pseudonymer (`R-` och \(counted(12, "tecken")) som är stabila inom omgången men inte kan kopplas mellan omgångar."
                : "Partner profile euclid: columns are named as in the partners' common codebook (export_as), questions without such a name and all personal data are left out, and responses carry pseudonyms (`R-` and 12 characters) that are stable within the round but cannot be linked across rounds.")
            notes.append(options.exportsFreeText
                ? (sv ? "**Fritextsvar ingår** (textfrågor och ”annat”-texter) och kan innehålla namn: de har lämnats ut efter överenskommelse med mottagaren."
                      : "**Free-text answers are included** (text questions and “other” texts) and may hold names: they were released by agreement with the recipient.")
                : (sv ? "Fritextsvar (textfrågor och ”annat”-texter) är borttagna, eftersom en svarande kan skriva namn i dem; kolumnen för alternativet ”annat” (`…__OTHER`, 0/1) finns kvar."
                      : "Free-text answers (text questions and “other” texts) are left out, since a respondent may write names in them; the column of the option “other” (`…__OTHER`, 0/1) stays."))
            let keys = layout.columns.filter { $0.variable?.isQuasiIdentifier == true }.map { "`\($0.name)`" }
            let banded = entries.filter { $0.bands != nil }.map { "`\($0.column.name)`" }
            if !banded.isEmpty {
                notes.append(sv
                    ? "Global omkodning: \(banded.joined(separator: ", ")) skrivs i klasser (definitionens export_bands), inte som exakta tal: `<a` under a, `a-<b` från a till under b, `>=a` a eller mer (se Klasser nedan). Den lokala undertryckningen räknar kombinationer av klasserna."
                    : "Global recoding: \(banded.joined(separator: ", ")) are written in bands (the definition's export_bands), not as exact numbers: `<a` below a, `a-<b` from a up to but not including b, `>=a` a or more (see Bands below). Local suppression counts combinations of the bands.")
            }
            let k = options.kAnonymity
            if !keys.isEmpty {
                notes.append(sv
                    ? "Röjandeskydd (lokal undertryckning, k = \(k)): \(keys.joined(separator: ", ")) är kvasi-identifierare. Där färre än \(counted(k, "rader")) delar en kombination av dem har värden blankats, så en tom cell där kan också vara ett undertryckt värde; disclosure.csv räknar dem per kolumn. Andra kolumner är oförändrade, och results.csv är beräknad före undertryckningen."
                    : "Disclosure control (local suppression, k = \(k)): \(keys.joined(separator: ", ")) are quasi-identifiers. Where fewer than \(k) rows shared a combination of them, values were blanked, so an empty cell there may also be a suppressed value; disclosure.csv counts them per column. Other columns are unchanged, and results.csv was computed before suppression.")
            }
        } else if options.exportsPII {
            notes.append(sv ? "**Filen innehåller personuppgifter.**" : "**The file holds personal data.**")
        } else {
            notes.append(sv ? "Personuppgifter (frågor märkta pii) ingår inte." : "Personal data (questions marked pii) is left out.")
        }
        if options.writesSPSSSyntax { notes.append(spssNote(sv: sv)) }
        return notes
    }

    /// A count and its word (in the codebook's language) as that language writes them in running
    /// text: grouped and joined by no-break spaces in Swedish (``NumberStyle``, `12 345 rader`), as
    /// digits and a space in English (`12345 rows`), as the codebook has always written them.
    func counted(_ value: Int, _ word: String) -> String {
        layout.language == "sv" ? NumberStyle(language: "sv").count(value, word) : "\(value) \(word)"
    }

    private func usedChoiceLists() -> [(String, [Choice])] {
        var seen = Set<String>()
        var result: [(String, [Choice])] = []
        for entry in entries where !entry.choices.isEmpty {
            guard let name = listTitle(entry), seen.insert(name).inserted else { continue }
            result.append((name, entry.choices))
        }
        return result
    }

    /// The heading of a column's choice list: its name, with `+ other` (`+ annat`) when the question adds that option.
    private func listTitle(_ entry: ColumnDescription) -> String? {
        guard let question = entry.question, let list = question.choiceList, !entry.choices.isEmpty else { return nil }
        return question.allowsOther ? "\(list) + \(layout.language == "sv" ? "annat" : "other")" : list
    }

    private func anchor(_ name: String) -> String {
        name.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? String($0) : $0 == " " ? "-" : "" }.joined()
    }

    /// A code in a choice-list table, with the form the CSV files write when that differs: `` `@home` (CSV: `'@home`) ``.
    static func codeCell(_ code: String) -> String {
        let written = FormulaNeutralization.neutralized(code)
        return written == code ? "`\(cell(code))`" : "`\(cell(code))` (CSV: `\(cell(written))`)"
    }

    /// Text safe inside a Markdown table cell.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}

private extension String {
    func localized(_ sv: Bool, _ english: String) -> String { sv ? self : english }
}

extension Codebook {
    /// How `responses.sps` reads the file into SPSS, and which columns it names otherwise.
    func spssNote(sv: Bool) -> String {
        let renamed = SPSSNames(columns: layout.columns.map(\.name)).renamed
        var note = sv
            ? "SPSS och PSPP: `\(SPSSSyntax.file)` läser filen med variabeletiketter, värdeetiketter och mätnivåer ur denna kodbok och sparar `\(SPSSSyntax.savFile)` (kör `pspp \(SPSSSyntax.file)` i mappen, eller CD till mappen i SPSS först)."
            : "SPSS and PSPP: `\(SPSSSyntax.file)` reads the file with the variable labels, value labels and measurement levels of this codebook and saves `\(SPSSSyntax.savFile)` (run `pspp \(SPSSSyntax.file)` in the folder, or CD to the folder in SPSS first)."
        if !renamed.isEmpty {
            let pairs = renamed.map { "`\($0.column)` → `\($0.spss)`" }.joined(separator: ", ")
            note += sv ? " SPSS tar inte alla kolumnernas namn; där heter de: \(pairs)." : " SPSS does not take every column's name; there they are named: \(pairs)."
        }
        return note
    }
}
