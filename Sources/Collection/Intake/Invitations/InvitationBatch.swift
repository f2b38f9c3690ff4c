import CSV
import Diagnostics
import Expressions
import Foundation
import Store

/// `samla invite`: one invitation per row of a contacts file, written back as a links file for a
/// mail merge (the contacts' own columns, then `token` and `link`). Only the hash of each token
/// is stored; the links file is the one place the tokens exist.
public struct InvitationBatch: Sendable {
    public var round: String
    public var contactsPath: String
    public var outputPath: String
    public var links: Links
    /// Whether a row already invited to the round, or whose address an earlier row has, gets a link
    /// of its own (`--again`); otherwise it is left out, so that an address counts once in the
    /// response rate and running a grown contacts list invites only its new rows.
    public var invitesAgain: Bool

    public init(round: String, contactsPath: String, outputPath: String, links: Links, invitesAgain: Bool = false) {
        self.round = round
        self.contactsPath = contactsPath
        self.outputPath = outputPath
        self.links = links
        self.invitesAgain = invitesAgain
    }

    /// The links file next to the contacts: `contacts.csv` → `contacts-links.csv`.
    public static func defaultOutputPath(for contactsPath: String) -> String {
        let url = URL(fileURLWithPath: contactsPath)
        let stem = url.deletingPathExtension().lastPathComponent
        let name = stem + "-links." + (url.pathExtension.isEmpty ? "csv" : url.pathExtension)
        let folder = PathText.folder(of: contactsPath)
        return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }

    /// What a batch did.
    public struct Outcome: Sendable {
        public var invitations: [Invitation]
        /// Where the links file was written; nil when every row was invited before, and nothing was written.
        public var outputPath: String?
        /// Warnings about the contacts (a repeated email address, one that withdrew); the batch went ahead.
        public var warnings: [Diagnostic]
        /// The contacts file's rows left out because their address withdrew from the survey (W700).
        public var withdrawnRows: [Int]
        /// The contacts file's rows left out because the round has an invitation for them from an earlier batch (W441).
        public var alreadyInvitedRows: [Int]
        /// The contacts file's rows whose address an earlier row has, and the round no earlier batch (W440).
        public var repeatedRows: [Int]
        /// The rows invited that have no email address: their links go out some other way.
        public var rowsWithoutAddress: [Int]
        public var emailColumn: String?
        public var labelColumn: String?
    }

    /// Why a batch was refused: every problem found. Nothing was stored and no file written.
    public struct Refusal: Error, Sendable {
        public var diagnostics: [Diagnostic]
    }

