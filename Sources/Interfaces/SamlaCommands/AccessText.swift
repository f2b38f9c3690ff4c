import Diagnostics
import Foundation
import Responses
import Store
import SurveyDefinition

/// What `samla access` prints: everything the database holds about one person, as text for people
/// or as JSON, the copy in a machine-readable form (GDPR Art. 20).
enum AccessText {
    /// The held data with what it takes to read it: the surveys of the responses by definition hash,
    /// what the person was named by (`the address … in every round`), the database and when it was read.
    struct Report {
        var held: SubjectAccess
        var surveys: [String: Survey]
        var subject: String
        var database: String
        var readAt: Timestamp
    }

    static func text(_ report: Report) -> String {
        let held = report.held
        var lines = ["What \(report.database) holds about \(report.subject), read \(report.readAt.minuteText): " + (held.isEmpty
            ? "nothing (no invitation, response, suppression-list entry or erasure)"
            : [GroupedCount.text(held.invitations.count, "invitation"), GroupedCount.text(held.responses.count, "response"),
               "\(held.suppressions.count) suppression-list entr\(held.suppressions.count == 1 ? "y" : "ies")",
               GroupedCount.text(held.erasures.count, "erasure")].joined(separator: ", "))]
        for held in held.invitations {
            let invitation = held.invitation
            lines += ["", "Invitation \(invitation.id) of round \(held.round)",
                      "  e-mail address: \(invitation.email ?? (invitation.isWithdrawn ? "none (erased by the withdrawal)" : "none"))",
                      "  label: \(invitation.label ?? "none")",
                      "  created: \(invitation.createdAt.minuteText)",
                      "  disposition: " + (invitation.disposition.map { "\($0.rawValue), recorded \(invitation.dispositionSetAt?.minuteText ?? "")" } ?? "none recorded"),
                      "  withdrawn: " + (invitation.withdrawnAt.map { "\($0.minuteText): its response, e-mail address and label were erased, and its link begins no response" } ?? "no"),
                      "  response: " + (invitation.responseID.map(String.init) ?? "none")]
        }
        for held in held.responses {
            let record = held.response.record
            let answers = Self.answers(held.response, survey: report.surveys[record.definitionHash])
            lines += ["", "Response \(record.id) of round \(held.round) (survey \(held.survey))",
                      "  status: \(record.status.rawValue)",
                      "  language: \(record.language)",
                      "  source: \(record.source.rawValue)",
                      "  invitation: " + (record.invitationID.map(String.init) ?? "none"),
                      "  started: \(record.startedAt.minuteText)",
                      "  updated: \(record.updatedAt.minuteText)",
                      "  submitted: \(record.submittedAt?.minuteText ?? "not submitted")",
                      "  answers: " + (answers.isEmpty ? "none" : "\(answers.count), \(answers.count { $0.personal }) of them personal data")]
            lines += answers.map { answer in
                let label = answer.label.isEmpty ? "" : " (\(answer.label))"
                // A long text's further lines are indented under the answer.
                let text = answer.text.replacingOccurrences(of: "\n", with: "\n      ")
                return "    \(answer.variable)\(label)\(answer.personal ? ", personal data" : ""): \(text)"
            }
        }
        for entry in held.suppressions {
            lines += ["", "Suppression list of survey \(entry.survey): the address is on it since \(entry.suppressedAt.minuteText) "
                + "(the withdrawal of invitation \(entry.invitationID) of round \(entry.round)), kept as a keyed hash (HMAC-SHA256 under a key in the database), "
                + "not as the address, so it cannot be shown: it is only compared with an address samla invite is given, which it leaves out of the survey's rounds"]
        }
        if !held.erasures.isEmpty {
            lines += ["", "Erasures logged (what went, counted; never the values):"] + held.erasures.map { "  " + ErasureText.logLine($0) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A response's answers in the order of its survey's variables (any the definition lacks after them).
    static func answers(_ response: StoredResponse, survey: Survey?) -> [Answer] {
        let variables = survey?.variables ?? []
        let known = Set(variables.map(\.name))
        let ordered = variables.filter { response.answers[$0.name] != nil }.map { ($0.name, Optional($0)) }
            + response.answers.keys.filter { !known.contains($0) }.sorted().map { ($0, Variable?.none) }
        return ordered.map { name, variable in
            let value = response.answers[name]!
            guard let variable, let survey else { return Answer(variable: name, question: nil, label: "", personal: false, value: value, text: AnswerText.text(of: value)) }
            let language = response.record.language
            return Answer(variable: name, question: variable.question, label: label(variable, survey, language), personal: variable.isPII, value: value,
                          text: text(value, variable, survey, language))
        }
    }

    /// One answer: its variable, question, the question's label in the response's language, whether
    /// the survey marks it personal data (`pii`), and its value, as stored and as text.
    struct Answer {
        var variable: String
        var question: String?
        var label: String
        var personal: Bool
        var value: AnswerValue
        var text: String
    }

    private static func label(_ variable: Variable, _ survey: Survey, _ language: String) -> String {
        guard let question = survey.question(named: variable.question) else { return "" }
        let label = question.label?.resolved(language, fallbacks: survey.languages) ?? ""
        switch variable.role {
        case .matrixRow(let row):
            return label + " – " + (question.rows.first { $0.name == row }?.label.resolved(language, fallbacks: survey.languages) ?? row)
        case .otherText: return label + " – other"
        case .calculated: return "calculated"
        case .answer: return label
        }
    }

    /// A choice's code with its label in the response's language: `civil (Civilsamhälle)`.
    private static func text(_ value: AnswerValue, _ variable: Variable, _ survey: Survey, _ language: String) -> String {
        let choices = survey.question(named: variable.question).map { survey.choices(for: $0) } ?? []
        func label(_ code: String) -> String {
            guard let choice = choices.first(where: { $0.value == code }) else { return code }
            return "\(code) (\(choice.label.resolved(language, fallbacks: survey.languages)))"
        }
        switch value {
        case .choice(let code): return label(code)
        case .choices(let codes): return codes.map(label).joined(separator: "; ")
        default: return AnswerText.text(of: value)
        }
    }

    // MARK: JSON

    /// The copy as JSON, keys in snake case; an absent time or value is left out.
    struct Copy: Encodable {
        var database: String
        var readAt: String
        var subject: String
        var found: Bool
        var invitations: [InvitationEntry]
        var responses: [ResponseEntry]
        var suppressions: [SuppressionEntry]
        var erasures: [ErasureText.Entry]

        init(_ report: Report) {
            database = report.database
            readAt = report.readAt.text
            subject = report.subject
            found = !report.held.isEmpty
            invitations = report.held.invitations.map(InvitationEntry.init)
            responses = report.held.responses.map { ResponseEntry($0, survey: report.surveys[$0.response.record.definitionHash]) }
            suppressions = report.held.suppressions.map(SuppressionEntry.init)
            erasures = report.held.erasures.map(ErasureText.Entry.init)
        }
    }

    struct InvitationEntry: Encodable {
        var id: Int64
        var round: String
        var email: String?
        var label: String?
        var createdAt: String
        var disposition: String?
        var dispositionSetAt: String?
        var withdrawnAt: String?
        var responseId: Int64?

        init(_ held: SubjectAccess.HeldInvitation) {
            let invitation = held.invitation
            id = invitation.id
            round = held.round
            email = invitation.email
            label = invitation.label
            createdAt = invitation.createdAt.text
            disposition = invitation.disposition?.rawValue
            dispositionSetAt = invitation.dispositionSetAt?.text
            withdrawnAt = invitation.withdrawnAt?.text
            responseId = invitation.responseID
        }
    }

    struct ResponseEntry: Encodable {
        var id: Int64
        var round: String
        var survey: String
        var status: String
        var language: String
        var source: String
        var invitationId: Int64?
        var startedAt: String
        var updatedAt: String
        var submittedAt: String?
        var answers: [AnswerEntry]

        init(_ held: SubjectAccess.HeldResponse, survey: Survey?) {
            let record = held.response.record
            id = record.id
            round = held.round
            self.survey = held.survey
            status = record.status.rawValue
            language = record.language
            source = record.source.rawValue
            invitationId = record.invitationID
            startedAt = record.startedAt.text
            updatedAt = record.updatedAt.text
            submittedAt = record.submittedAt?.text
            answers = AccessText.answers(held.response, survey: survey).map(AnswerEntry.init)
        }
    }

    /// An answer as JSON: its value in JSON's own kind (a number, true or false, a list of codes).
    struct AnswerEntry: Encodable {
        var variable: String
        var question: String?
        var label: String
        var personal: Bool
        var value: AnswerValue

        init(_ answer: Answer) {
            variable = answer.variable
            question = answer.question
            label = answer.label
            personal = answer.personal
            value = answer.value
        }

        func encode(to encoder: Encoder) throws {
            enum Key: String, CodingKey { case variable, question, label, personal, value }
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(variable, forKey: .variable)
            try container.encodeIfPresent(question, forKey: .question)
            try container.encode(label, forKey: .label)
            try container.encode(personal, forKey: .personal)
            switch value {
            case .text(let text), .choice(let text): try container.encode(text, forKey: .value)
            case .integer(let number): try container.encode(number, forKey: .value)
            case .decimal(let number): try container.encode(number, forKey: .value)
            case .boolean(let flag): try container.encode(flag, forKey: .value)
            case .date(let date): try container.encode(date.description, forKey: .value)
            case .choices(let codes): try container.encode(codes, forKey: .value)
            }
        }
    }

    /// A suppression-list entry: where it came from, and that it holds a keyed hash, never the address.
    struct SuppressionEntry: Encodable {
        var survey: String
        var round: String
        var invitationId: Int64
        var suppressedAt: String
        var storedAs = "keyed hash (HMAC-SHA256) of the address; the address is not kept"

        init(_ entry: Suppression) {
            survey = entry.survey
            round = entry.round
            invitationId = entry.invitationID
            suppressedAt = entry.suppressedAt.text
        }
    }
}
