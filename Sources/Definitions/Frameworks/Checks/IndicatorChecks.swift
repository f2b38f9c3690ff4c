import Diagnostics
import Expressions
import SurveyDefinition

/// Checks of indicators, rounds and cleaning rules against the surveys they draw on.
struct IndicatorChecks {
    let framework: Framework
    let catalogue: SurveyCatalogue
    private var scopes: [String: SurveyScope] = [:]
    /// Surveys the framework names that the catalogue has no definition of. Each is reported where
    /// it is written (E308, with the nearest known id); what follows only from it is not.
    private var unknownSurveys: Set<String> = []

    init(framework: Framework, catalogue: SurveyCatalogue) {
        self.framework = framework
        self.catalogue = catalogue
        for (id, survey) in catalogue.surveys { scopes[id] = SurveyScope(survey: survey) }
        let named = framework.rounds.compactMap(\.survey)
            + framework.indicators.filter { $0.kind != .reported }.compactMap(\.survey)
            + framework.cleaning.keys
        unknownSurveys = Set(named.filter { catalogue.surveys[$0] == nil })
    }

    func check(into diagnostics: inout DiagnosticList) {
        checkRounds(into: &diagnostics)
        for indicator in framework.indicators { check(indicator, into: &diagnostics) }
        checkCleaning(into: &diagnostics)
        checkCoverage(into: &diagnostics)
    }

    // MARK: Rounds

    private func checkRounds(into diagnostics: inout DiagnosticList) {
        var seen: [String: SourceLocation] = [:]
        var reportedSurveys = Set<String>()
        for round in framework.rounds {
            if let first = seen[round.name] {
                diagnostics.report(.duplicateFrameworkRound, at: round.location, "the round \(round.name) is declared already (line \(first.line)); declare each round once")
            } else {
                seen[round.name] = round.location
            }
            if let survey = round.survey, scopes[survey] == nil, reportedSurveys.insert(survey).inserted {
                diagnostics.report(.unknownSurvey, at: round.location, "round \(round.name) collects the survey \(unknown(survey)), but \(problem(survey))")
            }
            if round.cleaning != nil, round.survey == nil {
                diagnostics.report(.noRoundForSurvey, at: round.location, "round \(round.name) has cleaning rules but no survey to clean; give its `survey` or remove the rules")
            }
            if let rule = round.poststratify {
                checkPostStratification(rule, of: round, into: &diagnostics)
            }
        }
    }

    /// Each margin's variable is a select_one or calculated text of the round's survey, and every
    /// count is for one of its codes (a calculated text's codes are known only from the
    /// responses: `samla compute` checks them); each calibration total's variable holds numbers.
    private func checkPostStratification(_ rule: PostStratificationRule, of round: FrameworkRound, into diagnostics: inout DiagnosticList) {
        guard let surveyID = round.survey else {
            diagnostics.report(.noRoundForSurvey, at: rule.location,
                               "round \(round.name) has `\(rule.key)` but no survey whose responses it could weight; give its `survey` or remove `\(rule.key)`")
            return
        }
        guard let survey = catalogue.surveys[surveyID] else { return }
        var found = DiagnosticList()
        defer { append(found, checkedAgainst: surveyID, into: &diagnostics) }
        for margin in rule.margins {
            checkMargin(margin, of: round, rule: rule, in: survey, into: &found)
        }
        for total in rule.calibration?.totals ?? [] {
            checkTotal(total, of: round, in: survey, into: &found)
        }
    }

