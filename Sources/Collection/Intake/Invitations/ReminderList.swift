import CSV
import Diagnostics
import Expressions
import Foundation
import Store

/// `samla remind`: the rows of a links file (as `samla invite` wrote it) whose invitations have
/// not completed the survey, each with a `progress` column, for a reminder mail merge; never one
/// whose respondent withdrew, nor one recorded as refused or ineligible (`samla round dispositions`),
/// nor one whose saved answers declined in the form (the survey's `refusal`), nor one whose address is on the survey's suppression list (withdrawn with another invitation
/// after it was sent). It reads the store and writes nothing to it.
public struct ReminderList: Sendable {
    public var round: String
    public var linksPath: String
    public var outputPath: String

    public init(round: String, linksPath: String, outputPath: String) {
        self.round = round
        self.linksPath = linksPath
        self.outputPath = outputPath
    }

    /// The column the reminders file adds.
    public static let progressColumn = "progress"

    /// How far an invitation that has not completed the survey has got.
    public enum Progress: String, Sendable, CaseIterable {
        /// No page has been saved with the link.
        case notStarted = "not started"
        /// A response is begun and not submitted: the link resumes it.
        case notFinished = "not finished"
    }

    /// The reminders file next to the links file, named for the day:
    /// `contacts-links.csv` → `contacts-reminder-2027-02-15.csv`.
    public static func defaultOutputPath(for linksPath: String, on day: CalendarDate) -> String {
        let url = URL(fileURLWithPath: linksPath)
        var stem = url.deletingPathExtension().lastPathComponent
        if stem.hasSuffix("-links"), stem.count > "-links".count { stem.removeLast("-links".count) }
        let name = "\(stem)-reminder-\(day)." + (url.pathExtension.isEmpty ? "csv" : url.pathExtension)
        let folder = PathText.folder(of: linksPath)
        return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }

    /// What a run found.
    public struct Outcome: Sendable {
        /// Rows of the links file (blank rows not counted).
        public var rows: Int
        public var notStarted: Int
        public var notFinished: Int
        /// Rows whose respondent withdrew (`samla erase --withdraw`): never reminded.
        public var withdrawn: Int
        /// Rows without a response whose invitation is recorded as refused or ineligible (`samla
        /// round dispositions`): the organisation said no, or is outside the population. A
        /// non-contact is reminded: the reminder is another try to reach it.
        public var declined: DispositionCounts
        /// Rows whose response, not submitted, declined in the form (its saved answers satisfy the
        /// survey's `refusal`): the respondent said no, so they are not reminded.
        public var declinedInForm: Int
        /// Rows not completed whose invitation's address is on the survey's suppression list (its
        /// person withdrew another invitation to the survey): left out of the reminders.
        public var suppressed: Int
        /// W703 when some rows are `suppressed`.
        public var warnings: [Diagnostic]
        /// Where the reminders were written; nil when every invitation has completed, and nothing was written.
        public var outputPath: String?

        public var reminders: Int { notStarted + notFinished }
    }

    /// Why a run was refused: every problem found. No file was written.
    public struct Refusal: Error, Sendable {
        public var diagnostics: [Diagnostic]
    }

    /// Reads the links file, looks its tokens up in the store (a few queries for the whole file)
    /// and writes the rows of the invitations not completed, unless there are none.
    public func run(store: any Store, today: CalendarDate) throws -> Outcome {
        _ = try store.invitationRound(named: round, on: today)
        let links = try checkedLinks()
        let found = try store.invitationProgress(tokenHashes: links.tokens.compactMap { $0?.hash })
        try checkInvitations(links, found: found, store: store)

        let invitations = links.tokens.map { token in token.flatMap { found[$0.hash] } }
        let declinedInForm = try store.responsesDeclinedInForm(round: round)
        var progress: [Progress?] = invitations.map { found in
            guard found?.invitation.isWithdrawn != true else { return nil }
            switch found?.responseStatus {
            case nil: return Self.isDeclined(found?.invitation) ? nil : .notStarted
            case .partial: return found?.invitation.responseID.map(declinedInForm.contains) == true ? nil : .notFinished
            case .complete: return nil
            }
        }
        let suppressed = try suppressedRows(invitations, progress: progress, store: store)
        for index in suppressed { progress[index] = nil }
        var outcome = Outcome(
            rows: links.table.rows.count, notStarted: progress.count(where: { $0 == .notStarted }), notFinished: progress.count(where: { $0 == .notFinished }),
            withdrawn: invitations.count(where: { $0?.invitation.isWithdrawn == true }),
            declined: DispositionCounts(
                refused: invitations.count(where: { Self.isDeclined($0?.invitation) && $0?.invitation.disposition == .refused }),
                ineligible: invitations.count(where: { Self.isDeclined($0?.invitation) && $0?.invitation.disposition == .ineligible })),
            declinedInForm: invitations.count(where: { $0?.responseStatus == .partial && $0?.invitation.isWithdrawn == false
                && $0?.invitation.responseID.map(declinedInForm.contains) == true }),
            suppressed: suppressed.count,
            warnings: suppressionWarning(rows: suppressed.map { links.table.rows[$0].number }), outputPath: nil)
        guard outcome.reminders > 0 else { return outcome }
        // Checked last, so that an earlier reminders file does not hide what is wrong with the input.
        if let reason = UnwritableFolder.foreseenReason(writing: outputPath, option: "--out") {
            throw Refusal(diagnostics: [Diagnostic(.outputUnwritable, at: .file(outputPath), "the reminders file cannot be written here: " + reason)])
        }
        guard !FileManager.default.fileExists(atPath: outputPath) else {
            throw Refusal(diagnostics: [Diagnostic(.outputExists, at: .file(outputPath),
                "the reminders file exists already and is not replaced; choose another --out, or delete it if it is from an earlier run")])
        }
        try write(links.table, progress: progress)
        outcome.outputPath = outputPath
        return outcome
    }

