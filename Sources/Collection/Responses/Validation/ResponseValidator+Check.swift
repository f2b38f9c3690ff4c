import Diagnostics
import Expressions
import SurveyDefinition

extension ResponseValidator {
    /// Checks the answers on `sheet` as `mode` says, filling in calculations and which questions
    /// are relevant, and replacing `sheet.problems` with every problem found, in variable order.
    ///
    /// Questions are evaluated in dependency order on the values so far; a question that is not
    /// relevant (its page's `relevant` or its own is false) has no value: its answers are refused
    /// (`.complete`) or cleared (the form modes). `required` applies only when relevant; on a
    /// matrix it means every row; an `other` text is relevant only when `other` is chosen, and
    /// required then if its question is.
    public func check(_ sheet: inout AnswerSheet, mode: CheckMode) {
        precondition(sheet.validator === self, "a sheet is checked by the validator that made it")
        for i in sheet.pageRelevance.indices { sheet.pageRelevance[i] = 0 }
        var found: [(variable: Int, problem: AnswerProblem)] = []
        withInput(&sheet) { sheet, input in
            for position in order {
                let q = questions[position]
                let relevant = isRelevant(q, pageRelevance: &sheet.pageRelevance, input: input)
                sheet.relevantQuestions[position] = relevant
                switch q.kind {
                case .note:
                    break
                case .calculate:
                    let v = q.variables[0]
                    input.set(v, relevant ? q.calculation?.value(input, as: variables[v].type) : nil)
                case .answered where !relevant:
                    for v in q.allVariables {
                        let given = sheet.uncodedAnswer(v)?.text ?? input.values[v].map(AnswerText.text(of:))
                        guard let given else { continue }
                        if mode == .complete {
                            found.append((v, problem(v, given, .notRelevant(condition: q.relevanceText))))
                        }
                        input.set(v, nil)
                        sheet.clearUncoded(v)
                    }
                case .answered:
                    checkRelevant(q, checked: mode.checks(page: q.page), mode: mode, sheet: &sheet, input: &input, found: &found)
                }
            }
        }
        for entry in sheet.uncoded where isCalculated[entry.variable] {
            found.append((entry.variable, problem(entry.variable, entry.text, entry.kind)))
        }
        if found.count > 1 { found.sort { $0.variable < $1.variable } }
        sheet.problems = sheet.unknownNames.map { unknown in
            AnswerProblem(variable: unknown.name, value: unknown.text.isEmpty ? nil : unknown.text,
                          kind: .noSuchVariable(suggestion: Suggestions.closest(to: unknown.name, in: variables.map(\.name))))
        } + found.map(\.problem)
    }

    /// Whether question `q` is shown: its page is relevant and so is it.
    private func isRelevant(_ q: CompiledQuestion, pageRelevance: inout [UInt8], input: borrowing RuleInput) -> Bool {
        switch pageRelevance[q.page] {
        case 1: break
        case 2: return false
        default:
            let shown = pages[q.page].relevance?.isTrue(input) ?? true
            pageRelevance[q.page] = shown ? 1 : 2
            if !shown { return false }
        }
        return q.relevance?.isTrue(input) ?? true
    }

    private func checkRelevant(
        _ q: CompiledQuestion, checked: Bool, mode: CheckMode, sheet: inout AnswerSheet, input: inout RuleInput,
        found: inout [(variable: Int, problem: AnswerProblem)]
    ) {
        for v in q.variables {
            if let uncoded = sheet.uncodedAnswer(v) {
                if checked { found.append((v, problem(v, uncoded.text, uncoded.kind))) }
                continue
            }
            guard let value = input.values[v] else {
                if checked && q.question.required { found.append((v, problem(v, nil, .requiredMissing))) }
                continue
            }
            guard checked else { continue }
            if let filter = q.choiceFilter, let attributes = q.choiceAttributes, let table = coders[v].choiceTable {
                for code in codes(of: value) where !(q.question.allowsOther && code == Choice.otherValue) {
                    guard let position = table.position(of: code) else { continue }
                    input.setAttributes(attributes.rows[position])
                    if !filter.isTrue(input) {
                        found.append((v, problem(v, AnswerText.text(of: value), .choiceNotOffered(list: table.listName, code: code))))
                    }
                }
                input.setAttributes(nil)
            }
            if let constraint = q.constraint {
                input.setCurrent(value)
                if !constraint.isTrue(input) {
                    let kind = AnswerProblem.Kind.constraintFailed(constraint: constraint.text, message: q.question.constraintMessage)
                    found.append((v, problem(v, AnswerText.text(of: value), kind)))
                }
                input.setCurrent(nil)
            }
        }
        guard let o = q.otherVariable else { return }
        let otherChosen = q.variables.contains { v in input.values[v].map(Self.choosesOther) ?? false }
        if !otherChosen {
            if let text = input.values[o] {
                if mode == .complete {
                    found.append((o, problem(o, AnswerText.text(of: text), .otherWithoutOther(question: q.question.name))))
                }
                input.set(o, nil)
            }
        } else if input.values[o] == nil && checked && q.question.required {
            found.append((o, problem(o, nil, .requiredMissing)))
        }
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