    private func checkMargin(_ margin: PopulationMargin, of round: FrameworkRound, rule: PostStratificationRule, in survey: Survey, into found: inout DiagnosticList) {
        let name = margin.variable.value
        let place = rule.calibration != nil ? "round \(round.name) (counts of \(name))" : rule.isRaking ? "round \(round.name) (margin \(name))" : "round \(round.name)"
        let key = rule.key
        guard let variable = variable(name, in: survey, key: key, place: place, at: margin.variable.location, into: &found) else { return }
        switch variable.type {
        case .choice:
            break
        case .text where variable.role == .calculated:
            return
        default:
            let verb = rule.calibration != nil ? "calibrate to the counts of" : rule.isRaking ? "rake by" : "post-stratify by"
            let numeric = rule.calibration != nil && (variable.type == .integer || variable.type == .decimal)
                ? " (a number is calibrated to its total: list it under `totals`)" : ""
            found.report(.unsuitableVariable, at: margin.variable.location,
                         "`\(key)` of \(place) is by \(name), which holds \(Self.describe(variable.type)); \(verb) a select_one, or a calculated text that gives one code per response (to cross two variables, calculate e.g. concat(${region}, '-', ${legal_form}))\(numeric)")
            return
        }
        let question = survey.question(named: variable.question)
        let codes = (question.map { survey.choices(for: $0) } ?? variable.choiceList.flatMap { survey.choiceList(named: $0)?.choices } ?? []).map(\.value)
        for count in margin.counts where !codes.contains(count.code.value) {
            found.report(.populationCodeNotInChoices, at: count.code.location,
                         "`\(key)` of \(place) has a population count for \(count.code.value), which is no code of \(name)\(Suggestions.didYouMean(count.code.value, in: codes)); write the counts under the codes the survey stores: \(codes.joined(separator: ", "))")
        }
        let counted = Set(margin.counts.map(\.code.value))
        let uncounted = codes.filter { !counted.contains($0) }
        if !uncounted.isEmpty {
            found.report(.codeWithoutPopulationCount, at: margin.location,
                         "`\(key)` of \(place) has no population count for \(uncounted.joined(separator: ", ")) of \(name): `samla compute` refuses the round if a cleaned response has one; give its count, or remove such responses with a cleaning rule")
        }
    }

    /// A calibration total's variable is an integer or decimal of the survey (E311, E338); one a
    /// response can leave empty (not required, or asked only when relevant) is a warning (W304).
    private func checkTotal(_ total: PopulationTotal, of round: FrameworkRound, in survey: Survey, into found: inout DiagnosticList) {
        let name = total.variable.value
        let place = "round \(round.name) (total of \(name))"
        guard let variable = variable(name, in: survey, key: "calibrate", place: place, at: total.variable.location, into: &found) else { return }
        guard variable.type == .integer || variable.type == .decimal else {
            let categorical = variable.type == .choice ? " (a select_one is calibrated to its codes' counts: list them under `counts`)" : ""
            found.report(.totalOfNonNumericVariable, at: total.variable.location,
                         "`calibrate` of \(place) gives a population total of \(name), which holds \(Self.describe(variable.type)); a total is for an integer or decimal question or calculation\(categorical)")
            return
        }
        guard variable.role != .calculated, let question = survey.question(named: variable.question) else { return }
        let page = survey.pages.first { $0.questions.contains { $0.name == question.name } }
        if !question.required || question.relevant != nil || page?.relevant != nil {
            let why = question.required ? "is asked only when relevant" : "is not required"
            found.report(.calibrationVariableMayBeEmpty, at: total.variable.location,
                         "`calibrate` of \(place): \(name) \(why), so a response can leave it empty, and `samla compute` refuses the round if a cleaned response has it empty (R's calibrate fails on a missing value too); make it required, or leave such responses out with a cleaning rule, e.g. `eligible: ${\(name)} != ''`")
        }
    }

    private func problem(_ survey: String) -> String {
        catalogue.problems[survey] ?? "no definition of it is available"
    }

    /// A survey id without a definition, quoted, with the nearest id that has one.
    private func unknown(_ survey: String) -> String {
        "'\(survey)'\(Suggestions.didYouMean(nearestKnown(to: survey)))"
    }

    private func nearestKnown(to survey: String) -> String? {
        Suggestions.closest(to: survey, in: Set(catalogue.surveys.keys).union(catalogue.otherSurveys).sorted())
    }

    /// Whether a round of `survey` is declared, or may be meant by a round whose survey is unknown
    /// and nearest to it (that round's E308 says so already).
    private func roundIsDeclared(for survey: String) -> Bool {
        framework.rounds.contains { round in
            guard let named = round.survey else { return false }
            return named == survey || (unknownSurveys.contains(named) && nearestKnown(to: named) == survey)
        }
    }

    // MARK: Indicators