    /// Whether an invitation without a response is recorded as refused or ineligible, and so not reminded.
    private static func isDeclined(_ invitation: Invitation?) -> Bool {
        guard let invitation, invitation.responseID == nil, !invitation.isWithdrawn else { return false }
        return invitation.disposition == .refused || invitation.disposition == .ineligible
    }

    /// The indices of the rows to remind whose invitation's address is on the suppression list of
    /// the round's survey, compared as `samla invite` compares them.
    private func suppressedRows(_ invitations: [InvitationProgress?], progress: [Progress?], store: any Store) throws -> [Int] {
        let addresses = invitations.indices.compactMap { progress[$0] == nil ? nil : invitations[$0]?.invitation.email }
        guard !addresses.isEmpty else { return [] }
        let suppressions = try store.suppressions(of: addresses, round: round)
        return invitations.indices.filter { index in
            progress[index] != nil && invitations[index]?.invitation.email.map { suppressions[$0] != nil } == true
        }
    }

    /// W703 for the rows left out because their address withdrew: how many, which rows, why and
    /// what to do; never an address.
    private func suppressionWarning(rows: [Int]) -> [Diagnostic] {
        guard !rows.isEmpty else { return [] }
        let one = rows.count == 1
        return [Diagnostic(.reminderOfWithdrawnAddress, at: .file(linksPath),
            "left out of the reminders \(rows.count) invitation\(one ? "" : "s") not completed (row\(one ? "" : "s") \(rows.map(String.init).joined(separator: ", "))) "
                + "whose address is on the survey's suppression list: the person withdrew another invitation to the survey (samla erase --withdraw) "
                + "after this round's was sent. The link\(one ? " still works" : "s still work"), should the person want to answer this round; "
                + "ask them, and if their withdrawal covers this round too: samla erase --round \(round) --email ADDRESS --withdraw; "
                + "if they asked to take part again: samla erase --suppression --email ADDRESS --yes")]
    }

    private struct CheckedLinks {
        var table: ContactsTable
        /// The name of the token column as the header writes it.
        var tokenColumn: String
        /// One per row of `table`; nil where the cell holds no token, which `problems` reports.
        var tokens: [InvitationToken?]
        var problems: DiagnosticList
    }

