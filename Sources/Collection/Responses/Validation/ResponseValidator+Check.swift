import Diagnostics
import Expressions
import SurveyDefinition

extension ResponseValidator {
    /// Checks the answers on `sheet` as `mode` says, filling in calculations and which questions
    /// are relevant, and replacing `sheet.problems` with every problem found, in variable order.
    ///
    /// Questions are evaluated in dependency order on the values so far; a question that is not
    /// relevant (its page's `relevant` or its own is false) has no value: its answers are refused
    /// (`.complete`, `.partial`) or cleared (the form modes). `required` applies only when relevant
    /// (and not to a `.partial` response); on a matrix it means every row; an `other` text is
    /// relevant only when `other` is chosen, and required then if its question is.
    public func check(_ sheet: inout AnswerSheet, mode: CheckMode) {
        precondition(sheet.validator === self, "a sheet is checked by the validator that made it")
        for i in sheet.pageRelevance.indices { sheet.pageRelevance[i] = 0 }
        var found: [(variable: Int, problem: AnswerProblem)] = []
        var undecidedVariables = Set<Int>()
        let steps = self.steps.steps, stepVariables = self.steps.variables
        withInput(&sheet) { sheet, input in
            for position in order {
                let step = steps[position]
                let relevant = isRelevant(step, pageRelevance: &sheet.pageRelevance, input: input)
                sheet.relevantQuestions[position] = relevant
                switch step.kind {
                case .note:
                    break
                case .calculate:
                    let v = stepVariables[step.variableStart]
                    let value = relevant ? step.calculation?._withUnsafeGuaranteedRef { $0.value(input, as: variables[v].type) } : nil
                    input.set(v, value)
                case .answered where !relevant:
                    // A refused answer that the relevance reads (or an answer to a question so
                    // undecided) leaves it undecided: then the answers here are not reported as not
                    // shown, only as what they are themselves (not a date, not a code).
                    let undecided = !sheet.uncoded.isEmpty
                        && relevanceInputs[position].contains { sheet.hasUncoded[$0] || undecidedVariables.contains($0) }
                    if undecided { undecidedVariables.formUnion(questions[position].allVariables) }
                    for v in questions[position].allVariables where sheet.hasUncoded[v] || input.hasValue(v) {
                        let uncoded = sheet.uncodedAnswer(v)
                        let given = uncoded?.text ?? input.values[v].map(AnswerText.text(of:))
                        guard let given else { continue }
                        if mode.refusesAnswersNotShown && !undecided {
                            found.append((v, problem(v, given, .notRelevant(condition: questions[position].relevanceText))))
                        } else if mode.refusesAnswersNotShown, let uncoded {
                            found.append((v, problem(v, uncoded.text, uncoded.kind)))
                        }
                        input.set(v, nil)
                        sheet.clearUncoded(v)
                    }
                case .answered:
                    let rulesDecided = sheet.uncoded.isEmpty && undecidedVariables.isEmpty
                        || !ruleInputs[position].contains { sheet.hasUncoded[$0] || undecidedVariables.contains($0) }
                    checkRelevant(step, position: position, variables: stepVariables, checked: mode.checks(page: step.page), mode: mode,
                                  rulesDecided: rulesDecided, sheet: &sheet, input: &input, found: &found)
                }
            }
        }
        for entry in sheet.uncoded where isCalculated[entry.variable] {
            found.append((entry.variable, problem(entry.variable, entry.text, entry.kind)))
        }
        if found.count > 1 { found.sort { $0.variable < $1.variable } }
        if sheet.unknownNames.isEmpty && found.isEmpty {
            sheet.problems.removeAll(keepingCapacity: true)
            return
        }
        sheet.problems = sheet.unknownNames.map { unknown in
            AnswerProblem(variable: unknown.name, value: unknown.text.isEmpty ? nil : unknown.text,
                          kind: questionWithoutVariable(named: unknown.name).map { .questionWithoutVariable($0) }
                              ?? .noSuchVariable(suggestion: Suggestions.closest(to: unknown.name, in: variables.map(\.name))))
        } + found.map(\.problem)
    }

    /// Whether the question of `step` is shown: its page is relevant and so is it.
    @inline(__always)
    private func isRelevant(_ step: QuestionStep, pageRelevance: inout [UInt8], input: borrowing RuleInput) -> Bool {
        switch pageRelevance[step.page] {
        case 1: break
        case 2: return false
        default:
            let shown = step.pageRelevance?.isTrue(input) ?? true
            pageRelevance[step.page] = shown ? 1 : 2
            if !shown { return false }
        }
        return step.relevance?.isTrue(input) ?? true
    }