    /// Whether a unit is a way of writing percent other than the keyword: `%`, `Percent`,
    /// `procent`, `pct`, `per cent`, `percentage`, in any case and spacing.
    static func spellsPercent(_ unit: String) -> Bool {
        let word = unit.lowercased().filter { !$0.isWhitespace }
        return ["%", "percent", "procent", "prosent", "pct", "percentage", "procentandel"].contains(word)
    }

    private func check(_ indicator: Indicator, into diagnostics: inout DiagnosticList) {
        let place = "indicator `\(indicator.id)`"
        checkRoundValues(indicator, into: &diagnostics)
        if indicator.unit == "percent", !indicator.kind.isShare, indicator.kind != .reported {
            diagnostics.report(.percentOnLevel, at: indicator.location(of: "unit"),
                               "\(place) is a \(indicator.kind.rawValue), but unit percent shows a share ×100; if the values are percentages already (0–100), "
                                + "make the indicator their share: kind: ratio, denominator: \"100\", unit: percent (its change is then in percentage points)")
        }
        if indicator.kind == .proportion, let unit = indicator.unit, unit != "percent", Self.spellsPercent(unit) {
            diagnostics.report(.percentSpelledAsLabel, at: indicator.location(of: "unit"),
                               "\(place) is a proportion with unit '\(unit)', which would show its share from 0 to 1 beside it (0.75 \(unit)); "
                                + "write `unit: percent` to show it ×100 with a percent sign (75 %), or leave `unit` out to show the share itself")
        }
        if !indicator.targets.isEmpty, indicator.direction == nil {
            diagnostics.report(.targetsWithoutDirection, at: indicator.location(of: "targets"),
                               "\(place) has targets but no direction; add `direction: up` (higher is better) or `direction: down`")
        }
        if indicator.weight == nil {
            for key in ["strata", "fpc"] where (key == "strata" ? indicator.strata : indicator.fpc) != nil {
                diagnostics.report(.designWithoutWeight, at: indicator.location(of: key),
                                   "\(place) has `\(key)` but no `weight`; a design needs the weight of each response (write weight: a variable holding 1 for equal weights)")
            }
        }
        guard indicator.kind != .reported, let surveyID = indicator.survey else { return }
        guard let scope = scopes[surveyID], let survey = catalogue.surveys[surveyID] else {
            diagnostics.report(.unknownSurvey, at: indicator.location(of: "survey"), "\(place) is computed from the survey \(unknown(surveyID)), but \(problem(surveyID))")
            return
        }
        if !roundIsDeclared(for: surveyID) {
            diagnostics.report(.noRoundForSurvey, at: indicator.location(of: "survey"),
                               "\(place) is computed from \(surveyID), but no round of \(surveyID) is declared under `rounds`; add one, e.g. {name: \(surveyID)-2025, survey: \(surveyID), label: \"2025\"}")
        }
        var found = DiagnosticList()
        check(indicator, against: survey, scope: scope, into: &found)
        append(found, checkedAgainst: surveyID, into: &diagnostics)
    }