    private func checkedLinks() throws -> CheckedLinks {
        let table: ContactsTable
        switch ContactsTable.read(path: linksPath, kind: .links) {
        case .success(let read): table = read
        case .failure(let diagnostic): throw Refusal(diagnostics: [diagnostic])
        }
        var problems = DiagnosticList()
        let headerLine = table.headerLocation
        table.reportHeaderProblems(into: &problems)
        let folded = table.header.names.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let tokenIndex = folded.firstIndex(of: "token") else {
            problems.report(.malformedLinksFile, at: headerLine,
                "the links file has no token column; give the file that samla invite wrote (the contacts' columns, then token and link)")
            throw Refusal(diagnostics: problems.sorted)
        }
        if let progress = folded.firstIndex(of: Self.progressColumn) {
            problems.report(.malformedLinksFile, at: headerLine,
                "the links file already has a column \(table.header.names[progress]), which the reminders file adds; "
                    + "give the links file that samla invite wrote (not a reminders file), or rename the column")
        }
        if table.rows.isEmpty {
            problems.report(.noContacts, at: .file(linksPath), "the links file has a header but no rows; give the links file that samla invite wrote")
        }
        let tokenColumn = table.header.names[tokenIndex]
        if problems.hasErrors { throw Refusal(diagnostics: problems.sorted) }
        var tokens: [InvitationToken?] = []
        var firstRow: [String: Int] = [:]
        for row in table.rows {
            guard table.hasEveryField(row, into: &problems) else {
                tokens.append(nil)
                continue
            }
            let location = DiagnosticLocation.record(file: linksPath, row: row.number, column: tokenColumn, line: row.line)
            guard let text = row.value(tokenIndex) else {
                problems.report(.unknownReminderToken, at: location, "the token is missing; every row of a links file has the token samla invite made for it")
                tokens.append(nil)
                continue
            }
            guard let token = InvitationToken(text) else {
                problems.report(.unknownReminderToken, at: location,
                    "\"\(Self.excerpt(text))\" is not a token as samla invite writes them (43 letters, digits, - and _); "
                        + "was the cell changed, in a spreadsheet perhaps? The row's link ends in its token")
                tokens.append(nil)
                continue
            }
            if let first = firstRow[token.text] {
                problems.report(.unknownReminderToken, at: location,
                    "this token is on row \(first) already; a links file has one row per invitation, so keep one of the two rows")
                tokens.append(nil)
                continue
            }
            firstRow[token.text] = row.number
            tokens.append(token)
        }
        return CheckedLinks(table: table, tokenColumn: tokenColumn, tokens: tokens, problems: problems)
    }

    /// Refuses the rows of `links` with problems, and tokens that are no invitation to the round:
    /// one diagnostic for the whole file when all of them are of one other round or of none (the
    /// links file of another round or database), one per row otherwise.
    private func checkInvitations(_ links: CheckedLinks, found: [String: InvitationProgress], store: any Store) throws {
        var problems = links.problems
        let rounds = links.tokens.map { $0.flatMap { found[$0.hash]?.round } }
        let strangers = links.tokens.indices.filter { links.tokens[$0] != nil && rounds[$0] != round }
        if strangers.isEmpty && !problems.hasErrors { return }
        if !problems.hasErrors, strangers.count == rounds.count, Set(rounds).count == 1 {
            let invited = try store.roundSummaries().first { $0.round.name == round }?.invitations ?? 0
            let none = invited == 0 ? "; round \(round) has no invitations" : ""
            let message = if let other = rounds[0] {
                "the tokens of this links file are invitations to round \(other), not \(round); give --round \(other)\(none)"
            } else {
                "no token of this links file is an invitation in this database\(none); is it the links file of another database (--db)?"
            }
            throw Refusal(diagnostics: [Diagnostic(.unknownReminderToken, at: .file(linksPath), message)])
        }
        for index in strangers {
            let row = links.table.rows[index]
            let location = DiagnosticLocation.record(file: linksPath, row: row.number, column: links.tokenColumn, line: row.line)
            let message = if let other = rounds[index] {
                "this token is an invitation to round \(other), not \(round); a links file lists the invitations of one round"
            } else {
                "no invitation in this database has this token; was the row copied from another links file, or the token changed?"
            }
            problems.report(.unknownReminderToken, at: location, message)
        }
        throw Refusal(diagnostics: problems.sorted)
    }

    /// Writes the rows to remind, as the links file has them plus `progress`, in the links file's
    /// delimiter and with a byte order mark, through a temporary file moved into place.
    private func write(_ table: ContactsTable, progress: [Progress?]) throws {
        do {
            try OutputFile(path: outputPath, permissions: 0o600).write(replacing: false) { temporary in
                try table.write(into: temporary, addedColumns: [Self.progressColumn]) { index in progress[index].map { [$0.rawValue] } }
            }
        } catch where (error as? CSVWriteError)?.isDiskFull == true || DiskFull.isReason(error) {
            throw Refusal(diagnostics: [Diagnostic(.outputDiskFull, at: .file(outputPath),
                "the reminders file cannot be written: " + DiskFull.reason(writing: outputPath, option: "--out"))])
        } catch {
            throw Refusal(diagnostics: [Diagnostic(.outputUnwritable, at: .file(outputPath),
                "the reminders file cannot be written here: " + UnwritableFolder.reason(writing: outputPath, option: "--out", system: "\(error)"))])
        }
    }

    /// A cell as a message may quote it: at most 60 characters.
    static func excerpt(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(57)) + "…"
    }
}
