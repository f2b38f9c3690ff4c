import Diagnostics
import Expressions
import Foundation
import Intake
import Store
import Testing

/// `DispositionFile` against real SQLite files and the files of `Fixtures/dispositions`, whose
/// tokens are fixed: to `forum-2025`, `AAA…` (anna@example.se), `DDD…` (delta@example.se) and `FFF…`
/// (delta@example.se too) have no response, `-BBB…` a partial one, `CCC…` a complete one, and `EEE…`
/// is withdrawn; `OOO…` invites to `forum-2026`; `UUU…` is no invitation.
@Suite struct DispositionFileTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/dispositions")
    static let today = CalendarDate(year: 2025, month: 10, day: 15)!
    static func token(_ letter: Character) -> InvitationToken {
        InvitationToken(letter == "B" ? "-" + String(repeating: "B", count: 42) : String(repeating: letter, count: 43))!
    }

    final class Workspace {
        let folder: URL
        let store: SQLiteStore
        /// The invitations of forum-2025 by their token's letter.
        var invitations: [Character: Invitation] = [:]

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-dispositions-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            store = try SQLiteStore(path: folder.appendingPathComponent("samla.sqlite").path)
            try ForumRounds.open([("forum-2025", false), ("forum-2026", false), ("forum-open", true)], in: store)
            let emails: [Character: String] = ["A": "anna@example.se", "D": "delta@example.se", "F": "delta@example.se"]
            let letters = Array("ABCDEF")
            let made = try store.addInvitations(
                letters.map { NewInvitation(token: DispositionFileTests.token($0), email: emails[$0]) }, round: "forum-2025", today: DispositionFileTests.today)
            for (letter, invitation) in zip(letters, made) { invitations[letter] = invitation }
            _ = try store.addInvitations([NewInvitation(token: DispositionFileTests.token("O"))], round: "forum-2026", today: DispositionFileTests.today)
            _ = try store.createResponse(
                NewResponse(round: "forum-2025", language: "sv", source: .web, invitationID: invitations["B"]!.id), today: DispositionFileTests.today)
            let done = try store.createResponse(
                NewResponse(round: "forum-2025", language: "sv", source: .web, invitationID: invitations["C"]!.id), today: DispositionFileTests.today)
            _ = try store.completeResponse(done.id)
            try store.erase(.withdrawal(.invitation(tokenHash: DispositionFileTests.token("E").hash)))
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func file(_ fixture: String, round: String = "forum-2025") -> DispositionFile {
            DispositionFile(round: round, path: DispositionFileTests.path(fixture))
        }

        /// The dispositions stored, by the token's letter.
        func stored() throws -> [Character: InvitationDisposition] {
            var result: [Character: InvitationDisposition] = [:]
            for invitation in try store.invitations(round: "forum-2025") {
                guard let disposition = invitation.disposition,
                      let letter = invitations.first(where: { $0.value.id == invitation.id })?.key else { continue }
                result[letter] = disposition
            }
            return result
        }

        func refusal(_ fixture: String, round: String = "forum-2025") -> [String] {
            do {
                _ = try file(fixture, round: round).run(store: store, apply: true)
                return ["not refused"]
            } catch let refusal as DispositionFile.Refusal {
                return refusal.diagnostics.map(\.description)
            } catch let error as StoreError {
                return error.diagnostics(database: "samla.sqlite").map(\.description)
            } catch {
                return ["\(error)"]
            }
        }
    }

    static func path(_ fixture: String) -> String { fixtures.appendingPathComponent(fixture).path }

    /// A semicolon file with a byte order mark, Swedish codes in any case and spacing, a column
    /// named Utfall, a row repeating an invitation with the same disposition and an empty row: a
    /// preview stores nothing, and `apply` stores each once.
    @Test func swedishCodesArePreviewedThenRecorded() throws {
        let workspace = try Workspace()
        let preview = try workspace.file("swedish.csv").run(store: workspace.store, apply: false)
        #expect(preview.rows == 4 && preview.keyColumn == "token" && !preview.stored)
        #expect(preview.changes.count == 3, "Anna's two rows agree, so count once")
        #expect(preview.recorded == [.refused: 1, .ineligible: 1, .nonContact: 1] && preview.cleared == 0 && preview.unchanged == 0)
        #expect(try workspace.stored().isEmpty, "a preview records nothing")

        let applied = try workspace.file("swedish.csv").run(store: workspace.store, apply: true)
        #expect(applied.stored)
        #expect(try workspace.stored() == ["A": .refused, "D": .ineligible, "F": .nonContact])
        let anna = try #require(try workspace.store.invitation(tokenHash: Self.token("A").hash))
        #expect(anna.dispositionSetAt != nil)

        let again = try workspace.file("swedish.csv").run(store: workspace.store, apply: true)
        #expect(again.recorded.isEmpty && again.unchanged == 3, "what is stored already changes nothing")
        #expect(try workspace.store.invitation(tokenHash: Self.token("A").hash)?.dispositionSetAt == anna.dispositionSetAt, "its time stays")
    }

    /// `none` (and `ingen`) clear a recorded disposition; the summary then counts it unknown again.
    @Test func noneClearsARecordedDisposition() throws {
        let workspace = try Workspace()
        _ = try workspace.file("swedish.csv").run(store: workspace.store, apply: true)
        let outcome = try workspace.file("clear.csv").run(store: workspace.store, apply: true)
        #expect(outcome.cleared == 2 && outcome.recorded == [.refused: 1])
        #expect(try workspace.stored() == ["F": .refused])
        let anna = try #require(try workspace.store.invitation(tokenHash: Self.token("A").hash))
        #expect(anna.disposition == nil && anna.dispositionSetAt == nil)
        #expect(try workspace.store.roundSummaries()[0].dispositions == DispositionCounts(refused: 1))
    }

    /// A bounce is no disposition (AAPOR: unknown eligibility): refused with what to write instead.
    @Test func aBounceIsRefusedWithWhatToWriteInstead() throws {
        let workspace = try Workspace()
        let file = Self.path("bounced.csv")
        let why = "an invitation returned undelivered is of unknown eligibility under AAPOR's Standard Definitions "
            + "(a dead address may belong to an organisation that has closed), so it takes no disposition: leave the row out; "
            + "write non-contact (ej-kontakt) if the organisation is known to be in the population, or ineligible (ej-behörig) if it has closed down"
        #expect(workspace.refusal("bounced.csv") == [
            "\(file):2: error[E711]: row 1, column disposition: \"Studsade\": \(why)",
            "\(file):3: error[E711]: row 2, column disposition: \"bounced\": \(why)",
        ])
        #expect(try workspace.stored().isEmpty)
    }

    /// Every bad row is refused with its row and column, in one refusal, and nothing is stored,
    /// not even the good row (FFF…, refused).
    @Test func everyBadRowIsRefusedAndNothingIsStored() throws {
        let workspace = try Workspace()
        let file = Self.path("bad-rows.csv")
        let withdrawn = try #require(try workspace.store.invitation(tokenHash: Self.token("E").hash)?.withdrawnAt)
        let responseB = try #require(workspace.store.invitation(tokenHash: Self.token("B").hash)?.responseID)
        let responseC = try #require(workspace.store.invitation(tokenHash: Self.token("C").hash)?.responseID)
        #expect(workspace.refusal("bad-rows.csv") == [
            "\(file):2: error[E711]: row 1, column disposition: \"maybe\" is no disposition Samla knows; give one of refused, non-contact, ineligible, none, or a Swedish one (vägrat, ej-kontakt, ej-behörig, ingen)",
            "\(file):3: error[E711]: row 2, column disposition: the disposition is missing; give one of refused, non-contact, ineligible, none (none clears a recorded one), or leave the row out",
            "\(file):4: error[E712]: row 3, column token: \"not-a-token\" is not a token as samla invite writes them (43 letters, digits, - and _); copy it from the links file",
            "\(file):5: error[E712]: row 4, column token: no invitation in this database has this token; is the file of another database (--db)?",
            "\(file):6: error[E712]: row 5, column token: it is an invitation to round forum-2026, not forum-2025",
            "\(file):7: error[E713]: row 6, column token: this invitation has a response (\(responseB)), which decides its disposition (complete or partial, as AAPOR counts it); leave the row out",
            "\(file):8: error[E713]: row 7, column token: this invitation has a response (\(responseC)), which decides its disposition (complete or partial, as AAPOR counts it); leave the row out",
            "\(file):9: error[E716]: row 8, column token: this invitation's respondent withdrew on \(withdrawn.minuteText) (samla erase --withdraw), and the rates count it as a refusal already; leave the row out",
            "\(file):11: error[E714]: row 10, column disposition: row 9 gives this invitation refused, this row ineligible; keep the one row that is right",
            "\(file):12: error[E461]: row 11: 3 fields, but the header has 2 columns",
            "\(file):13: error[E712]: row 12, column token: the token is missing; copy it from the links file that samla invite wrote",
        ])
        #expect(try workspace.stored().isEmpty)
    }

    /// By address: compared without case; one that two invitations share, and one that none has, are refused.
    @Test func addressesNameOneInvitationOrAreRefused() throws {
        let workspace = try Workspace()
        let file = Self.path("emails.csv")
        #expect(workspace.refusal("emails.csv") == [
            "\(file):3: error[E715]: row 2, column email: 2 invitations of round forum-2025 have this address; name each by its token instead (a token column, as in the links file)",
            "\(file):4: error[E712]: row 3, column email: no invitation of round forum-2025 has this address (compared without case); check it, or name the invitation by its token (a token column, as in the links file)",
        ])
        #expect(try workspace.stored().isEmpty, "the good first row is not stored either")
    }

    @Test func aFileWithoutTheColumnsItNeedsIsRefused() throws {
        let workspace = try Workspace()
        #expect(workspace.refusal("no-key.csv") == [
            "\(Self.path("no-key.csv")):1:1: error[E710]: the dispositions file has no token column (as in the links file of samla invite) and no email column; add one of them, to name each row's invitation",
        ])
        #expect(workspace.refusal("no-disposition.csv") == [
            "\(Self.path("no-disposition.csv")):1:1: error[E710]: the dispositions file has no disposition column; add one, with refused, non-contact, ineligible or none on each row (docs/rounds.md)",
        ])
    }

    /// An anonymous round has no invitations to give dispositions to; a round not there is named with a suggestion.
    @Test func theRoundMustTakeInvitations() throws {
        let workspace = try Workspace()
        #expect(workspace.refusal("swedish.csv", round: "forum-open").first?.contains("error[E450]") == true)
        #expect(workspace.refusal("swedish.csv", round: "forum-2205").first?.contains("did you mean forum-2025?") == true)
    }

    /// The codes each name one value, whatever the case and spacing; `none` and its synonyms clear.
    @Test func codesAreReadInEnglishAndSwedish() {
        #expect(DispositionFile.value(of: " Vägrat ") == .some(.refused))
        #expect(DispositionFile.value(of: "NON_CONTACT") == .some(.nonContact))
        #expect(DispositionFile.value(of: "ej kontakt") == .some(.nonContact))
        #expect(DispositionFile.value(of: "Ej-Behörig") == .some(.ineligible))
        #expect(DispositionFile.value(of: "okänd") == .some(nil))
        #expect(DispositionFile.value(of: "perhaps") == nil)
        let words = DispositionFile.codes.flatMap(\.words)
        #expect(Set(words).count == words.count, "no word names two values")
    }
}