    /// Checks the round, the contacts and that the links file does not exist yet, in that order;
    /// then makes the tokens, writes the links file and stores the invitations, so that either both
    /// the file and the invitations exist, or neither.
    public func run(store: any Store, today: CalendarDate) throws -> Outcome {
        _ = try store.invitationRound(named: round, on: today)
        let contacts = try checkedContacts()
        let withdrawn = try withdrawnContacts(contacts, store: store)
        let invited = try alreadyInvited(contacts, leavingOut: withdrawn.rows, store: store)
        let leftOut = withdrawn.rows.union(invitesAgain ? [] : invited.rows.union(contacts.repeatedRows))
        // A repeated address (W440) on a row withdrawn or invited before is warned of as such.
        let warnings = contacts.warnings.filter { warning in
            guard warning.code == .duplicateContactEmail, case .record(_, let row, _, _) = warning.location else { return true }
            return !withdrawn.rows.contains(row) && !invited.rows.contains(row)
        } + withdrawn.warnings + invited.warnings
        let columns = (email: contacts.email.map { contacts.table.header.names[$0] }, label: contacts.label.map { contacts.table.header.names[$0] })
        guard leftOut.count < contacts.table.rows.count else {
            return Outcome(
                invitations: [], outputPath: nil, warnings: warnings, withdrawnRows: withdrawn.rows.sorted(), alreadyInvitedRows: invited.rows.sorted(),
                repeatedRows: contacts.repeatedRows.subtracting(invited.rows).sorted(), rowsWithoutAddress: [], emailColumn: columns.email, labelColumn: columns.label)
        }
        // Checked last, so that an earlier links file does not hide what is wrong with the round or
        // the contacts: removing it to get past E466 would lose its tokens for nothing.
        if let reason = UnwritableFolder.foreseenReason(writing: outputPath, option: "--out") {
            throw Refusal(diagnostics: [Diagnostic(.outputUnwritable, at: .file(outputPath), "the links file cannot be written here: " + reason + "; nothing was stored")])
        }
        guard !FileManager.default.fileExists(atPath: outputPath) else {
            throw Refusal(diagnostics: [Diagnostic(.outputExists, at: .file(outputPath),
                "the links file exists already; its tokens would be lost if it were replaced — choose another --out")])
        }

        // A row left out gets no token: it is not in the links file and not stored.
        let tokens = contacts.table.rows.map { leftOut.contains($0.number) ? nil : InvitationToken.random() }
        let file: OutputFile
        do {
            file = try OutputFile(path: outputPath, permissions: 0o600)
        } catch {
            throw Refusal(diagnostics: [Diagnostic(.outputUnwritable, at: .file(outputPath),
                "the links file cannot be written here: " + UnwritableFolder.reason(writing: outputPath, option: "--out", system: "the file could not be made (\(error))")
                    + "; nothing was stored")])
        }
        do {
            try writeLinks(contacts.table, tokens: tokens, to: file.temporary)
        } catch {
            file.discard()
            throw error
        }
        let invitations: [Invitation]
        do {
            // Once the invitations are stored the written file is the only copy of their tokens:
            // an interrupt (Ctrl-C) from then on keeps it, one before removes it and stores nothing.
            invitations = try file.keeping {
                try store.addInvitations(
                    zip(contacts.table.rows, tokens).compactMap { row, token in
                        token.map { NewInvitation(token: $0, label: contacts.label.flatMap { row.value($0) }, email: contacts.email.flatMap { row.value($0) }) }
                    },
                    round: round, today: today)
            }
        } catch {
            file.discard()
            throw error
        }
        do {
            try file.install(replacing: false)
        } catch {
            // The invitations are stored: the written file is the only copy of their tokens, so keep it.
            throw Refusal(diagnostics: [Diagnostic(.outputUnwritable, at: .file(outputPath),
                "the invitations are stored, but the links file could not be moved into place (\(error)); its content is in \(file.temporary)")])
        }
        let withoutAddress = contacts.table.rows.filter { row in !leftOut.contains(row.number) && contacts.email.flatMap { row.value($0) } == nil }
        return Outcome(
            invitations: invitations, outputPath: outputPath, warnings: warnings, withdrawnRows: withdrawn.rows.sorted(), alreadyInvitedRows: invited.rows.sorted(),
            repeatedRows: contacts.repeatedRows.subtracting(invited.rows).sorted(), rowsWithoutAddress: withoutAddress.map(\.number), emailColumn: columns.email, labelColumn: columns.label)
    }

    private struct CheckedContacts {
        var table: ContactsTable
        var email: Int?
        var label: Int?
        /// The rows whose address an earlier row of the file has (W440).
        var repeatedRows: Set<Int>
        var warnings: [Diagnostic]
    }

