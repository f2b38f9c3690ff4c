import Diagnostics
import Expressions
import Foundation
import Store

/// What `samla erase` prints: an erasure as a sentence, a line of the log, or JSON.
enum ErasureText {
    /// What an erasure removes (or removed, once `made`), and what stays.
    static func sentence(_ erasure: Erasure, made: Bool) -> String {
        let status = erasure.responseStatus.map { ", \($0.rawValue)" } ?? ""
        switch erasure.kind {
        case .personalData:
            let what = erasure.responseID.map { "response \($0) (round \(erasure.round)\(status))" }
                ?? "invitation \(erasure.invitationID ?? 0) of round \(erasure.round) (no response yet)"
            let stays = erasure.responseID == nil ? "" : "; its other answers stay, and it counts in results as before"
            return "\(made ? "erased" : "would erase") the personal data of \(what): \(removed(erasure))\(stays)\(logged(erasure))"
        case .withdrawal:
            let what = erasure.responseID.map { "response \($0) (round \(erasure.round)\(status))" }
                ?? "invitation \(erasure.invitationID ?? 0) of round \(erasure.round) (no response yet)"
            let invitation = erasure.invitationID == nil
                ? "; it came without an invitation, so no link of it is left"
                : "; the invitation stays, withdrawn: its link begins no new response, and the round's response rate counts it as a refusal (AAPOR R)"
            let suppressed = erasure.suppressions == 0 ? ""
                : "; its address goes on the survey's suppression list as a keyed hash, so that samla invite leaves it out of later rounds"
            return "\(made ? "withdrew" : "would withdraw") \(what): \(removed(erasure))\(invitation)\(suppressed)\(logged(erasure))"
        case .roundPersonalData:
            return "\(made ? "erased" : "would erase") the personal data of round \(erasure.round): \(removed(erasure)); its other answers stay\(logged(erasure))"
        case .suppression:
            return "\(made ? "lifted" : "would lift") the suppression of this address, kept since the withdrawal of invitation \(erasure.invitationID ?? 0) "
                + "of round \(erasure.round): samla invite invites it to the survey's rounds again\(logged(erasure))"
        }
    }

    /// The warnings of a withdrawal (`named` is the option that named it, `made` once it is): W701
    /// for an invitation without an address, which nothing can put on the suppression list; W702 for
    /// each other invitation of the survey to its address, which keeps its link.
    static func warnings(_ erasure: Erasure, made: Bool, named option: String) -> [Diagnostic] {
        guard erasure.kind == .withdrawal, let invitation = erasure.invitationID else { return [] }
        guard erasure.emails > 0 else {
            return [Diagnostic(.withdrawalWithoutAddress, at: .field(option),
                "invitation \(invitation) of round \(erasure.round) has no e-mail address (erased before, or its contacts file had none), so it cannot go on the "
                    + "suppression list: samla invite will not recognise the person in a later contacts file; take their row out of the survey's contacts files by hand")]
        }
        let sharedRounds = Dictionary(grouping: erasure.otherInvitations, by: \.round).filter { $0.value.count > 1 }.keys
        return erasure.otherInvitations.map { other in
            let state = switch other.responseStatus {
            case nil: "not begun"
            case .partial?: "partial response"
            case .complete?: "complete response"
            }
            let command = if !sharedRounds.contains(other.round) {
                "samla erase --round \(other.round) --email ADDRESS --withdraw"
            } else if let response = other.responseID {
                "samla erase --response \(response) --withdraw"
            } else {
                "samla erase --token=TOKEN --withdraw, with its token from the links file of round \(other.round)"
            }
            let left = made ? "which this withdrawal left as it is" : "which withdrawing invitation \(invitation) leaves as it is"
            let remind = made ? "while the address is on the suppression list" : "once the address is on the suppression list"
            return Diagnostic(.withdrawnAddressHasOtherInvitations, at: .field(option),
                "this address also has invitation \(other.invitationID) of round \(other.round) (\(state)), \(left): its link keeps working, "
                    + "and samla remind leaves it out \(remind). Ask the person whether their withdrawal covers it; to withdraw it too: \(command)")
        }
    }

