import Diagnostics
import GRDB
import SurveyDefinition

/// Keeps a survey's answer tables and `variables` catalogue in step with its definitions:
/// checks a new definition against the stored answers, then adds, retypes or moves columns.
///
/// Columns are shared by all rounds of a survey, so a type change is refused when any round has
/// answers. Removing a question or a choice only matters to the round being re-opened: other rounds
/// keep their own pinned definitions and their columns stay, so a new round may drop them.
struct AnswerLayoutWriter {
    let db: Database
    let survey: Survey
    let tables: AnswerTables
    /// The round being re-opened with the new definition; nil for a new round.
    let reopenedRound: Int64?

    init(_ db: Database, survey: Survey, reopening round: Int64?) {
        self.db = db
        self.survey = survey
        self.tables = AnswerTables(surveyID: survey.id)
        self.reopenedRound = round
    }

    /// A definition's variables checked against the stored layout and answers.
    struct Plan {
        var problems: [LayoutProblem] = []
        var incompatibilities: [Incompatibility] = []
        var change = LayoutChange()
        var stored: [String: StoredVariable] = [:]
    }

    func plan() throws -> Plan {
        var plan = Plan()
        let variables = survey.variables
        let stored = try SQLiteStore.variables(survey: survey.id, db)
        plan.stored = Dictionary(uniqueKeysWithValues: stored.map { ($0.name, $0) })
        plan.problems = try layoutProblems(variables, stored: stored)
        guard plan.problems.isEmpty else { return plan }

        let newNames = Set(variables.map(\.name))
        if let round = reopenedRound {
            for old in stored where !newNames.contains(old.name) {
                let n = try answerCount(old, round: round)
                if n > 0 { plan.incompatibilities.append(.removedVariable(name: old.name, answers: n)) }
            }
        }
        for variable in variables {
            guard let old = plan.stored[variable.name] else {
                plan.change.added.append(variable.name)
                continue
            }
            if old.type != variable.type {
                let n = try answerCount(old)
                if n > 0 {
                    plan.incompatibilities.append(.changedType(variable: variable.name, from: old.type, to: variable.type, answers: n))
                } else {
                    plan.change.retyped.append(variable.name)
                }
            } else if let round = reopenedRound, variable.type == .choice || variable.type == .choices {
                plan.incompatibilities += try removedChoices(variable, stored: old, round: round)
            }
            if old.isPII != variable.isPII {
                if variable.isPII { plan.change.movedToPersonal.append(variable.name) } else { plan.change.movedFromPersonal.append(variable.name) }
            }
        }
        return plan
    }

