import Diagnostics
import Store

/// Checks the `token` cells of an import against the round's invitations, as the web checks a
/// personal link: by the token's hash only, so the token itself is never stored, and no message
/// or report repeats it. A row's token must be an invitation to the round that has no response yet
/// (none stored, and no earlier row of the file with the same token) and whose respondent has not withdrawn.
///
/// It reads the store on the import's reading thread while the import holds the write lock, so
/// no web response can begin with one of the tokens before the import commits.
final class InvitationTokenCheck {
    /// A refusal of a row's token.
    struct Refusal: Error {
        var code: DiagnosticCode
        var message: String
    }

    private let store: any Store
    private let round: String
    /// The row where each token (by hash) was first given.
    private var firstRow: [String: Int] = [:]

    init(store: any Store, round: String) {
        self.store = store
        self.round = round
    }

    /// The id of the invitation that `text` (a trimmed cell, not empty) names on row `row`, or why
    /// the row cannot be that invitation's response. Throws when the store cannot be read.
    func invitation(_ text: String, row: Int) throws -> Result<Int64, Refusal> {
        let leaveEmpty = "or leave the cell empty to import the row as a response without an invitation"
        guard let token = InvitationToken(text) else {
            return .failure(Refusal(code: .unknownImportToken, message:
                "the cell is not a token as samla invite writes them (43 letters, digits, - and _; it has \(text.count) characters); "
                    + "copy the token from the links file (the row's link ends in it), \(leaveEmpty)"))
        }
        let hash = token.hash
        if let first = firstRow[hash] {
            return .failure(Refusal(code: .invitationAnswered, message:
                "row \(first) has this token already, and an invitation has one response; keep one of the two rows, "
                    + "or leave this row's cell empty to import it as a response without an invitation"))
        }
        firstRow[hash] = row
        guard let found = try store.invitationProgress(tokenHashes: [hash])[hash] else {
            return .failure(Refusal(code: .unknownImportToken, message:
                "no invitation in this database has this token; was it changed, or copied from another database's links file? "
                    + "Copy it from the links file of round \(round), \(leaveEmpty)"))
        }
        guard found.round == round else {
            return .failure(Refusal(code: .unknownImportToken, message:
                "this token is an invitation to round \(found.round), not \(round); import the row into round \(found.round), \(leaveEmpty)"))
        }
        if let withdrawnAt = found.invitation.withdrawnAt {
            return .failure(Refusal(code: .invitationWithdrawn, message:
                "this token's respondent withdrew on \(withdrawnAt.minuteText) (samla erase --withdraw): their response was removed and the invitation "
                    + "takes no other; leave the row out, as they withdrew their consent"))
        }
        if let responseID = found.invitation.responseID {
            return .failure(Refusal(code: .invitationAnswered, message: try answeredMessage(responseID)))
        }
        return .success(found.invitation.id)
    }

    /// Why an invitation with response `id` takes no other: how and when that response was begun or completed.
    private func answeredMessage(_ id: Int64) throws -> String {
        let record = try store.response(id)?.record
        let how = switch record?.source {
        case .web?: "on the web"
        case .api?: "through the API"
        case .import?: "by an earlier import"
        case nil: ""
        }
        let what = if let record, record.status == .complete {
            "completed \(how) \((record.submittedAt ?? record.updatedAt).minuteText)"
        } else if let record {
            "started \(how) \(record.startedAt.minuteText) and not completed (last saved \(record.updatedAt.minuteText))"
        } else {
            "begun"
        }
        return "this token's invitation has a response already (response \(id), \(what)), and an invitation has one response; "
            + "an import does not replace it: import the row without its token (leave the cell empty) as a response without an invitation, "
            + "or leave the row out"
    }
}
