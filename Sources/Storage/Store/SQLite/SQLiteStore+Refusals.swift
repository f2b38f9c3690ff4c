import Expressions
import GRDB
import SurveyDefinition

extension SQLiteStore {
    /// The invitations of `round` whose response declined in the form: whose stored answers satisfy
    /// the refusal of the round's definition, read as the rates are shown, so that responses stored
    /// before the definition declared it count too. None when the definition declares no refusal.
    func declinedInvitations(of round: Round, _ db: Database) throws -> DeclinedInvitations {
        var declined = DeclinedInvitations()
        try forEachDeclinedResponse(of: round, db) { _, status in
            if status == .complete { declined.complete += 1 } else { declined.partial += 1 }
        }
        return declined
    }

    public func responsesDeclinedInForm(round name: String) throws -> Set<Int64> {
        try pool.read { db in
            var declined: Set<Int64> = []
            try forEachDeclinedResponse(of: try Self.existingRound(named: name, db), db) { id, _ in declined.insert(id) }
            return declined
        }
    }

    /// Calls `body` with the id and status of each response of `round`'s invitations whose answers
    /// satisfy the refusal of the round's definition; never when it declares none.
    private func forEachDeclinedResponse(of round: Round, _ db: Database, _ body: (Int64, ResponseStatus) -> Void) throws {
        guard let refusal = try refusals.condition(definition: round.definitionHash, db) else { return }
        let (select, types) = try Self.scanSelect(variables: refusal.variables, of: round, db)
        let statement = try RawStatement(db, sql: select + " JOIN invitations i ON i.response_id = r.id WHERE i.round_id = ?1")
        statement.bindInteger(round.id, at: 1)
        let row = SQLiteResponseRow(statement: statement, types: types)
        var context = EvaluationContext(slotCount: types.count, today: CalendarDate.today(now: clock()))
        while try statement.step() {
            for slot in types.indices { context.slots[slot] = row.value(slot)?.expressionValue ?? .empty }
            if refusal.expression.isTrue(context) { body(row.responseID, row.status) }
        }
    }
}
