/// How far an invitation has got: its round, and the status of the response its token began.
public struct InvitationProgress: Hashable, Sendable {
    public var invitation: Invitation
    /// The name of the invitation's round.
    public var round: String
    /// The status of the response the invitation began; nil while no page has been saved with its link.
    public var responseStatus: ResponseStatus?

    public init(invitation: Invitation, round: String, responseStatus: ResponseStatus?) {
        self.invitation = invitation
        self.round = round
        self.responseStatus = responseStatus
    }

    public var isComplete: Bool { responseStatus == .complete }
}
