/// `provenance.json`: where an export came from — the definition (version and hash), the round,
/// the cleaning and weighting applied, how the indicators are computed, the options, Samla's version and the time — so that a partner can tell
/// exactly what they received and the organisation can reproduce it.
enum Provenance {
    static func json(layout: ExportLayout, facts: ExportFacts, round: RoundFacts, files: [(name: String, bytes: Int)], disclosure: JSONValue? = nil) -> JSONValue {
        let options = layout.options
        var cleaning: [(String, JSONValue)]
        if let summary = options.cleaning {
            cleaning = [
                ("applied", true),
                ("source", .string(summary.source)),
                ("judged", .integer(Int64(summary.read ?? facts.read))),
                ("removed", .integer(Int64(summary.removed.count))),
                ("kept", .integer(Int64(facts.responses))),
                ("rules", .array(summary.rules.map { rule in
                    .object([("rule", .string(rule.name)), ("description", .string(rule.description)), ("removed", .integer(Int64(rule.responses.count)))]
                        + (rule.untimed > 0 ? [("untimed", .integer(Int64(rule.untimed)))] : []))
                })),
            ]
        } else {
            cleaning = [
                ("applied", false),
                ("note", .string("no cleaning rules were applied: every \(options.selection == .complete ? "complete " : "")response of the round is exported")),
            ]
        }
        return .object(([
            ("producer", .string("Samla \(facts.samlaVersion)")),
            ("exportedAt", .string(facts.exportedAt)),
            ("round", .object([
                ("name", .string(facts.round)),
                ("survey", .string(facts.surveyID)),
                ("opens", .string(round.opens)),
                ("closes", .string(round.closes)),
                ("status", .string(round.status)),
            ])),
            ("definition", .object([
                ("version", .string(facts.definitionVersion)),
                ("sha256", .string(facts.definitionHash)),
                ("answeredUnder", .array(facts.answeredUnder.map { use in
                    .object([("version", .string(use.version)), ("sha256", .string(use.hash)), ("responses", .integer(Int64(use.responses)))])
                })),
            ])),
            ("options", .object([
                ("profile", .string(options.profile?.rawValue ?? "standard")),
                ("shape", .string(options.shape.rawValue)),
                ("values", .string(options.values.rawValue)),
                ("language", .string(layout.language)),
                ("responses", .string(options.selection == .complete ? "complete only" : "complete and partial")),
                ("personalData", .bool(options.exportsPII)),
                ("freeText", .bool(options.exportsFreeText)),
                ("delimiter", .string(String(options.writtenDelimiter))),
                ("decimalMark", .string(options.writesDecimalComma ? "," : ".")),
            ])),
            ("responses", .object([("read", .integer(Int64(facts.read))), ("exported", .integer(Int64(facts.responses)))])),
            ("cleaning", .object(cleaning)),
        ] as [(String, JSONValue)]) + (options.weighting.map { [("weighting", $0.json)] } ?? [])
            + (options.indicators.map { [("indicators", $0.json)] } ?? [])
            + (disclosure.map { [("disclosure", $0)] } ?? []) + [
            ("files", .array(files.map { .object([("path", .string($0.name)), ("bytes", .integer(Int64($0.bytes)))]) })),
        ])
    }
}

/// The facts of the round that the provenance file repeats.
struct RoundFacts {
    var opens: String
    var closes: String
    var status: String
}
