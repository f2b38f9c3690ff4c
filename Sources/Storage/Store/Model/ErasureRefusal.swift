import Diagnostics

/// Why the store refused an erasure (``StoreError/erasure(_:)``). None repeats a token or an
/// e-mail address, nor names another invitation's.
public enum ErasureRefusal: Hashable, Sendable {
    /// No response has the id; `withdrawnAt` is when a withdrawal removed it, if one did.
    case unknownResponse(Int64, withdrawnAt: Timestamp?)
    /// No invitation has the token.
    case unknownToken
    /// No invitation of the round has the address; the round has `withdrawnInvitations`, whose addresses are erased.
    case unknownEmail(round: String, withdrawnInvitations: Int)
    /// Several invitations of the round have the address: the responses they began (nil for one not begun).
    case ambiguousEmail(round: String, responses: [Int64?])
    /// A personal-data erasure of an invitation that has neither a response nor an e-mail address or label.
    case nothingToErase(invitation: Int64, round: String)
    /// A personal-data erasure of a response that has no personal answer and no invitation with an
    /// e-mail address or label.
    case responseWithoutPersonalData(ResponseWithoutPersonalData)
    /// The invitation's respondent withdrew before.
    case alreadyWithdrawn(invitation: Int64, round: String, at: Timestamp)
    /// The address whose suppression was to be lifted is not on the suppression list.
    case notSuppressed

    func diagnostics(database: String) -> [Diagnostic] {
        switch self {
        case .unknownResponse(let id, let withdrawnAt?):
            return [Diagnostic(.erasureUnknownResponse, at: .field("--response"),
                "response \(id) was withdrawn on \(Self.text(withdrawnAt)) and is no longer in the database; `samla erase --log` lists the erasures")]
        case .unknownResponse(let id, nil):
            return [Diagnostic(.erasureUnknownResponse, at: .field("--response"),
                "there is no response \(id) in \(database); take the id from the round's export (column response_id) or from `samla compute`, or name the respondent by --token or --round and --email")]
        case .unknownToken:
            return [Diagnostic(.erasureUnknownToken, at: .field("--token"),
                "no invitation in \(database) has this token; copy it from the links file that samla invite wrote for the round (the row's link ends in it), or name the respondent by --round and --email")]
        case .unknownEmail(let round, let withdrawn):
            let erased = withdrawn == 0 ? "" : "; the addresses of its \(withdrawn) withdrawn invitation\(withdrawn == 1 ? " are" : "s are") erased already"
            return [Diagnostic(.erasureUnknownEmail, at: .field("--email"),
                "no invitation of round \(round) has this address (compared without case)\(erased); check the address, the round, or name the respondent by --token or --response")]
        case .ambiguousEmail(let round, let responses):
            let begun = responses.compactMap { $0 }.map(String.init)
            let notBegun = responses.count - begun.count
            var which: [String] = []
            if !begun.isEmpty { which.append("response\(begun.count == 1 ? "" : "s") \(begun.joined(separator: ", "))") }
            if notBegun > 0 { which.append("\(notBegun) not begun") }
            return [Diagnostic(.erasureAmbiguousEmail, at: .field("--email"),
                "\(responses.count) invitations of round \(round) have this address (\(which.joined(separator: "; "))); nothing was erased; "
                    + "name each with --response ID, or with --token from the links file")]
        case .nothingToErase(let invitation, let round):
            return [Diagnostic(.erasureNothingToErase, at: .field("--token"),
                "invitation \(invitation) of round \(round) has no response yet, no e-mail address and no label, so it holds no personal data; nothing was erased; "
                    + "to revoke its link (it then begins no response), add --withdraw")]
        case .responseWithoutPersonalData(let response):
            return [Diagnostic(.erasureNothingToErase, at: .field(response.option), response.explanation)]
        case .alreadyWithdrawn(let invitation, let round, let at):
            return [Diagnostic(.erasureAlreadyWithdrawn, at: .field("--token"),
                "the respondent of invitation \(invitation) of round \(round) withdrew on \(Self.text(at)): its response, e-mail address and label are erased, and its link begins no response; nothing more to erase")]
        case .notSuppressed:
            return [Diagnostic(.erasureNotSuppressed, at: .field("--email"),
                "this address is not on the suppression list of \(database) (compared trimmed and without case): no withdrawal of it was recorded, "
                    + "or its suppression was lifted already; nothing was erased, and samla invite invites it. A withdrawal made before Samla kept the list left no entry")]
        }
    }

    static func text(_ time: Timestamp) -> String {
        time.minuteText
    }
}

/// What a response that holds no personal data holds, for the refusal to erase its personal data.
public struct ResponseWithoutPersonalData: Hashable, Sendable {
    public var response: Int64
    public var round: String
    public var status: ResponseStatus
    /// Its answers, none of them personal.
    public var answers: Int
    /// Its invitation, which has no e-mail address or label; nil for a response without one.
    public var invitation: Int64?
    /// When an earlier erasure (of its personal data, or of its round's) took its personal answers.
    public var personalDataErasedAt: Timestamp?
    /// The option that named it: `--response` or `--token`.
    public var option: String
    /// When an earlier erasure took its invitation's e-mail address or label.
    public var contactErasedAt: Timestamp?

    public init(
        response: Int64, round: String, status: ResponseStatus, answers: Int, invitation: Int64?, personalDataErasedAt: Timestamp?, option: String,
        contactErasedAt: Timestamp? = nil
    ) {
        self.contactErasedAt = contactErasedAt
        self.response = response
        self.round = round
        self.status = status
        self.answers = answers
        self.invitation = invitation
        self.personalDataErasedAt = personalDataErasedAt
        self.option = option
    }

    var explanation: String {
        let why = personalDataErasedAt.map { "its personal answers were erased on \(ErasureRefusal.text($0)); samla erase --log lists it" }
            ?? "no question the survey marks pii is answered"
        let contact = invitation.map { id in
            "its invitation \(id) has no e-mail address or label"
                + (contactErasedAt.map { at in
                    at == personalDataErasedAt ? " (erased then too)" : " (they were erased on \(ErasureRefusal.text(at)); samla erase --log lists it)"
                } ?? "")
        } ?? "it came without an invitation"
        return "response \(response) of round \(round) (\(status.rawValue)) holds no personal data: none of its \(answers) answer\(answers == 1 ? " is" : "s is") "
            + "personal (\(why)), and \(contact); nothing was erased. To remove the whole response, for a respondent who withdraws consent, add --withdraw"
    }
}
