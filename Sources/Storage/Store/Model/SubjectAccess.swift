/// How `samla access` names the person whose data it shows: one respondent as `samla erase` names
/// them, or an e-mail address in every round.
public enum AccessSubject: Hashable, Sendable {
    case respondent(ErasureSubject)
    /// The invitations of every round whose address is this one (compared trimmed and without
    /// case, as `samla invite` compares them), and the address's entries on the suppression lists.
    case address(String)
}

/// What the store holds about one person (GDPR Art. 15 and 20): their invitations, their responses
/// with every answer, personal ones included, the suppression-list entries of their address and the
/// erasures logged for their responses or invitations. Empty when it holds nothing.
public struct SubjectAccess: Hashable, Sendable {
    /// In the order of their rounds, then of their ids.
    public var invitations: [HeldInvitation]
    /// In the order of their ids.
    public var responses: [HeldResponse]
    /// Entries that hold a keyed hash of the address, never the address.
    public var suppressions: [Suppression]
    /// Oldest first.
    public var erasures: [Erasure]

    public init(invitations: [HeldInvitation], responses: [HeldResponse], suppressions: [Suppression], erasures: [Erasure]) {
        self.invitations = invitations
        self.responses = responses
        self.suppressions = suppressions
        self.erasures = erasures
    }

    public var isEmpty: Bool { invitations.isEmpty && responses.isEmpty && suppressions.isEmpty && erasures.isEmpty }

    /// An invitation with the name of its round.
    public struct HeldInvitation: Hashable, Sendable {
        public var round: String
        public var invitation: Invitation

        public init(round: String, invitation: Invitation) {
            self.round = round
            self.invitation = invitation
        }
    }

    /// A response with its answers, the name of its round and its survey.
    public struct HeldResponse: Hashable, Sendable {
        public var round: String
        public var survey: String
        public var response: StoredResponse

        public init(round: String, survey: String, response: StoredResponse) {
            self.round = round
            self.survey = survey
            self.response = response
        }
    }
}
