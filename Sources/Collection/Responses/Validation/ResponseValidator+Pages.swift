import SurveyDefinition

/// One field of a posted form page: a text box or a single choice, or the boxes ticked.
public enum FormField: Hashable, Sendable {
    case text(String)
    case selections([String])
}

/// Whether the web form shows a question when it draws a page.
public enum QuestionVisibility: Hashable, Sendable {
    case shown
    case hidden
    /// Its relevance reads answers on its own page: it is shown, and after the page is posted
    /// it is checked only if the posted answers make it relevant (no JavaScript needed).
    case decidedOnPost
}

/// What the form does after a page is posted.
public struct PageOutcome: Hashable, Sendable {
    /// The problems of the posted page; when there are any, the page is shown again.
    public var problems: [AnswerProblem]
    /// The next relevant page, nil when the posted page was the last relevant one.
    public var nextPage: Int?
    /// The relevant page before the posted one, for a "back" button.
    public var previousPage: Int?

    public var isAccepted: Bool { problems.isEmpty }
}

extension ResponseValidator {
    /// Takes the fields posted for `page` (by variable name; a missing field is an empty answer),
    /// checks that page, clears answers that became not relevant anywhere, recomputes
    /// calculations, and says where the respondent goes next. With the `decimalSeparator` of the
    /// language the page was typed in, a number whose other separator may group thousands
    /// (`1,000` in English, `1.000` in Swedish) is refused with a problem that asks which was meant
    /// (``ThousandsOrDecimals``), as a number the page cannot read is: it is not the number 1, and
    /// the questions whose conditions or constraints read it are left undecided, not decided on 1.
    public func submit(page: Int, fields: [String: FormField], decimalSeparator: Character? = nil, to sheet: inout AnswerSheet) -> PageOutcome {
        for position in pages[page].questions where questions[position].kind == .answered {
            let q = questions[position]
            for v in q.allVariables {
                switch fields[variables[v].name] {
                case .text(let text):
                    if let decimalSeparator, let asked = askedAbout(text, variable: v, decimalSeparator: decimalSeparator) {
                        sheet.setRefused(text: text, kind: asked, variable: v)
                    } else {
                        sheet.setAnswer(text: text, variable: v)
                    }
                case .selections(let picked): sheet.setAnswer(selections: picked, variable: v)
                case nil: sheet.clear(variable: v)
                }
            }
        }
        check(&sheet, mode: .page(page))
        return PageOutcome(
            problems: sheet.problems,
            nextPage: sheet.problems.isEmpty ? nextRelevantPage(after: page, in: sheet) : page,
            previousPage: previousRelevantPage(before: page, in: sheet)
        )
    }

    /// The problem that asks about a number typed as ``ThousandsOrDecimals`` for variable `v`; nil
    /// for any other text or a variable that is no number.
    private func askedAbout(_ text: String, variable v: Int, decimalSeparator: Character) -> AnswerProblem.Kind? {
        let type = variables[v].type
        guard type == .integer || type == .decimal,
              let (whole, fraction) = ThousandsOrDecimals.reading(text, decimalSeparator: decimalSeparator) else { return nil }
        return .thousandsOrDecimals(whole: whole, fraction: fraction, wholeNumber: type == .integer)
    }

    /// Whether `page` is shown, given the answers on `sheet`.
    public func isPageRelevant(_ page: Int, in sheet: AnswerSheet) -> Bool {
        guard let rule = pages[page].relevance else { return true }
        return rule.isTrue(in: sheet.context)
    }

    /// Whether `page` is shown, or may still be: its condition reads an answer not given yet (or
    /// a name that is no variable).
    public func mayBePageRelevant(_ page: Int, in sheet: AnswerSheet) -> Bool {
        isPageRelevant(page, in: sheet) || pages[page].relevanceReads.contains { $0.map { sheet.values[$0] == nil } ?? true }
    }

    /// The first relevant page after `page` (or the first relevant page when `page` is nil).
    public func nextRelevantPage(after page: Int?, in sheet: AnswerSheet) -> Int? {
        let start = page.map { $0 + 1 } ?? 0
        return (start..<pages.count).first { isPageRelevant($0, in: sheet) }
    }

