import Diagnostics

/// Every question names a list that exists; every list is used by some question.
enum ChoiceListChecks {
    /// E108 for each unknown list; W102 for each unused list, unless `reportUnused` is false
    /// or some question names an unknown list (the unused list may be the one it meant).
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
            }
        }
        guard reportUnused, !anyUnknown else { return }
        for list in survey.choiceLists where !used.contains(list.name) {
            diagnostics.report(.unusedChoiceList, at: list.location,
                               "no question uses the choice list \(list.name); use it with `choices: \(list.name)` or remove it")
        }
    }
}
