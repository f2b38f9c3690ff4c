import Aggregation
import CSV
import Foundation

/// The three printed forms of a result set. Each prints from `DisplayRow`s, which hold no
/// figures for suppressed cells.
enum ResultText {
    static func csv(_ results: ResultSet) throws -> String {
        try CSVWriter.string { writer in
            try writer.writeRecord(DisplayRow.columns)
            for row in results.displayRows() {
                for (name, field) in zip(DisplayRow.columns, row.fields) {
                    // Labels, notes and the group's code (a choice code, as the data file writes it) are
                    // text; the rest are Samla's own codes and numbers.
                    if ["group", "group_code", "note"].contains(name) { try writer.write(text: field) } else { try writer.write(field) }
                }
                try writer.endRecord()
            }
        }
    }

    static func cleaningCSV(_ results: ResultSet) throws -> String {
        try CSVWriter.string { writer in
            try writer.writeRecord(["round", "rule", "description", "response_id"])
            for log in results.cleaning {
                for entry in log.entries {
                    for id in entry.removed {
                        try writer.write(log.round)
                        try writer.write(entry.rule.rawValue)
                        try writer.write(text: entry.description(results.language))
                        try writer.write(Int(id))
                        try writer.endRecord()
                    }
                }
            }
        }
    }

    static func json(_ results: ResultSet) throws -> String {
        let document: [String: Any] = [
            "framework": results.framework.id,
            "language": results.language,
            "columns": DisplayRow.columns,
            "rows": results.displayRows().map { row in
                Dictionary(uniqueKeysWithValues: zip(DisplayRow.columns, row.fields))
            },
            "cleaning": results.cleaning.map { log in
                [
                    "round": log.round, "read": log.read, "partial": log.partial, "kept": log.kept,
                    "rules": log.entries.map { entry in
                        var rule: [String: Any] = [
                            "rule": entry.rule.rawValue, "description": entry.description(results.language), "count": entry.count, "removed": entry.removed,
                        ]
                        if entry.rule == .speed { rule["untimed"] = entry.untimed }
                        return rule
                    },
                ] as [String: Any]
            },
            "missing": results.missing.map { count in
                [
                    "indicator": count.indicator, "round": count.round, "count": count.count,
                    "not_asked": count.notAsked.map { ["question": $0.question, "condition": $0.condition, "count": $0.count] as [String: Any] },
                ] as [String: Any]
            },
            "notes": results.notes.map { note in
                var object: [String: Any] = ["kind": note.kind, "round": note.round, "text": note.text(results.language)]
                if let indicator = note.indicator { object["indicator"] = indicator }
                return object
            },
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The terminal table: one block per indicator, then the cleaning log and notes.
    static func table(_ results: ResultSet) -> String {
        let sv = results.language == "sv", numbers = NumberStyle(language: results.language)
        let intervalHeader = numbers.percent(whole: 95) + (sv ? " KI" : " CI")
        let header = sv
            ? ["Indikator", "Omgång", "Grupp", "n", "Skattning", intervalHeader, "Mål", "Status", "Förändring"]
            : ["Indicator", "Round", "Group", "n", "Estimate", intervalHeader, "Target", "Status", "Change"]
        var lines: [[String]] = [header]
        // Swedish writes its numbers as the Swedish report does (`−1,5`, `12 345`, `29 lästa`, with
        // no-break spaces); English keeps plain digits and the point, as CSV and JSON do for tools.
        let rows = results.displayRows(precision: sv ? .written(numbers) : .shown)
        func counted(_ value: Int, _ word: String) -> String { sv ? numbers.count(value, word) : "\(value) \(word)" }
        for row in rows {
            let percent = row.unit == "percent"
            let suffix = percent ? numbers.percentSign : ""
            let withheld = row.suppressed == SuppressedCell.Reason.dominated.code
                ? (sv ? "(undanhållen, dominans)" : "(suppressed, dominance)")
                : (sv ? "(undanhållen)" : "(suppressed)")
            let estimate = row.estimate.isEmpty ? (row.suppressed.isEmpty ? (row.note.isEmpty ? "" : "–") : withheld) : row.estimate + suffix
            let interval = row.low.isEmpty ? "" : numbers.range(row.low, row.high)
            var change = row.change
            if !change.isEmpty {
                let negative = change.hasPrefix("-") || change.hasPrefix("\u{2212}")
                change = numbers.signed(change, negative: negative, zero: !change.contains(where: { ("1"..."9").contains($0) }))
                // A share's change is in percentage points, as the report writes it: `−1,5` alone reads as a relative change.
                if percent { change += sv ? "\u{A0}p.e." : " pp" }
                if !row.changeLow.isEmpty {
                    // A span in words, so that no dash stands beside a minus sign, as in the report.
                    change += " (" + numbers.span(row.changeLow, row.changeHigh) + ")"
                }
            }
            let group = row.breakdown.isEmpty ? row.group : "\(row.breakdown): \(row.group)"
            let target = row.target.isEmpty ? "" : row.target + suffix
            lines.append([row.indicator, row.round, group, row.n, estimate, interval, target, row.status, change])
        }
        var widths = header.map { _ in 0 }
        for line in lines { for (i, field) in line.enumerated() { widths[i] = max(widths[i], field.count) } }
        let numeric: Set<Int> = [3, 4, 6]
        func render(_ line: [String]) -> String {
            line.enumerated().map { i, field in
                let pad = String(repeating: " ", count: widths[i] - field.count)
                return numeric.contains(i) ? pad + field : field + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = [render(lines[0]), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        var last = ""
        for line in lines.dropFirst() {
            if line[0] != last, last != "" { out.append("") }
            last = line[0]
            out.append(render(line))
        }
        var cleaning: [String] = []
        for log in results.cleaning {
            let rules = log.entries.map { entry in
                "\(entry.rule.label(results.language).lowercased()) \(sv ? numbers.integer(entry.count) : String(entry.count))" + (entry.untimedNote(results.language, number: sv ? numbers.integer : { String($0) }).map { " (\($0))" } ?? "")
            }.joined(separator: ", ")
            let partial = log.partial > 0 ? " (" + counted(log.partial, sv ? "ofullständiga" : "partial") + ")" : ""
            cleaning.append(sv
                ? "  \(log.round): \(counted(log.read, "lästa"))\(partial), \(rules.isEmpty ? "inga regler" : "borttagna " + rules), \(counted(log.kept, "kvar"))"
                : "  \(log.round): \(log.read) read\(partial), \(rules.isEmpty ? "no rules" : "removed " + rules), \(log.kept) kept")
        }
        var notes = suppressionLines(results).map { "  " + $0 }
        for count in results.missing where count.count > 0 {
            let questions = ResultNote.list(count.notAsked.map(\.question), and: sv ? "eller" : "or")
            let notAsked = count.notAskedCount == 0 ? ""
                : sv ? " (\(counted(count.notAskedCount, "fick")) aldrig frågan \(questions))"
                : " (\(count.notAskedCount) never asked \(questions))"
            notes.append(sv
                ? "  \(count.indicator) \(count.round): \(counted(count.count, "utan")) värde, utanför basen\(notAsked)"
                : "  \(count.indicator) \(count.round): \(count.count) without a value, left out of the base\(notAsked)")
        }
        for row in rows where !row.note.isEmpty {
            let group = row.breakdown.isEmpty ? row.group : "\(row.breakdown): \(row.group)"
            notes.append("  \(row.indicator) \(row.round) \(group): \(sv ? "ingen skattning" : "no estimate"): \(row.note)")
        }
        notes.append(contentsOf: unassessedLines(rows, language: results.language).map { "  " + $0 })
        notes.append(contentsOf: noIntervalLines(rows, language: results.language).map { "  " + $0 })
        notes.append(contentsOf: noteLines(results).map { "  " + $0 })
        // Each heading over its own lines: a round without data or a figure without an interval is no cleaning.
        for (heading, lines) in [(sv ? "Rensning:" : "Cleaning:", cleaning), (sv ? "Anmärkningar:" : "Notes:", notes)] where !lines.isEmpty {
            out.append("")
            out.append(heading)
            out.append(contentsOf: lines)
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// What the table's withheld cells mean, one line for each kind it has: a base under its
    /// threshold (`< 10`, the threshold as the table shows it), and a cell withheld beside a small
    /// one, whose `n` is left out too.
    static func suppressionLines(_ results: ResultSet) -> [String] {
        let sv = results.language == "sv"
        var thresholds: [Int] = []
        var secondary = false, dominated = false
        for row in results.rows {
            guard case .suppressed(let cell) = row.outcome else { continue }
            switch cell.reason {
            case .secondary: secondary = true
            case .dominated: dominated = true
            case .belowThreshold: if !thresholds.contains(cell.threshold) { thresholds.append(cell.threshold) }
            }
        }
        var lines: [String] = []
        if let only = thresholds.first, thresholds.count == 1 {
            lines.append(sv
                ? "< \(only) (undanhållen): färre än \(only) svar i basen, för få för att visa en siffra, en förändring eller en status"
                : "< \(only) (suppressed): fewer than \(only) responses in the base, too few to show a figure, a change or a status")
        } else if !thresholds.isEmpty {
            let shown = thresholds.sorted().map { "< \($0)" }.joined(separator: ", ")
            lines.append(sv
                ? "\(shown) (undanhållen): färre svar i basen än indikatorns gräns, för få för att visa en siffra, en förändring eller en status"
                : "\(shown) (suppressed): fewer responses in the base than the indicator's threshold, too few to show a figure, a change or a status")
        }
        if secondary {
            lines.append(sv
                ? "(undanhållen) utan n: undanhållen så att en liten\(dominated ? " eller dominerad" : "") grupp i samma uppdelning inte kan räknas fram ur totalen och de andra grupperna"
                : "(suppressed) without n: withheld so that a small\(dominated ? " or dominated" : "") group of the same breakdown cannot be worked out from the total and the other groups")
        }
        if dominated {
            lines.append(sv
                ? "(undanhållen, dominans): ett eller två svar står för nästan hela summan som siffran bygger på (p %-regeln), så den skulle nästan avslöja det största"
                : "(suppressed, dominance): one or two responses make up nearly all of the sum the figure is built from (the p % rule), so it would all but give away the largest")
        }
        return lines
    }

    /// Why a published total with a target has no status, one line per indicator: without a
    /// baseline there is no path to the target, so it is assessed at the target's round (or once met).
    static func unassessedLines(_ rows: [DisplayRow], language: String) -> [String] {
        let unassessed = rows.filter { $0.breakdown.isEmpty && !$0.estimate.isEmpty && !$0.target.isEmpty && $0.status.isEmpty }
        return unassessed.groupedInOrder(by: \.indicator).map { indicator, rows in
            let rounds = rows.map(\.round).joined(separator: ", ")
            return language == "sv"
                ? "\(indicator) \(rounds): ingen status förrän målets omgång, eller tills målet nås: utan utgångsvärde finns ingen plan att jämföra med"
                : "\(indicator) \(rounds): no status until the target's round, or until the target is met: without a baseline there is no path to compare with"
        }
    }

    /// Why published figures have no interval, one line per indicator and reason: `satisfied
    /// shop-2024 Total; shop-2025 member: true: no interval: …`, or the indicator alone when the
    /// reason holds for all its figures (a reported value, a tally), its changes included if they
    /// share it.
    static func noIntervalLines(_ rows: [DisplayRow], language: String) -> [String] {
        let sv = language == "sv"
        func place(_ row: DisplayRow) -> String {
            "\(row.round) " + (row.breakdown.isEmpty ? row.group : "\(row.breakdown): \(row.group)")
        }
        var lines: [String] = []
        for (indicator, indicatorRows) in rows.groupedInOrder(by: \.indicator) {
            let estimates = indicatorRows.filter { !$0.estimate.isEmpty }
            let changes = indicatorRows.filter { !$0.change.isEmpty }
            var changeGroups = changes.groupedInOrder(by: \.changeReason)
            for (reason, reasonRows) in estimates.groupedInOrder(by: \.intervalReason) {
                var label = sv ? "inget intervall" : "no interval"
                var subject = indicator + " " + reasonRows.map(place).joined(separator: "; ")
                if reasonRows.count == estimates.count {
                    subject = indicator
                    if let index = changeGroups.firstIndex(where: { $0.key == reason && $0.elements.count == changes.count }) {
                        changeGroups.remove(at: index)
                        label = sv ? "inget intervall, inte heller för förändringarna" : "no interval, nor for the changes"
                    }
                }
                lines.append("\(subject): \(label): \(reason.text(language))")
            }
            for (reason, reasonRows) in changeGroups {
                let subject = indicator + " " + reasonRows.map(place).joined(separator: "; ")
                lines.append("\(subject): \(sv ? "inget intervall för förändringen" : "no interval for the change"): \(reason.text(language))")
            }
        }
        return lines
    }

    /// The result set's notes in its language, one line each: `anm.: omgång …`, `note: round …`.
    static func noteLines(_ results: ResultSet) -> [String] {
        let label = results.language == "sv" ? "anm." : "note"
        return results.notes.map { "\(label): \($0.text(results.language))" }
    }
}