    private func checkRelevant(
        _ step: QuestionStep, position: Int, variables stepVariables: [Int], checked: Bool, mode: CheckMode, rulesDecided: Bool,
        sheet: inout AnswerSheet, input: inout RuleInput, found: inout [(variable: Int, problem: AnswerProblem)]
    ) {
        for i in step.variableStart..<step.variableEnd {
            let v = stepVariables[i]
            if sheet.hasUncoded[v], let uncoded = sheet.uncodedAnswer(v) {
                if checked { found.append((v, problem(v, uncoded.text, uncoded.kind))) }
                continue
            }
            guard input.hasValue(v) else {
                if checked && step.isRequired && mode.requiresAnswers { found.append((v, problem(v, nil, .requiredMissing))) }
                continue
            }
            guard checked && rulesDecided else { continue }
            if step.hasChoiceFilter {
                checkChoiceFilter(questions[position], variable: v, input: &input, found: &found)
            }
            if let constraint = step.constraint {
                input.setCurrent(variable: v)
                if !constraint.isTrue(input) {
                    let q = questions[position]
                    let kind = AnswerProblem.Kind.constraintFailed(constraint: q.constraint!.text, message: q.question.constraintMessage)
                    found.append((v, problem(v, AnswerText.text(of: input.values[v]!), kind)))
                }
                input.setCurrent(nil)
            }
        }
        guard step.otherVariable >= 0 else { return }
        let o = step.otherVariable
        var otherChosen = false
        for i in step.variableStart..<step.variableEnd where input.choosesOther(stepVariables[i]) {
            otherChosen = true
            break
        }
        if !otherChosen {
            if input.hasValue(o) {
                // The form refuses it too, on the page it is typed on: cleared, it would be lost unseen.
                if checked && mode != .submission {
                    let question = questions[position].question.name
                    found.append((o, problem(o, AnswerText.text(of: input.values[o]!), .otherWithoutOther(question: question))))
                }
                input.set(o, nil)
            }
        } else if sheet.hasUncoded[o], let uncoded = sheet.uncodedAnswer(o) {
            // A text it cannot take (a control character pasted in) is no missing answer: say what is wrong with it.
            if checked { found.append((o, problem(o, uncoded.text, uncoded.kind))) }
        } else if !input.hasValue(o) && checked && step.isRequired && mode.requiresAnswers {
            found.append((o, problem(o, nil, .requiredMissing)))
        }
    }

    /// A problem for each code of variable `v`'s answer that `q`'s choice filter does not offer.
    private func checkChoiceFilter(
        _ q: CompiledQuestion, variable v: Int, input: inout RuleInput, found: inout [(variable: Int, problem: AnswerProblem)]
    ) {
        guard let filter = q.choiceFilter, let attributes = q.choiceAttributes, let table = coders[v].choiceTable,
              let value = input.values[v] else { return }
        for code in codes(of: value) where !(q.question.allowsOther && code == Choice.otherValue) {
            guard let position = table.position(of: code) else { continue }
            input.setAttributes(attributes.rows[position])
            if !filter.isTrue(input) {
                found.append((v, problem(v, AnswerText.text(of: value), .choiceNotOffered(list: table.listName, code: code, filter: q.question.choiceFilter?.text ?? ""))))
            }
        }
        input.setAttributes(nil)
    }

    static func choosesOther(_ value: AnswerValue) -> Bool {
        switch value {
        case .choice(let code): code == Choice.otherValue
        case .choices(let codes): codes.contains(Choice.otherValue)
        default: false
        }
    }

    func codes(of value: AnswerValue) -> [String] {
        switch value {
        case .choice(let code): [code]
        case .choices(let codes): codes
        default: []
        }
    }

    private func problem(_ variable: Int, _ value: String?, _ kind: AnswerProblem.Kind) -> AnswerProblem {
        AnswerProblem(variable: variables[variable].name, value: value, kind: kind)
    }

    /// Runs `body` on the sheet's values and their expression slots (which the sheet keeps equal),
    /// without copying either; both go back to the sheet afterwards.
    func withInput<R>(_ sheet: inout AnswerSheet, _ body: (inout AnswerSheet, inout RuleInput) -> R) -> R {
        var values = sheet.values
        sheet.values = []
        var context = sheet.context
        sheet.context.slots = []
        defer { sheet.values = values }
        return values.withUnsafeMutableBufferPointer { buffer in
            var input = RuleInput(values: buffer, context: context, referenced: isReferenced)
            context.slots = []
            defer {
                input.context.currentValue = .empty
                input.context.choiceAttributes = []
                sheet.context = input.context
            }
            return body(&sheet, &input)
        }
    }
}

extension AnswerSheet {
    mutating func clearUncoded(_ index: Int) {
        guard hasUncoded[index] else { return }
        uncoded.removeAll { $0.variable == index }
        hasUncoded[index] = false
    }
}
