/// The invitations of a round whose respondent declined in the form: their response's answers
/// satisfy the definition's `refusal` (`${consent} = 'no'`). The response rates count them as
/// refusals (AAPOR R), not as the complete or partial responses they are stored as.
public struct DeclinedInvitations: Hashable, Sendable {
    /// Those whose response was submitted.
    public var complete: Int
    /// Those whose response was begun and not submitted.
    public var partial: Int

    public init(complete: Int = 0, partial: Int = 0) {
        self.complete = complete
        self.partial = partial
    }

    public var total: Int { complete + partial }
}