    /// The checks of an indicator's expressions and variables against its survey's definition.
    private func check(_ indicator: Indicator, against survey: Survey, scope: SurveyScope, into diagnostics: inout DiagnosticList) {
        let place = "indicator `\(indicator.id)`"
        let expressions: [(String, ExpressionSource?, ExpectedResult)] = [
            ("numerator", indicator.numerator, .condition), ("universe", indicator.universe, .condition),
            ("value", indicator.value, .number), ("denominator", indicator.denominator, .number),
        ]
        for (_, source, expected) in expressions {
            if let source { checkExpression(source, of: survey, scope: scope, expecting: expected, forIndicator: true, into: &diagnostics) }
        }
        for (key, name) in [("weight", indicator.weight), ("fpc", indicator.fpc)] {
            guard let name else { continue }
            guard let variable = variable(name, in: survey, key: key, place: place, at: indicator.location(of: key), into: &diagnostics) else { continue }
            if variable.type != .integer && variable.type != .decimal {
                diagnostics.report(.unsuitableVariable, at: indicator.location(of: key),
                                   "`\(key)` of \(place) is \(name), which holds \(Self.describe(variable.type)); it must be a number")
            }
        }
        if let strata = indicator.strata,
           let variable = variable(strata, in: survey, key: "strata", place: place, at: indicator.location(of: "strata"), into: &diagnostics),
           variable.type == .choices || variable.type == .decimal {
            diagnostics.report(.unsuitableVariable, at: indicator.location(of: "strata"),
                               "`strata` of \(place) is \(strata), which holds \(Self.describe(variable.type)); a stratum is one code, text or whole number per response")
        }
        var listed = Set<String>()
        for name in indicator.disaggregate {
            let location = indicator.location(of: "disaggregate")
            if !listed.insert(name).inserted {
                diagnostics.report(.duplicateKey, at: location, "\(place) is broken down by \(name) twice; list it once")
                continue
            }
            if ReservedBreakdown.isReserved(name) {
                if ReservedBreakdown(rawValue: name) == nil {
                    diagnostics.report(.unknownFrameworkVariable, at: location, Self.unknownReserved(name, place: place))
                }
                continue
            }
            guard let variable = variable(name, in: survey, key: "disaggregate", place: place, at: location, into: &diagnostics) else { continue }
            if !Self.isCategorical(variable) {
                let hint = variable.type == .choices
                    ? "a response can hold several of its codes; break down by a select_one, or make a proportion per code"
                    : "break down by a select_one, a yes/no or a calculate that gives a few codes"
                diagnostics.report(.unsuitableVariable, at: location,
                                   "\(place) is broken down by \(name), which holds \(Self.describe(variable.type)) and has no groups: \(hint)")
            }
        }
    }

    /// Appends `found`, each message naming the definition it was checked against when the
    /// catalogue says where that came from (not a file the user has open).
    private func append(_ found: DiagnosticList, checkedAgainst surveyID: String, into diagnostics: inout DiagnosticList) {
        let origin = catalogue.origins[surveyID]
        for var diagnostic in found.items {
            if let origin { diagnostic.message += " (checked against \(origin))" }
            diagnostics.report(diagnostic)
        }
    }

    /// Why a `samla.` name that Samla does not provide cannot be a breakdown, with those it does.
    static func unknownReserved(_ name: String, place: String) -> String {
        let offered = ReservedBreakdown.allCases.map { "\($0.rawValue) (\($0.meaning))" }.joined(separator: ", ")
        return "`disaggregate` of \(place) names '\(name)', which is no breakdown Samla provides\(Suggestions.didYouMean(name, in: ReservedBreakdown.names)); "
            + "names beginning with `\(ReservedBreakdown.prefix)` are reserved for these: \(offered). A survey variable is named without the prefix"
    }

    /// Variables a breakdown can use: a select_one or matrix row, yes/no, or a calculated text.
    static func isCategorical(_ variable: Variable) -> Bool {
        switch variable.type {
        case .choice, .boolean: true
        case .text: variable.role == .calculated
        default: false
        }
    }

