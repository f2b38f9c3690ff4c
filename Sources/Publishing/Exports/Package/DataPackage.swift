import SurveyDefinition

/// `datapackage.json`: a Frictionless (tabular) data package holding the data file with its
/// Table Schema and the codebook, valid under `frictionless validate`.
enum DataPackage {
    static func json(layout: ExportLayout, facts: ExportFacts, round: RoundFacts, dataSchema: JSONValue, extraResources: [JSONValue],
                     disclosure: JSONValue? = nil, previous: PreviousRound? = nil) -> JSONValue {
        let survey = layout.survey
        let title = survey.title.resolved(layout.language, fallbacks: survey.languages)
        var members: [(String, JSONValue)] = [
            ("profile", "tabular-data-package"),
            ("name", .string(packageName(facts.round, profile: layout.options.profile))),
            ("title", .string("\(title) (\(facts.round))")),
            ("description", .string(description(layout: layout, facts: facts, round: round))),
            ("created", .string(facts.exportedAt)),
            ("keywords", .array(["survey", .string(survey.id), .string(facts.round)])),
        ]
        members.append(("resources", .array([dataResource(layout: layout, facts: facts, schema: dataSchema)] + [codebookResource(layout: layout)] + extraResources)))
        members.append(("samla", .object([
            ("round", .string(facts.round)),
            ("roundPeriod", .object([("opens", .string(round.opens)), ("closes", .string(round.closes))])),
            ("survey", .string(survey.id)),
            ("definitionVersion", .string(facts.definitionVersion)),
            ("definitionHash", .string(facts.definitionHash)),
            ("profile", .string(layout.options.profile?.rawValue ?? "standard")),
            ("shape", .string(layout.options.shape.rawValue)),
            ("values", .string(layout.options.values.rawValue)),
            ("language", .string(layout.language)),
            ("samlaVersion", .string(facts.samlaVersion)),
            ("previousRound", previous.map(\.json) ?? .null),
        ] + (layout.options.writesSPSSSyntax ? [("spssSyntax", .string(SPSSSyntax.file))] : [])
          // How results.csv is weighted, as provenance.json says it: the package alone tells a reader.
          + (layout.options.weighting.map { [("weighting", $0.json)] } ?? [])
          + (disclosure.map { [("disclosure", $0)] } ?? []))))
        return .object(members)
    }

    /// A package name: lowercase letters, digits, `-`, `_`, `.`.
    static func packageName(_ round: String, profile: ExportProfile?) -> String {
        profile.map { "\(round)-\($0.rawValue)" } ?? round
    }

    /// `delimiter`: the field separator the file is written with, declared in its dialect.
    static func csvResource(name: String, path: String, title: String, delimiter: Unicode.Scalar, schema: JSONValue) -> JSONValue {
        .object([
            ("name", .string(name)),
            ("path", .string(path)),
            ("title", .string(title)),
            ("profile", "tabular-data-resource"),
            ("format", "csv"),
            ("mediatype", "text/csv"),
            ("encoding", "utf-8"),
            ("dialect", .object([("delimiter", .string(String(delimiter))), ("quoteChar", "\""), ("doubleQuote", true), ("lineTerminator", "\r\n"), ("header", true)])),
            ("schema", schema),
        ])
    }

    private static func dataResource(layout: ExportLayout, facts: ExportFacts, schema: JSONValue) -> JSONValue {
        let title = layout.language == "sv" ? "Svaren i omgång \(facts.round)" : "Responses of round \(facts.round)"
        return csvResource(name: "responses", path: facts.dataFile, title: title, delimiter: layout.options.writtenDelimiter, schema: schema)
    }

    /// The name of the codebook's resource, which the long form's `variable` refers to.
    static let codebookName = "codebook"

    private static func codebookResource(layout: ExportLayout) -> JSONValue {
        let header = Codebook(layout: layout).csvHeader
        let fields: [JSONValue] = header.map { name in
            var members: [(String, JSONValue)] = [("name", .string(name)), ("type", "string")]
            switch name {
            case "column": members.append(("constraints", .object([("required", true), ("unique", true)])))
            case "required", "pii": members.append(("constraints", .object([("enum", ["yes", "no"])])))
            case "change": members.append(("constraints", .object([("enum", ["new", "changed"])])))
            default: break
            }
            return .object(members)
        }
        let title = layout.language == "sv" ? "Kodbok: en rad per kolumn i svaren" : "Codebook: one row per column of the responses"
        return csvResource(name: codebookName, path: "codebook.csv", title: title, delimiter: layout.options.writtenDelimiter,
                           schema: .object([("fields", .array(fields)), ("missingValues", .array([""])), ("primaryKey", ["column"])]))
    }

    /// The package in a few words, in the export's language: what it holds, when the round was
    /// open, and for a partner the terms it is shared on.
    private static func description(layout: ExportLayout, facts: ExportFacts, round: RoundFacts) -> String {
        let options = layout.options
        let sv = layout.language == "sv"
        let k = options.kAnonymity
        func pick(_ swedish: String, _ english: String) -> String { sv ? swedish : english }
        var parts = [pick("Omgång \(facts.round) av enkäten \(layout.survey.id) version \(facts.definitionVersion), öppen \(round.opens) till \(round.closes): \(facts.responses) svar",
                          "Round \(facts.round) of survey \(layout.survey.id) version \(facts.definitionVersion), open \(round.opens) to \(round.closes): \(facts.responses) responses")]
        parts.append(options.shape == .wide ? pick("en rad per svar", "one row per response")
                                            : pick("en rad per icke-tom cell (lång form)", "one row per non-empty cell (long form)"))
        parts.append(options.values == .codes ? pick("val som koder", "choices as codes")
                                              : pick("val som etiketter på \(layout.language)", "choices as labels in \(layout.language)"))
        if options.profile == .euclid {
            parts.append(pick("partnerprofil Euclid: export_as-namn, inga personuppgifter, pseudonyma svarande",
                              "Euclid partner profile: export_as names, no personal data, pseudonymous respondents"))
            parts.append(options.exportsFreeText ? pick("med fritextsvar", "with free-text answers")
                                                 : pick("utan fritextsvar", "without free-text answers"))
            if layout.variables.contains(where: { layout.bands(of: $0) != nil }) {
                parts.append(pick("tal med export_bands i klasser (global omkodning)", "numbers with export_bands in bands (global recoding)"))
            }
            parts.append(pick("kvasi-identifierare lokalt undertryckta till k-anonymitet med k = \(k) (disclosure.csv)",
                              "quasi-identifiers locally suppressed to k-anonymity with k = \(k) (disclosure.csv)"))
        } else if options.exportsPII {
            parts.append(pick("innehåller personuppgifter", "includes personal data"))
        } else {
            parts.append(pick("inga personuppgifter", "no personal data"))
        }
        var text = parts.joined(separator: "; ")
            + pick(". Kodboken (codebook.csv, codebook.md) beskriver varje kolumn.", ". The codebook (codebook.csv, codebook.md) describes every column.")
        if options.profile != nil {
            text += pick(" Villkor: pseudonymiserade uppgifter enligt GDPR, inte anonyma; använd dem bara enligt avtalet om datadelning, som förbjuder återidentifiering och publicering av mikrodata, och publicera bara aggregat med små celler undertryckta.",
                         " Terms: pseudonymised data under the GDPR, not anonymous; use it only under the data-sharing agreement, which forbids re-identification and publishing the microdata, and publish only aggregates with small cells suppressed.")
        }
        return text
    }
}