    private func checkedContacts() throws -> CheckedContacts {
        let table: ContactsTable
        switch ContactsTable.read(path: contactsPath) {
        case .success(let read): table = read
        case .failure(let diagnostic): throw Refusal(diagnostics: [diagnostic])
        }
        var problems = DiagnosticList()
        let headerLine = table.headerLocation
        table.reportHeaderProblems(into: &problems)
        var seen: [String: Int] = [:]
        for (index, name) in table.header.names.enumerated() {
            let folded = name.trimmingCharacters(in: .whitespaces).lowercased()
            if let first = seen[folded], !folded.isEmpty, table.header.names[first] != name {
                problems.report(.malformedContacts, at: headerLine,
                    "header: columns \(first + 1) and \(index + 1) are both named \(folded) (in upper or lower case); rename one")
            }
            if seen[folded] == nil { seen[folded] = index }
            if folded == "token" || folded == "link" {
                problems.report(.contactsColumnClash, at: headerLine,
                    "the contacts already have a \(name) column, which the links file adds; rename or remove it (is this a links file from an earlier batch?)")
            }
        }
        if table.rows.isEmpty {
            problems.report(.noContacts, at: .file(contactsPath), "the contacts file has a header but no rows; add one row per invitee")
        }
        let email = Self.emailColumnNames.lazy.compactMap { seen[$0] }.first
        let label = Self.labelColumnNames.lazy.compactMap { seen[$0] }.first
        var firstRowOfEmail: [String: Int] = [:]
        var repeated: Set<Int> = []
        for row in table.rows {
            guard table.hasEveryField(row, into: &problems) else { continue }
            guard let email, let address = row.value(email) else { continue }
            let location = DiagnosticLocation.record(file: contactsPath, row: row.number, column: table.header.names[email], line: row.line)
            if !EmailAddress.isPlausible(address) {
                problems.report(.invalidContactEmail, at: location, "\"\(address)\" is not an email address (name@domain.se); correct it or leave the cell empty")
            } else if let first = firstRowOfEmail[address.lowercased()] {
                repeated.insert(row.number)
                problems.report(.duplicateContactEmail, at: location, "\(address) is on row \(first) too; " + (invitesAgain
                    ? "this row gets a link of its own too (--again), and the response rate counts both"
                    : "the row is left out of the links file, so that the address gets one mail and counts once in the response rate (--again gives it a link of its own)"))
            } else {
                firstRowOfEmail[address.lowercased()] = row.number
            }
        }
        if email == nil, let column = Self.columnOfAddresses(table) {
            problems.report(.unnamedEmailColumn, at: headerLine,
                "column \(table.header.names[column]) holds email addresses, but only a column named email (or \(Self.emailColumnNames.dropFirst().joined(separator: ", "))) is read as them "
                    + "(stored with the invitation, checked, compared for the same address twice, and with the addresses that withdrew from the survey, W700, "
                    + "which would otherwise be invited again); rename it email if it is the invitees' address")
        }
        if problems.hasErrors { throw Refusal(diagnostics: problems.sorted) }
        return CheckedContacts(table: table, email: email, label: label, repeatedRows: repeated, warnings: problems.sorted)
    }

    /// The names of the contacts' address column, in any case, the first present taken: English,
    /// and Swedish as a Swedish spreadsheet's header has it, then as Outlook's and mailing tools'
    /// contact exports head it.
    static let emailColumnNames = ["email", "e-mail", "e-post", "epost", "e-postadress", "email address", "e-mail address"]
    /// The names of the invitees' label column, likewise.
    static let labelColumnNames = ["label", "name", "namn"]

    /// The first column whose non-empty cells are all email addresses (`Mail`, `Adress`), if any.
    private static func columnOfAddresses(_ table: ContactsTable) -> Int? {
        table.header.names.indices.first { column in
            let values = table.rows.compactMap { $0.fields.count == table.header.names.count ? $0.value(column) : nil }
            return !values.isEmpty && values.allSatisfy(EmailAddress.isPlausible)
        }
    }

    /// The rows whose address is on the suppression list of the round's survey, each with a
    /// warning (W700) that names its row and the withdrawal, never the address; E709 when that is
    /// every row.
    private func withdrawnContacts(_ contacts: CheckedContacts, store: any Store) throws -> (rows: Set<Int>, warnings: [Diagnostic]) {
        guard let email = contacts.email else { return ([], []) }
        let addressed = contacts.table.rows.compactMap { row in row.value(email).map { (row, $0) } }
        let suppressions = try store.suppressions(of: addressed.map(\.1), round: round)
        guard !suppressions.isEmpty else { return ([], []) }
        let column = contacts.table.header.names[email]
        var rows: Set<Int> = []
        var warnings: [Diagnostic] = []
        for (row, address) in addressed {
            guard let suppression = suppressions[address] else { continue }
            rows.insert(row.number)
            let when = "\(suppression.suppressedAt.text.prefix(10))"
            warnings.append(Diagnostic(.contactWithdrew, at: .record(file: contactsPath, row: row.number, column: column, line: row.line),
                "this address withdrew from survey \(suppression.survey) on \(when) (samla erase --withdraw, invitation \(suppression.invitationID) of round \(suppression.round)); "
                    + "the row is not invited and is left out of the links file. If the person asks to take part again: samla erase --suppression --email ADDRESS"))
        }
        if rows.count == contacts.table.rows.count {
            throw Refusal(diagnostics: warnings + [Diagnostic(.everyContactWithdrew, at: .file(contactsPath),
                "every row of the contacts file (\(rows.count)) is a person who withdrew from the survey (W700 above); no invitation was made and no links file written")])
        }
        return (rows, warnings)
    }