    private func checkRoundValues(_ indicator: Indicator, into diagnostics: inout DiagnosticList) {
        let place = "indicator `\(indicator.id)`"
        var entries: [(what: String, value: RoundValue)] = []
        if let baseline = indicator.baseline { entries.append(("the baseline", baseline)) }
        entries += indicator.targets.map { ("a target", $0) }
        entries += indicator.reportedValues.map { ("a reported value", $0) }
        for (what, entry) in entries {
            guard let round = framework.round(entry.round) else {
                diagnostics.report(.unknownFrameworkRound, at: entry.location,
                                   "\(what) of \(place) is for the round '\(entry.round)', which the framework does not declare\(framework.undeclaredRoundAdvice(entry.round))")
                continue
            }
            if indicator.kind != .reported, let survey = indicator.survey, round.survey != survey,
               !unknownSurveys.contains(survey), !(round.survey.map { unknownSurveys.contains($0) } ?? false) {
                let collects = round.survey.map { "a round of \($0)" } ?? "a reporting period without a survey"
                diagnostics.report(.roundOfOtherSurvey, at: entry.location,
                                   "\(what) of \(place) is for round \(round.name), \(collects), but the indicator is computed from \(survey); use a round of \(survey)")
            }
            let reportedShare = indicator.kind == .reported && indicator.unit == "percent"
            if indicator.kind == .proportion || reportedShare, !(0...1).contains(entry.value) {
                let hint = entry.value > 1 && entry.value <= 100 ? "; write \(NumberFormatting.plain(entry.value / 100)) for \(NumberFormatting.plain(entry.value))%" : ""
                let rule = reportedShare ? "with unit percent a reported value is a share from 0 to 1, shown ×100" : "a proportion is a share from 0 to 1"
                diagnostics.report(.invalidIndicatorValue, at: entry.valueLocation,
                                   "\(what) of \(place) is \(NumberFormatting.plain(entry.value)), but \(rule)\(hint)")
            } else if indicator.kind == .count, entry.value < 0 {
                diagnostics.report(.invalidIndicatorValue, at: entry.valueLocation,
                                   "\(what) of \(place) is \(NumberFormatting.plain(entry.value)), but a count is never negative")
            }
        }
        for round in indicator.comparable {
            guard let declared = framework.round(round.value) else {
                diagnostics.report(.unknownFrameworkRound, at: round.location,
                                   "`comparable` of \(place) names the round '\(round.value)', which the framework does not declare\(framework.undeclaredRoundAdvice(round.value))")
                continue
            }
            if let survey = indicator.survey, declared.survey != survey, !unknownSurveys.contains(survey) {
                diagnostics.report(.roundOfOtherSurvey, at: round.location,
                                   "`comparable` of \(place) names round \(declared.name), which is not a round of \(survey); name a round of \(survey) whose change from the round before you checked")
            }
        }
        checkTargetsFollowBaseline(indicator, into: &diagnostics)
    }

    /// A target at or before the baseline's round gives no path to follow, so no status before it.
    private func checkTargetsFollowBaseline(_ indicator: Indicator, into diagnostics: inout DiagnosticList) {
        guard let baseline = indicator.baseline, let start = framework.position(ofRound: baseline.round) else { return }
        for target in indicator.targets {
            guard let at = framework.position(ofRound: target.round), at <= start else { continue }
            let when = at == start ? "the baseline's own round" : "before the baseline's round \(baseline.round)"
            diagnostics.report(.targetNotAfterBaseline, at: target.location,
                               "a target of indicator `\(indicator.id)` is for round \(target.round), \(when); set targets for rounds after \(baseline.round) (`rounds` are in time order), or move the baseline to an earlier round")
        }
    }

    private func variable(
        _ name: String, in survey: Survey, key: String, place: String, at location: SourceLocation, into diagnostics: inout DiagnosticList
    ) -> Variable? {
        if let variable = survey.variables.first(where: { $0.name == name }) { return variable }
        if let matrix = survey.questions.first(where: { $0.name == name && $0.type == .matrix }), let row = matrix.rows.first {
            diagnostics.report(.unknownFrameworkVariable, at: location,
                               "`\(key)` of \(place) names '\(name)', a matrix of the survey \(survey.id), which stores one answer per row; name a row, such as \(matrix.variableName(forRow: row.name))")
            return nil
        }
        let suggestion = Suggestions.didYouMean(name, in: survey.variables.map(\.name))
        let advice = suggestion.isEmpty ? ": check the spelling against the names of its questions" : suggestion
        diagnostics.report(.unknownFrameworkVariable, at: location,
                           "`\(key)` of \(place) names '\(name)', which is no variable of the survey \(survey.id)\(advice)")
        return nil
    }

    static func describe(_ type: VariableType) -> String {
        switch type {
        case .text: "text"
        case .integer: "whole numbers"
        case .decimal: "numbers"
        case .boolean: "yes/no"
        case .date: "dates"
        case .choice: "one code of a choice list"
        case .choices: "several codes of a choice list (select_multiple)"
        }
    }

    private func checkExpression(
        _ source: ExpressionSource, of survey: Survey, scope: SurveyScope, expecting expected: ExpectedResult,
        forIndicator: Bool, into diagnostics: inout DiagnosticList
    ) {
        let checked = CheckedExpression(source.text, in: scope, expecting: expected)
        for error in checked.errors {
            let explained = explain(error, in: survey, scope: scope, forIndicator: forIndicator)
            diagnostics.report(explained.diagnostic(at: source.location(ofColumn: error.column)))
        }
        for warning in checked.warnings {
            diagnostics.report(warning.diagnostic(at: source.location(ofColumn: warning.column)))
        }
    }

