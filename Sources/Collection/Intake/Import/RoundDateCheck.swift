import Diagnostics
import Expressions
import Foundation
import Store

/// Counts the imported rows whose `submitted_at` falls outside the round's dates, to warn once per
/// side (W425 before the opening day, W426 after the closing day) when the import ends. Paper
/// answers typed in later may carry a day a little outside the round, so such a row is imported:
/// the warning says how many there are and where, for the user to judge.
///
/// `opens` and `closes` are days of `timeZone`, both included, as the web form reads them
/// (``Round/isCollecting(on:)`` on ``CalendarDate/today(now:in:)``).
struct RoundDateCheck {
    /// The rows on one side of the round: how many, and the first few with their times as written.
    struct Outside {
        var count = 0
        var first: [(row: Int, time: String)] = []
    }

    let round: Round
    let timeZone: TimeZone
    private(set) var before = Outside()
    private(set) var after = Outside()
    /// How many rows a warning names.
    static let listedRows = 3

    init(round: Round, timeZone: TimeZone) {
        self.round = round
        self.timeZone = timeZone
    }

    /// Notes the row's time, `milliseconds` since 1970; `written` gives the cell as written, asked
    /// only for the first rows on each side.
    mutating func note(milliseconds: Int64, row: Int, written: () -> String) {
        // A zone is less than a day from UTC, so a UTC day two days inside the round is inside it
        // in every zone: only times near or beyond its days need the zone's offset.
        let utcDay = Int(milliseconds.quotientAndRemainder(dividingBy: 86_400_000).quotient)
        if utcDay > round.opens.daysSinceEpoch + 1 && utcDay < round.closes.daysSinceEpoch - 1 { return }
        let day = CalendarDate.today(now: Date(timeIntervalSince1970: Double(milliseconds) / 1000), in: timeZone)
        if day < round.opens {
            Self.add(row: row, written, to: &before)
        } else if day > round.closes {
            Self.add(row: row, written, to: &after)
        }
    }

    private static func add(row: Int, _ written: () -> String, to side: inout Outside) {
        side.count += 1
        if side.first.count < listedRows { side.first.append((row, written())) }
    }

    /// One warning per side that has rows, naming `column` (the file's `submitted_at` column) and
    /// the import that stored them (`importID`), which `samla import undo` takes back.
    func warnings(file: String, column: String, importID: Int64?) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        if before.count > 0 {
            warnings.append(warning(.submittedBeforeRound, before, "before round \(round.name) opens", column: column, file: file, importID: importID))
        }
        if after.count > 0 {
            warnings.append(warning(.submittedAfterRound, after, "after round \(round.name) closes", column: column, file: file, importID: importID))
        }
        return warnings
    }

    private func warning(_ code: DiagnosticCode, _ side: Outside, _ when: String, column: String, file: String, importID: Int64?) -> Diagnostic {
        let rows = side.first.map { "row \($0.row) (\($0.time))" }.joined(separator: ", ")
            + (side.count > side.first.count ? " and \(GroupedCount.text(side.count - side.first.count)) more" : "")
        let count = side.count == 1 ? "1 imported row has" : "\(GroupedCount.text(side.count)) imported rows have"
        return Diagnostic(code, at: .file(file),
            "\(count) a \(column) \(when) (\(round.opens) to \(round.closes), both days included, in the time zone \(timeZone.identifier)): \(rows). "
            + "They were imported with those times, and the round page's responses per day shows them so. "
            + "If the answers were given then, leave them. If the dates are mistyped: an import replaces no response, so take this import back "
            + "(`samla import undo --round \(round.name) --id \(importID.map(String.init) ?? "ID")` shows what that removes, and with --yes removes it), "
            + "correct the dates in the file and import it again")
    }
}