    /// The rows that have an invitation to the round from an earlier batch (the same file run again,
    /// or grown by new contacts, or a contact in two lists), each with a warning (W441): by its address,
    /// compared without case, or, for a row without one, by its label among the invitations without
    /// one. Unless `invitesAgain`, they are left out and their earlier links stand; rows left out
    /// for another reason (`leavingOut`) get no warning.
    private func alreadyInvited(_ contacts: CheckedContacts, leavingOut withdrawn: Set<Int>, store: any Store) throws -> (rows: Set<Int>, warnings: [Diagnostic]) {
        let earlier = try store.invitations(round: round)
        guard !earlier.isEmpty, contacts.email != nil || contacts.label != nil else { return ([], []) }
        let addresses = Set(earlier.compactMap { $0.email?.lowercased() })
        let labels = Set(earlier.filter { $0.email == nil }.compactMap(\.label))
        var rows: Set<Int> = []
        var warnings: [Diagnostic] = []
        let outcome = invitesAgain
            ? "gets a second link (--again), the first one still works, and the response rate counts both"
            : "is left out of the links file: its link is in the earlier links file and still works (--again gives it a second one)"
        for row in contacts.table.rows where !withdrawn.contains(row.number) {
            let address = contacts.email.flatMap { row.value($0) }
            let match: (column: Int, text: String)? = if let address, let column = contacts.email {
                addresses.contains(address.lowercased()) ? (column, address) : nil
            } else if address == nil, let column = contacts.label, let label = row.value(column), labels.contains(label) {
                (column, "\(label) (without an address)")
            } else {
                nil
            }
            guard let match else { continue }
            rows.insert(row.number)
            warnings.append(Diagnostic(.contactAlreadyInvited, at: .record(file: contactsPath, row: row.number, column: contacts.table.header.names[match.column], line: row.line),
                "\(match.text) has an invitation to round \(round) from an earlier batch; \(invitesAgain ? "this" : "the") row " + outcome))
        }
        // A list grown by a few rows is mostly rows invited before: one warning says so, not one per row.
        guard warnings.count > Self.rowsWarnedOneByOne else { return (rows, warnings) }
        return (rows, [Diagnostic(.contactAlreadyInvited, at: .file(contactsPath),
            "\(rows.count) rows (\(RowNumbers.text(Array(rows)))) have an invitation to round \(round) from an earlier batch, by their address or, without one, their label; each such row "
                + outcome)])
    }

    /// The most rows invited before (W441) that are each warned of with their row; more are warned of together.
    static let rowsWarnedOneByOne = 5

    /// Writes the links file at `path`: each row that has a token, with its token and link.
    private func writeLinks(_ table: ContactsTable, tokens: [InvitationToken?], to path: String) throws {
        do {
            try table.write(into: path, addedColumns: ["token", "link"]) { index in tokens[index].map { [$0.text, links.personal($0.text)] } }
        } catch let error as CSVWriteError where error.isDiskFull {
            throw Refusal(diagnostics: [Diagnostic(.outputDiskFull, at: .file(outputPath),
                "the links file cannot be written: " + DiskFull.reason(writing: outputPath, option: "--out") + "; no invitation was stored")])
        } catch {
            throw Refusal(diagnostics: [Diagnostic(.outputUnwritable, at: .file(outputPath), "the links file could not be written: \(error); no invitation was stored")])
        }
    }
}

extension ContactsTable.Row {
    /// The trimmed cell, or nil when it is empty.
    func value(_ column: Int) -> String? {
        let text = fields[column].trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }
}
