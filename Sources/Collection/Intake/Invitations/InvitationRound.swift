import Diagnostics
import Expressions
import Store

extension Store {
    /// Round `name` if personal links may be sent for it on `today`: it exists ("did you mean"
    /// otherwise), takes invitations (not anonymous) and is not closed or past its last day.
    func invitationRound(named name: String, on today: CalendarDate) throws -> Round {
        let round = try invitationOnlyRound(named: name)
        let phase = round.phase(on: today)
        if phase == .closed || phase == .ended { throw StoreError.closedRound(name, phase: phase) }
        return round
    }

    /// Round `name` if it exists ("did you mean" otherwise) and is invitation-only, whatever its phase.
    func invitationOnlyRound(named name: String) throws -> Round {
        guard let round = try round(named: name) else {
            throw StoreError.unknownRound(name, suggestion: Suggestions.misspelling(of: name, in: try roundSummaries().map(\.round.name)))
        }
        if round.isAnonymous { throw StoreError.anonymousRound(name) }
        return round
    }
}
