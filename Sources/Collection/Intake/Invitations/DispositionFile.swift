import Diagnostics
import Foundation
import Store

/// `samla round dispositions`: the final dispositions of a round's invitations that did not
/// respond, read from a CSV file (comma or semicolon separated) with a `token` column (as in the
/// links file of `samla invite`) or an `email` column, and a `disposition` column. Every row is
/// checked first; any problem refuses the whole file, and nothing is stored.
public struct DispositionFile: Sendable {
    public var round: String
    public var path: String

    public init(round: String, path: String) {
        self.round = round
        self.path = path
    }

    /// What a row asks for: a disposition, or none (unknown eligibility again).
    public typealias Value = InvitationDisposition?

    /// The codes a disposition cell may hold, in English and Swedish, compared without case, with
    /// a space or `_` taken as `-`: the code for each disposition, then `none` (and its synonyms),
    /// which clears one.
    public static let codes: [(words: [String], value: Value)] = [
        (["refused", "refusal", "declined", "vägrat", "vägrade", "vägran", "avböjt", "avböjde"], .refused),
        (["non-contact", "noncontact", "no-contact", "ej-kontakt", "ingen-kontakt", "ej-nådd"], .nonContact),
        (["ineligible", "not-eligible", "ej-behörig", "inte-behörig", "obehörig"], .ineligible),
        (["none", "unknown", "ingen", "okänd"], nil),
    ]

    /// Words for an invitation returned undelivered, which is no disposition: AAPOR's Standard
    /// Definitions code it under unknown eligibility (a dead address may be an organisation that has
    /// closed), so such a row is refused with what to write instead.
    static let undeliveredWords: Set<String> = ["bounced", "bounce", "undelivered", "undeliverable", "returned", "studsade", "studsat", "studs", "obeställbar"]

    /// The column names read, compared without case.
    static let tokenColumnName = "token"
    static let dispositionColumnNames = ["disposition", "utfall"]

    /// The value of a disposition cell, or nil when it holds no code Samla knows.
    public static func value(of text: String) -> Value? {
        codes.first { $0.words.contains(folded(text)) }.map(\.value)
    }