    /// Where each problem shows in the definition: the choice list that lost a value, the question
    /// whose type changed. A removed variable shows where what remains of it is: the `rows` of the
    /// matrix that lost the row, the question that lost its `other`, a question of that name that no
    /// longer stores an answer. A question removed outright has no place in it (nil: the file's start).
    ///
    /// `previous` is the definition the round was pinned to, which tells what each removed variable
    /// was; without it, the removed name is matched against the new questions' names.
    func locations(of problems: [Incompatibility], previous: Survey? = nil) -> [Incompatibility: SourceLocation] {
        let variables = Dictionary(survey.variables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var result: [Incompatibility: SourceLocation] = [:]
        for problem in problems {
            if case .removedVariable(let name, _) = problem {
                if let location = removedVariableLocation(name, previous: previous) { result[problem] = location }
                continue
            }
            guard let variable = variables[problem.variable], let question = survey.question(named: variable.question) else { continue }
            switch problem {
            case .removedChoice:
                result[problem] = question.choiceList.flatMap { survey.choiceList(named: $0)?.location } ?? question.location
            case .changedType:
                result[problem] = question.location
            case .removedVariable:
                continue
            }
        }
        return result
    }

    /// Where a variable gone from the new definition was, if the question it belonged to is still there.
    private func removedVariableLocation(_ name: String, previous: Survey?) -> SourceLocation? {
        if let old = previous?.variables.first(where: { $0.name == name }) {
            guard let question = survey.question(named: old.question) else { return nil }
            switch old.role {
            case .matrixRow: return question.type == .matrix ? question.location(of: "rows") : question.location
            case .otherText: return question.location(of: "other")
            case .answer, .calculated: return question.location
            }
        }
        let questions = survey.questions
        if let question = questions.first(where: { $0.name == name }) { return question.location }
        if let question = questions.first(where: { $0.otherVariableName == name }) { return question.location(of: "other") }
        let matrix = questions.filter { $0.type == .matrix && name.hasPrefix($0.name + "_") }.max { $0.name.count < $1.name.count }
        return matrix?.location(of: "rows")
    }

    /// Creates the tables if needed and applies a plan without problems.
    func apply(_ plan: Plan, definitionHash: String) throws {
        try createTables()
        let variables = Dictionary(survey.variables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for name in plan.change.retyped {
            let old = plan.stored[name]!, new = variables[name]!
            try db.execute(sql: "ALTER TABLE \(quoted(tables.table(personal: old.isPII))) DROP COLUMN \(quoted(name))")
            try db.execute(sql: "ALTER TABLE \(quoted(tables.table(personal: new.isPII))) ADD COLUMN \(quoted(name)) \(AnswerTables.columnType(new.type))")
            try db.execute(sql: "UPDATE variables SET type = ?, pii = ? WHERE survey_id = ? AND name = ?",
                           arguments: [new.type.rawValue, new.isPII, survey.id, name])
        }
        for name in plan.change.movedToPersonal + plan.change.movedFromPersonal where !plan.change.retyped.contains(name) {
            try move(plan.stored[name]!, toPersonal: variables[name]!.isPII)
        }
        var position = (try Int.fetchOne(db, sql: "SELECT max(position) FROM variables WHERE survey_id = ?", arguments: [survey.id]) ?? 0)
        for name in plan.change.added {
            let variable = variables[name]!
            position += 1
            try db.execute(sql: "ALTER TABLE \(quoted(tables.table(personal: variable.isPII))) ADD COLUMN \(quoted(name)) \(AnswerTables.columnType(variable.type))")
            try db.execute(
                sql: "INSERT INTO variables (survey_id, name, type, pii, position, first_definition_hash) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [survey.id, name, variable.type.rawValue, variable.isPII, position, definitionHash])
        }
    }

    /// Both tables key on `response_id` (the rowid, so the join with `responses` is a rowid lookup).
    /// Scans find a round's rows through the `responses` index, in id order, so the answer table has
    /// no index of its own on `round_id` (it would cost every insert); the personal table has one,
    /// for erasing a round's personal data.
    private func createTables() throws {
        for personal in [false, true] {
            let table = tables.table(personal: personal)
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS \(quoted(table)) (
                    response_id INTEGER PRIMARY KEY REFERENCES responses(id) ON DELETE CASCADE,
                    round_id INTEGER NOT NULL
                )
                """)
            if personal {
                try db.execute(sql: "CREATE INDEX IF NOT EXISTS \(quoted(table + "_by_round")) ON \(quoted(table))(round_id)")
            }
        }
    }

    private func layoutProblems(_ variables: [Variable], stored: [StoredVariable]) throws -> [LayoutProblem] {
        var problems: [LayoutProblem] = []
        for variable in variables where AnswerTables.reservedColumns.contains(variable.name.lowercased()) {
            problems.append(.reservedName(variable.name))
        }
        var byFoldedName: [String: String] = [:]
        for name in stored.map(\.name) { byFoldedName[name.lowercased()] = name }
        for variable in variables {
            let folded = variable.name.lowercased()
            if let other = byFoldedName[folded], other != variable.name {
                problems.append(.caseClash(other, variable.name))
            } else {
                byFoldedName[folded] = variable.name
            }
        }
        let columns = Set(stored.map(\.name)).union(variables.map(\.name)).count
        if columns > AnswerTables.maximumVariables { problems.append(.tooManyVariables(columns)) }
        let suffix = survey.id.replacingOccurrences(of: "-", with: "_")
        let others = try String.fetchAll(db, sql: "SELECT DISTINCT survey_id FROM definitions WHERE survey_id != ?", arguments: [survey.id])
        if let other = others.first(where: { $0.replacingOccurrences(of: "-", with: "_") == suffix }) {
            problems.append(.tableClash(otherSurvey: other))
        }
        return problems
    }

    /// Answers to a variable in every round, or in one round.
    private func answerCount(_ variable: StoredVariable, round: Int64? = nil) throws -> Int {
        let table = quoted(tables.table(personal: variable.isPII))
        let filter = round == nil ? "" : " WHERE round_id = ?"
        return try Int.fetchOne(db, sql: "SELECT count(\(quoted(variable.name))) FROM \(table)\(filter)",
                                arguments: StatementArguments(round.map { [$0] } ?? [])) ?? 0
    }

    /// Codes of a choice variable stored in `round` that its question no longer offers, with how many responses use each.
    private func removedChoices(_ variable: Variable, stored: StoredVariable, round: Int64) throws -> [Incompatibility] {
        guard let question = survey.question(named: variable.question) else { return [] }
        let offered = Set(survey.choices(for: question).map(\.value))
        let column = quoted(variable.name)
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(column) AS value, count(*) AS n FROM \(quoted(tables.table(personal: stored.isPII)))
            WHERE \(column) IS NOT NULL AND round_id = ? GROUP BY \(column)
            """, arguments: [round])
        var uses: [String: Int] = [:]
        for row in rows {
            let value: String = row["value"], n: Int = row["n"]
            let codes = variable.type == .choices ? value.split(separator: " ").map(String.init) : [value]
            for code in Set(codes) where !offered.contains(code) { uses[code, default: 0] += n }
        }
        return uses.keys.sorted().map { .removedChoice(variable: variable.name, value: $0, answers: uses[$0]!) }
    }

    /// Moves a variable's column and answers between the answer table and the personal one.
    private func move(_ variable: StoredVariable, toPersonal: Bool) throws {
        let from = quoted(tables.table(personal: !toPersonal)), to = quoted(tables.table(personal: toPersonal))
        let column = quoted(variable.name)
        try db.execute(sql: """
            ALTER TABLE \(to) ADD COLUMN \(column) \(AnswerTables.columnType(variable.type));
            INSERT OR IGNORE INTO \(to) (response_id, round_id) SELECT response_id, round_id FROM \(from) WHERE \(column) IS NOT NULL;
            UPDATE \(to) SET \(column) = (SELECT \(column) FROM \(from) f WHERE f.response_id = \(to).response_id)
                WHERE response_id IN (SELECT response_id FROM \(from) WHERE \(column) IS NOT NULL);
            ALTER TABLE \(from) DROP COLUMN \(column);
            """)
        try db.execute(sql: "UPDATE variables SET pii = ? WHERE survey_id = ? AND name = ?", arguments: [toPersonal, survey.id, variable.name])
    }
}