    /// An unknown `${x}` said in terms of the survey: a note or matrix of it, the nearest of its
    /// variables, or another survey of the catalogue that has the variable (an indicator written
    /// for one survey and pointed at another).
    private func explain(_ error: ExpressionError, in survey: Survey, scope: SurveyScope, forIndicator: Bool) -> ExpressionError {
        guard error.code == .expressionUnknownVariable, let name = error.unknownName else { return error }
        var explained = error
        if let why = survey.questions.first(where: { $0.name == name })?.whyNoValue {
            explained.message = why
            return explained
        }
        explained.message = "${\(name)} names no variable of the survey \(survey.id)"
        let suggestion = Suggestions.didYouMean(name, in: scope.variableNames)
        let elsewhere = catalogue.surveys.keys.sorted().filter { id in
            id != survey.id && catalogue.surveys[id]!.variables.contains { $0.name == name }
        }
        if suggestion.isEmpty, let other = elsewhere.first {
            let alternative = forIndicator ? ", or compute the indicator from \(other) (`survey: \(other)`)" : ""
            explained.message += ", though \(other) has one: refer to a variable of \(survey.id)\(alternative)"
        } else if suggestion.isEmpty {
            explained.message += ": check the spelling against the names of its questions"
        } else {
            explained.message += suggestion
        }
        return explained
    }

    // MARK: Cleaning

    private func checkCleaning(into diagnostics: inout DiagnosticList) {
        var entries: [(survey: String, rules: CleaningRules, place: String)] = framework.cleaning.keys.sorted().map {
            ($0, framework.cleaning[$0]!, "the cleaning rules of \($0)")
        }
        let topLevel = entries.count
        for round in framework.rounds {
            if let rules = round.cleaning, let survey = round.survey { entries.append((survey, rules, "the cleaning rules of round \(round.name)")) }
        }
        for (index, (surveyID, rules, place)) in entries.enumerated() {
            let location = rules.location ?? framework.location
            guard let scope = scopes[surveyID], let survey = catalogue.surveys[surveyID] else {
                // A round's rules are for the round's survey, reported unknown at the round already.
                if index < topLevel {
                    diagnostics.report(.unknownSurvey, at: location, "\(place) are for the survey \(unknown(surveyID)), but \(problem(surveyID))")
                }
                continue
            }
            if index < topLevel, !roundIsDeclared(for: surveyID) {
                diagnostics.report(.noRoundForSurvey, at: location, "there are cleaning rules for \(surveyID), but no round of it is declared under `rounds`")
            }
            var found = DiagnosticList()
            for source in [rules.test, rules.eligible].compactMap({ $0 }) {
                checkExpression(source, of: survey, scope: scope, expecting: .condition, forIndicator: false, into: &found)
            }
            let names = scope.variableNames
            for name in rules.duplicateKey where !names.contains(name) {
                found.report(.unknownFrameworkVariable, at: location,
                             "`duplicate_key` of \(place) names '\(name)', which is no variable of the survey \(surveyID)\(Suggestions.didYouMean(name, in: names))")
            }
            let questions = survey.questions.map(\.name)
            for name in rules.completenessExcludes where !questions.contains(name) {
                found.report(.unknownFrameworkVariable, at: location,
                             "`completeness_excludes` of \(place) names '\(name)', which is no question of the survey \(surveyID)\(Suggestions.didYouMean(name, in: questions))")
            }
            append(found, checkedAgainst: surveyID, into: &diagnostics)
        }
    }

    // MARK: Coverage

    private func checkCoverage(into diagnostics: inout DiagnosticList) {
        let measured = Set(framework.indicators.map(\.node))
        for node in framework.nodes where (node.level == .outcome || node.level == .output) && !measured.contains(node.id) {
            diagnostics.report(.nodeWithoutIndicator, at: node.location,
                               "\(node.level.rawValue) `\(node.id)` is measured by no indicator; add one, or say in its description how it is followed")
        }
    }
}