    /// `text` as codes are compared: trimmed, lower-cased, a space or `_` read as `-`.
    private static func folded(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "_", with: "-")
    }

    /// What the file asks for, checked against the store.
    public struct Outcome: Sendable {
        /// Rows of the file (blank rows not counted).
        public var rows: Int
        /// The column that names the invitations: the token column, or the email column.
        public var keyColumn: String
        /// One per invitation named; rows that name one invitation twice with the same disposition count once.
        public var changes: [DispositionChange]
        /// Of `changes`, those that set each disposition, and those that clear one, that differ from what is stored.
        public var recorded: [InvitationDisposition: Int]
        public var cleared: Int
        /// Of `changes`, those the store has already.
        public var unchanged: Int
        /// Whether the changes were stored.
        public var stored: Bool
    }

    /// Why a run was refused: every problem found. Nothing was stored.
    public struct Refusal: Error, Sendable {
        public var diagnostics: [Diagnostic]
        /// The rows checked (blank rows not counted); nil when the file was refused before its rows
        /// were (unreadable, a column missing, no rows).
        public var rowsRead: Int?

        init(diagnostics: [Diagnostic], rowsRead: Int? = nil) {
            self.diagnostics = diagnostics
            self.rowsRead = rowsRead
        }

        /// The rows with an error.
        public var rowsWithErrors: Int {
            Set(diagnostics.compactMap { diagnostic -> Int? in
                guard diagnostic.isError, case .record(_, let row, _, _) = diagnostic.location else { return nil }
                return row
            }).count
        }
    }

    /// Reads and checks the file against the round's invitations; with `apply`, stores the changes
    /// (all or none), and otherwise only says what they would be.
    public func run(store: any Store, apply: Bool) throws -> Outcome {
        _ = try store.invitationOnlyRound(named: round)
        let (table, columns) = try checkedColumns()
        let invitations = try store.invitations(round: round)
        var problems = DiagnosticList()
        var firstRow: [Int64: (row: Int, value: Value)] = [:]
        var changes: [DispositionChange] = []
        var byID: [Int64: Invitation] = [:]
        let lookup = InvitationLookup(invitations)
        let keyName = table.header.names[columns.key]
        let dispositionName = table.header.names[columns.disposition]
        let otherRounds = try otherRoundsOfTokens(table, columns: columns, lookup: lookup, store: store)
        for row in table.rows {
            guard table.hasEveryField(row, into: &problems) else { continue }
            let keyPlace = DiagnosticLocation.record(file: path, row: row.number, column: keyName, line: row.line)
            let valuePlace = DiagnosticLocation.record(file: path, row: row.number, column: dispositionName, line: row.line)
            let value = checkedValue(row.value(columns.disposition), at: valuePlace, into: &problems)
            guard let invitation = checkedInvitation(row.value(columns.key), byToken: columns.byToken, lookup: lookup,
                                                     otherRounds: otherRounds, at: keyPlace, into: &problems),
                  let value else { continue }
            if let responseID = invitation.responseID {
                problems.report(.dispositionOfAnsweredInvitation, at: keyPlace,
                    "this invitation has a response (\(responseID)), which decides its disposition (complete or partial, as AAPOR counts it); leave the row out")
                continue
            }
            if let withdrawn = invitation.withdrawnAt {
                problems.report(.dispositionOfWithdrawnInvitation, at: keyPlace,
                    "this invitation's respondent withdrew on \(withdrawn.minuteText) (samla erase --withdraw), and the rates count it as a refusal already; leave the row out")
                continue
            }
            if let first = firstRow[invitation.id] {
                if first.value != value {
                    problems.report(.conflictingDispositions, at: valuePlace,
                        "row \(first.row) gives this invitation \(Self.name(first.value)), this row \(Self.name(value)); keep the one row that is right")
                }
                continue
            }
            firstRow[invitation.id] = (row.number, value)
            byID[invitation.id] = invitation
            changes.append(DispositionChange(invitationID: invitation.id, disposition: value))
        }
        if problems.hasErrors { throw Refusal(diagnostics: problems.sorted, rowsRead: table.rows.count) }

        let differing = changes.filter { byID[$0.invitationID]?.disposition != $0.disposition }
        var recorded: [InvitationDisposition: Int] = [:]
        for change in differing { if let disposition = change.disposition { recorded[disposition, default: 0] += 1 } }
        if apply { try store.setDispositions(changes, round: round) }
        return Outcome(
            rows: table.rows.count, keyColumn: keyName, changes: changes, recorded: recorded,
            cleared: differing.count(where: { $0.disposition == nil }), unchanged: changes.count - differing.count, stored: apply)
    }

    /// The columns read: the one that names the invitation (token, else email) and the disposition.
    private struct Columns {
        var key: Int
        var byToken: Bool
        var disposition: Int
    }

    private func checkedColumns() throws -> (ContactsTable, Columns) {
        let table: ContactsTable
        switch ContactsTable.read(path: path, kind: .dispositions) {
        case .success(let read): table = read
        case .failure(let diagnostic): throw Refusal(diagnostics: [diagnostic])
        }
        var problems = DiagnosticList()
        table.reportHeaderProblems(into: &problems)
        let folded = table.header.names.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let token = folded.firstIndex(of: Self.tokenColumnName)
        let email = InvitationBatch.emailColumnNames.lazy.compactMap { folded.firstIndex(of: $0) }.first
        let disposition = Self.dispositionColumnNames.lazy.compactMap { folded.firstIndex(of: $0) }.first
        if token == nil && email == nil {
            problems.report(.dispositionsColumnMissing, at: table.headerLocation,
                "the dispositions file has no token column (as in the links file of samla invite) and no email column; add one of them, to name each row's invitation")
        }
        if disposition == nil {
            problems.report(.dispositionsColumnMissing, at: table.headerLocation,
                "the dispositions file has no disposition column; add one, with refused, non-contact, ineligible or none on each row (docs/rounds.md)")
        }
        if table.rows.isEmpty {
            problems.report(.noContacts, at: .file(path), "the dispositions file has a header but no rows; give one row per invitation whose disposition to record")
        }
        guard let key = token ?? email, let disposition, !problems.hasErrors else { throw Refusal(diagnostics: problems.sorted) }
        return (table, Columns(key: key, byToken: token != nil, disposition: disposition))
    }

    private func checkedValue(_ text: String?, at place: DiagnosticLocation, into problems: inout DiagnosticList) -> Value? {
        let known = Self.codes.map { $0.words[0] }.joined(separator: ", ")
        guard let text else {
            problems.report(.unknownDisposition, at: place,
                "the disposition is missing; give one of \(known) (none clears a recorded one), or leave the row out")
            return nil
        }
        if Self.undeliveredWords.contains(Self.folded(text)) {
            problems.report(.unknownDisposition, at: place,
                "\"\(ReminderList.excerpt(text))\": an invitation returned undelivered is of unknown eligibility under AAPOR's Standard Definitions "
                    + "(a dead address may belong to an organisation that has closed), so it takes no disposition: leave the row out; "
                    + "write non-contact (ej-kontakt) if the organisation is known to be in the population, or ineligible (ej-behörig) if it has closed down")
            return nil
        }
        guard let value = Self.value(of: text) else {
            let suggestion = Suggestions.didYouMean(text.lowercased(), in: Self.codes.flatMap(\.words))
            problems.report(.unknownDisposition, at: place,
                "\"\(ReminderList.excerpt(text))\" is no disposition Samla knows\(suggestion); give one of \(known), or a Swedish one (vägrat, ej-kontakt, ej-behörig, ingen)")
            return nil
        }
        return value
    }

    private func checkedInvitation(
        _ text: String?, byToken: Bool, lookup: InvitationLookup, otherRounds: [String: String], at place: DiagnosticLocation,
        into problems: inout DiagnosticList
    ) -> Invitation? {
        guard let text else {
            problems.report(.dispositionUnknownInvitation, at: place,
                byToken ? "the token is missing; copy it from the links file that samla invite wrote" : "the address is missing; give the address the invitation was sent to")
            return nil
        }
        if byToken {
            guard let token = InvitationToken(text) else {
                problems.report(.dispositionUnknownInvitation, at: place,
                    "\"\(ReminderList.excerpt(text))\" is not a token as samla invite writes them (43 letters, digits, - and _); copy it from the links file")
                return nil
            }
            if let invitation = lookup.byTokenHash[token.hash] { return invitation }
            let other = otherRounds[token.hash].map { "it is an invitation to round \($0), not \(round)" }
                ?? "no invitation in this database has this token; is the file of another database (--db)?"
            problems.report(.dispositionUnknownInvitation, at: place, other)
            return nil
        }
        let matches = lookup.byEmail[text.lowercased()] ?? []
        guard let first = matches.first else {
            problems.report(.dispositionUnknownInvitation, at: place,
                "no invitation of round \(round) has this address (compared without case); check it, or name the invitation by its token (a token column, as in the links file)")
            return nil
        }
        guard matches.count == 1 else {
            problems.report(.dispositionAmbiguousEmail, at: place,
                "\(matches.count) invitations of round \(round) have this address; name each by its token instead (a token column, as in the links file)")
            return nil
        }
        return first
    }

    /// The rounds of the file's tokens that are no invitation to this round, keyed by hash: one query.
    private func otherRoundsOfTokens(_ table: ContactsTable, columns: Columns, lookup: InvitationLookup, store: any Store) throws -> [String: String] {
        guard columns.byToken else { return [:] }
        let strangers = table.rows.compactMap { row -> String? in
            guard row.fields.count > columns.key, let hash = row.value(columns.key).flatMap(InvitationToken.init)?.hash else { return nil }
            return lookup.byTokenHash[hash] == nil ? hash : nil
        }
        guard !strangers.isEmpty else { return [:] }
        return try store.invitationProgress(tokenHashes: strangers).mapValues(\.round)
    }

    /// The round's invitations by token hash and by address (without case).
    private struct InvitationLookup {
        var byTokenHash: [String: Invitation] = [:]
        var byEmail: [String: [Invitation]] = [:]

        init(_ invitations: [Invitation]) {
            for invitation in invitations {
                byTokenHash[invitation.tokenHash] = invitation
                if let email = invitation.email { byEmail[email.lowercased(), default: []].append(invitation) }
            }
        }
    }

    /// A disposition as the messages name it.
    static func name(_ value: Value) -> String { value?.rawValue ?? "none" }

}
