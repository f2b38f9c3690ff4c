import Diagnostics

/// Every question names a list that exists; every list is used by some question.
enum ChoiceListChecks {
    /// E108 for each unknown list; W102 for each unused list, unless `reportUnused` is false
    /// or some question names an unknown list (the unused list may be the one it meant); E106 when
    /// the `other` option a question adds would be exported with the code of one of its list's choices.
    static func check(_ survey: Survey, reportUnused: Bool, into diagnostics: inout DiagnosticList) {
        let names = survey.choiceLists.map(\.name)
        var used = Set<String>()
        var anyUnknown = false
        for question in survey.questions {
            guard let list = question.choiceList, question.type.usesChoices else { continue }
            used.insert(list)
            if survey.choiceList(named: list) == nil {
                anyUnknown = true
                let advice = Suggestions.closest(to: list, in: names).map { Suggestions.didYouMean($0) }
                    ?? (names.isEmpty ? "; define it under `choices:` at the top of the survey"
                                      : "; the lists are \(names.joined(separator: ", "))")
                diagnostics.report(.unknownChoiceList, at: question.location(of: "choices"),
                                   "question `\(question.name)` uses the choice list \(list), which is not defined\(advice)")
            } else if question.allowsOther, let choices = survey.choiceList(named: list)?.choices, !choices.contains(where: { $0.value == Choice.otherValue }),
                      let taken = choices.first(where: { $0.exportCode == Choice.otherValue }) {
                diagnostics.report(.duplicateChoiceValue, at: question.location(of: "other"),
                                   "question `\(question.name)` adds the option \(Choice.otherValue), but choice '\(taken.value)' of its list `\(list)` is exported as '\(Choice.otherValue)' too, so a partner could not tell them apart; give that choice another `export_as`")
            }
        }
        guard reportUnused, !anyUnknown else { return }
        for list in survey.choiceLists where !used.contains(list.name) {
            diagnostics.report(.unusedChoiceList, at: list.location,
                               "no question uses the choice list \(list.name); use it with `choices: \(list.name)` or remove it")
        }
    }
}
