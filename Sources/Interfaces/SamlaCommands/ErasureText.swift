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
                : "; the invitation stays, withdrawn: its link begins no new response, and the round's response rate counts it as a non-response"
            return "\(made ? "withdrew" : "would withdraw") \(what): \(removed(erasure))\(invitation)\(logged(erasure))"
        case .roundPersonalData:
            return "\(made ? "erased" : "would erase") the personal data of round \(erasure.round): \(removed(erasure)); its other answers stay\(logged(erasure))"
        }
    }

    /// One line of `samla erase --log`.
    static func logLine(_ erasure: Erasure) -> String {
        let when = erasure.erasedAt.map { "\($0.text.prefix(10)) \($0.text.dropFirst(11).prefix(5)) UTC" } ?? ""
        var names = ["round \(erasure.round)"]
        if let response = erasure.responseID { names.append("response \(response)" + (erasure.responseStatus.map { " (\($0.rawValue))" } ?? "")) }
        if let invitation = erasure.invitationID { names.append("invitation \(invitation)") }
        return "erasure \(erasure.id ?? 0), \(when): \(erasure.kind.rawValue), \(names.joined(separator: ", ")): \(removed(erasure))"
    }

    /// The counts of what goes, or "nothing" (a response without personal data).
    private static func removed(_ erasure: Erasure) -> String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        var parts: [String] = []
        switch erasure.kind {
        case .withdrawal where erasure.responseID != nil:
            parts.append("the response with \(count(erasure.personalAnswers + erasure.otherAnswers, "answer")) (\(erasure.personalAnswers) personal)")
        case .roundPersonalData:
            parts.append("\(count(erasure.personalAnswers, "personal answer")) of \(count(erasure.responses, "response"))")
        default:
            if erasure.responseID != nil { parts.append(count(erasure.personalAnswers, "personal answer")) }
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
        var responses, personalAnswers, otherAnswers, emails, labels: Int

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
        }
    }
}