    /// The last page holding an answer on `sheet` (calculations not counted): how far a response
    /// that was not submitted got. Nil when nothing is answered.
    public func lastAnsweredPage(in sheet: AnswerSheet) -> Int? {
        var last: Int?
        for (index, value) in sheet.values.enumerated() where value != nil && !isCalculated[index] {
            let page = questions[questionOfVariable[index]].page
            if page > last ?? -1 { last = page }
        }
        return last
    }

    /// The last relevant page before `page`.
    public func previousRelevantPage(before page: Int, in sheet: AnswerSheet) -> Int? {
        (0..<page).reversed().first { isPageRelevant($0, in: sheet) }
    }

    /// How the form shows each question of `page`, in order, given the answers on `sheet`.
    public func visibility(onPage page: Int, in sheet: AnswerSheet) -> [(question: Question, visibility: QuestionVisibility)] {
        let pageShown = isPageRelevant(page, in: sheet)
        return pages[page].questions.map { position in
            let q = questions[position]
            if !pageShown || q.kind == .calculate { return (q.question, .hidden) }
            if q.dependsOnOwnPage { return (q.question, .decidedOnPost) }
            guard let rule = q.relevance else { return (q.question, .shown) }
            return (q.question, rule.isTrue(in: sheet.context) ? .shown : .hidden)
        }
    }

    /// The choices question `name` offers given the answers on `sheet`: its list (and `other`),
    /// narrowed by its choice filter.
    public func offeredChoices(forQuestion name: String, in sheet: AnswerSheet) -> [Choice] {
        guard let q = questions.first(where: { $0.question.name == name }) else { return [] }
        let all = survey.choices(for: q.question)
        guard let filter = q.choiceFilter, let attributes = q.choiceAttributes else { return all }
        var context = sheet.context
        return all.enumerated().filter { i, choice in
            if q.question.allowsOther && choice.value == Choice.otherValue { return true }
            context.choiceAttributes = attributes.rows[i]
            return filter.isTrue(in: context)
        }.map(\.element)
    }

    /// The choices the web form offers for question `name` when it draws a page: ``offeredChoices(forQuestion:in:)``,
    /// but the whole list (and `other`) when the choice filter reads an answer of the question's own
    /// page, which the respondent may still change there; the choice is then checked when the page is posted.
    public func formChoices(forQuestion name: String, in sheet: AnswerSheet) -> [Choice] {
        guard let q = questions.first(where: { $0.question.name == name }) else { return [] }
        return q.choiceFilterReadsOwnPage ? survey.choices(for: q.question) : offeredChoices(forQuestion: name, in: sheet)
    }

    /// The `default` of variable `index`'s question as a typed value, for pre-filling the form.
    /// (The import never uses defaults: an empty cell is no answer.)
    public func defaultValue(forVariable index: Int) -> AnswerValue? {
        let q = questions[questionOfVariable[index]]
        guard q.kind == .answered, q.variables.contains(index), let text = q.question.defaultValue,
              case .value(let value) = coders[index].code(text) else { return nil }
        return value
    }

    /// Fills the unanswered variables of `page`'s questions that have a `default`, while the page
    /// is shown for the first time: no answer is stored on it or after it. A page the respondent
    /// posted keeps what they left, so a default they emptied is not put back when they return.
    public func applyDefaults(page: Int, to sheet: inout AnswerSheet) {
        guard !hasAnswers(fromPage: page, in: sheet) else { return }
        for position in pages[page].questions {
            for v in questions[position].variables where sheet.values[v] == nil && !sheet.hasUncoded[v] {
                if let value = defaultValue(forVariable: v) { sheet.assign(v, value) }
            }
        }
    }

    /// Whether any answer is stored on `page` or a later one: then the respondent has posted `page`.
    func hasAnswers(fromPage page: Int, in sheet: AnswerSheet) -> Bool {
        pages[page...].contains { shown in
            shown.questions.contains { position in
                questions[position].kind == .answered
                    && questions[position].allVariables.contains { sheet.values[$0] != nil || sheet.hasUncoded[$0] }
            }
        }
    }
}
