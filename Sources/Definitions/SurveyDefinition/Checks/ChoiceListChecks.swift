import Diagnostics
import Foundation

/// Every question names a list that exists; every list is used by some question.
enum ChoiceListChecks {
    /// E108 for each unknown list; W102 for each unused list, unless `reportUnused` is false
    /// or some question names an unknown list (the unused list may be the one it meant); E106 when
    /// the `other` option a question adds would be exported with the code of one of its list's choices;
    /// W107 when a choice of its list is labelled as that option (a list given "Annat" of its own).
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
            if question.allowsOther, let choices = survey.choiceList(named: list)?.choices, !choices.contains(where: { $0.value == Choice.otherValue }),
               let twin = choices.first(where: { labelledAsOther($0, languages: survey.languages) }) {
                let label = survey.languages.compactMap { Choice.otherLabel[$0] }.map { "'\($0)'" }.joined(separator: " / ")
                diagnostics.report(.choiceLabelledAsOther, at: question.location(of: "other"),
                                   "question `\(question.name)` adds the option \(label) (`other: true`), and choice '\(twin.value)' of its list `\(list)` is labelled so too: the respondent sees it twice, and a report shows two groups of that name; remove the choice, or the question's `other`")
            }
        }
        guard reportUnused, !anyUnknown else { return }
        for list in survey.choiceLists where !used.contains(list.name) {
            diagnostics.report(.unusedChoiceList, at: list.location,
                               "no question uses the choice list \(list.name); use it with `choices: \(list.name)` or remove it")
        }
    }

    /// Whether `choice` reads, in some language of the survey, as the label `other: true` gives its option.
    private static func labelledAsOther(_ choice: Choice, languages: [String]) -> Bool {
        languages.contains { language in
            guard let other = Choice.otherLabel[language], let label = choice.label[language] else { return false }
            return label.trimmingCharacters(in: .whitespaces).lowercased() == other.lowercased()
        }
    }

    /// E120 where an export could not name a multiple choice's option columns (``WideColumnNames``):
    /// `q_code` and `q__code` both taken, ignoring case, as by three codes that differ only in
    /// letter case. Checked for the standard export and for a partner export, whose columns are
    /// named after `export_as` and the partners' codes, so that `samla export` of collected data
    /// cannot fail on the definition.
    static func checkOptionColumnNames(_ survey: Survey, into diagnostics: inout DiagnosticList) {
        let personal = survey.personalDataSources
        let partnerVariables = survey.variables.filter { $0.exportAs != nil && personal[$0.name] == nil }
        do {
            _ = try WideColumnNames(metadata: WideColumnNames.exportMetadata, variables: survey.variables, in: survey)
        } catch {
            report(error, in: survey, partner: false, into: &diagnostics)
        }
        do {
            _ = try WideColumnNames(
                metadata: WideColumnNames.partnerMetadata, variables: partnerVariables, in: survey,
                base: { $0.exportAs ?? $0.name }, code: \.exportCode)
        } catch {
            report(error, in: survey, partner: true, into: &diagnostics)
        }
    }

    private static func report(_ clash: WideColumnNames.Clash, in survey: Survey, partner: Bool, into diagnostics: inout DiagnosticList) {
        guard let option = clash.option, let question = survey.question(named: clash.second) else { return }
        let choices = survey.choices(for: question)
        guard let choice = choices.first(where: { (partner ? $0.exportCode : $0.value) == option }) else { return }
        let single = String(clash.name.dropLast(option.count + 2)) + "_" + String(clash.name.suffix(option.count))
        let (export, code, remedy) = partner
            ? ("a partner export", " (exported as \(option))", "give it another `export_as` (not one that differs from another only in letter case), or the question another `export_as`")
            : ("an export", "", "give it another value (not one that differs from another only in letter case), or rename the variable whose column it meets")
        diagnostics.report(.optionColumnsClash, at: choice.location,
            "\(export) spreads question `\(question.name)` into one column per option, but choice '\(choice.value)'\(code) of list `\(question.choiceList ?? "")` finds no name: "
                + "\(single) and \(clash.name) are taken by other columns, compared ignoring case as Excel, SPSS, Stata and SQL compare them; \(remedy)")
    }
}