    /// W705 for a round's personal data erased (or to be, unless `made`) while the round is open
    /// and its last day not past: its respondents go on giving personal answers, stored as before.
    static func warnings(roundPersonalDataOf round: Round, made: Bool, today: CalendarDate) -> [Diagnostic] {
        let phase = round.phase(on: today)
        guard phase == .collecting || phase == .scheduled else { return [] }
        let state = phase == .collecting ? "still takes answers" : "opens on \(round.opens)"
        return [Diagnostic(.erasureOfCollectingRound, at: .field("--personal-data"),
            "round \(round.name) \(state) (its last day is \(round.closes)): personal answers given on its form or through the API after this erasure "
                + "\(made ? "are" : "would be") stored as before, so the round holds personal data again; a round's personal data is erased when its "
                + "retention period ends, after samla round close \(round.name) (to erase one respondent's now, name them: docs/erasure.md)")]
    }

    /// One line of `samla erase --log`.
    static func logLine(_ erasure: Erasure) -> String {
        let when = erasure.erasedAt?.minuteText ?? ""
        var names = ["round \(erasure.round)"]
        if let response = erasure.responseID { names.append("response \(response)" + (erasure.responseStatus.map { " (\($0.rawValue))" } ?? "")) }
        if let invitation = erasure.invitationID { names.append("invitation \(invitation)") }
        let kept = erasure.kind == .withdrawal && erasure.suppressions > 0 ? "; the address kept as a keyed hash on the suppression list" : ""
        return "erasure \(erasure.id ?? 0), \(when): \(erasure.kind.rawValue), \(names.joined(separator: ", ")): \(removed(erasure))\(kept)"
    }

    /// The counts of what goes.
    private static func removed(_ erasure: Erasure) -> String {
        var parts: [String] = []
        switch erasure.kind {
        case .withdrawal where erasure.responseID != nil:
            parts.append("the response with \(GroupedCount.text(erasure.personalAnswers + erasure.otherAnswers, "answer")) (\(erasure.personalAnswers) personal)")
        case .roundPersonalData:
            parts.append("\(GroupedCount.text(erasure.personalAnswers, "personal answer")) of \(GroupedCount.text(erasure.responses, "response"))")
        case .suppression:
            return "the withdrawn address's entry on the suppression list"
        default:
            if erasure.responseID != nil { parts.append(GroupedCount.text(erasure.personalAnswers, "personal answer")) }
        }
        if erasure.kind == .roundPersonalData {
            parts.append("\(erasure.emails) invitation e-mail address\(erasure.emails == 1 ? "" : "es")")
        } else if erasure.invitationID != nil {
            let contact = switch (erasure.emails > 0, erasure.labels > 0) {
            case (true, true): "the invitation's e-mail address and label"
            case (true, false): "the invitation's e-mail address"
            case (false, true): "the invitation's label"
            case (false, false): "no e-mail address or label (the invitation has none)"
            }
            parts.append(contact)
        }
        return parts.joined(separator: ", ")
    }

    private static func logged(_ erasure: Erasure) -> String {
        erasure.id.map { "; logged as erasure \($0)" } ?? ""
    }

    struct Outcome: Encodable {
        var erased: Bool
        var erasure: Entry
        /// A withdrawal's other invitations to the same address (W702).
        var otherInvitations: [OtherInvitation]

        init(erased: Bool, erasure: Erasure) {
            self.erased = erased
            self.erasure = Entry(erasure)
            otherInvitations = erasure.otherInvitations.map(OtherInvitation.init)
        }
    }

    /// Another invitation to a withdrawn address, as JSON: its round, id, response and its status.
    struct OtherInvitation: Encodable {
        var round: String
        var invitationId: Int64
        var responseId: Int64?
        var responseStatus: String?

        init(_ other: Erasure.OtherInvitation) {
            round = other.round
            invitationId = other.invitationID
            responseId = other.responseID
            responseStatus = other.responseStatus?.rawValue
        }
    }

    /// The erasures of `--suppression`: one per survey whose list had the address.
    struct Outcomes: Encodable {
        var erased: Bool
        var erasures: [Entry]
    }

    /// An erasure as JSON, keys in snake case.
    struct Entry: Encodable {
        var id: Int64?
        var erasedAt: String?
        var kind: String
        var round: String
        var responseId: Int64?
        var responseStatus: String?
        var invitationId: Int64?
        var responses, personalAnswers, otherAnswers, emails, labels, suppressions: Int

        init(_ erasure: Erasure) {
            id = erasure.id
            erasedAt = erasure.erasedAt?.text
            kind = erasure.kind.rawValue
            round = erasure.round
            responseId = erasure.responseID
            responseStatus = erasure.responseStatus?.rawValue
            invitationId = erasure.invitationID
            responses = erasure.responses
            personalAnswers = erasure.personalAnswers
            otherAnswers = erasure.otherAnswers
            emails = erasure.emails
            labels = erasure.labels
            suppressions = erasure.suppressions
        }
    }
}
