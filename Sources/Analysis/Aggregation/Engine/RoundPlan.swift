import Diagnostics
import Estimators
import Expressions
import Frameworks
import SurveyDefinition

/// Everything one round's scan needs, compiled once: the variables to read (each a slot of the
/// evaluation context), the cleaning rules, each indicator's expressions, and the breakdowns.
struct RoundPlan {
    let round: String
    let survey: Survey
    /// The variables scanned; slot `i` holds `variables[i]`.
    private(set) var variables: [Variable] = []
    /// Per slot: whether anything reads its value (an expression, a breakdown, a key, a design);
    /// false for the answers that completeness only needs to find empty or not.
    private(set) var readsValue: [Bool] = []
    private var slotOf: [String: Int] = [:]
    /// Where each distinct relevance condition is in `cleaning.conditions`, by text.
    private var relevanceIndex: [String: Int] = [:]
    var cleaning = CompiledCleaning()
    var indicators: [CompiledIndicator] = []
    var breakdowns: [Breakdown] = []
    var designs: [DesignColumns] = []
    /// The round's post-stratification, raking or calibration, when its entry in the framework has one.
    private(set) var postStratification: PlannedPostStratification?
    /// Indicators this round's definition cannot compute, with what it lacks (a question or a
    /// choice added in a later version): they get no cells in this round.
    private(set) var skipped: [(indicator: String, lacking: DefinitionGap)] = []
    private(set) var diagnostics = DiagnosticList()

    /// Compiles the rules and indicators of `framework` for round `round` of `survey`. Expressions
    /// that do not fit this round's definition are reported at their place in the framework.
    init(framework: Framework, round: String, survey: Survey, indicators: [Indicator], language: String) {
        self.round = round
        self.survey = survey
        let scope = SurveyScope(survey: survey)
        let rules = framework.cleaningRules(forRound: round)
        let fallbacks = framework.languages

        cleaning.test = compile(rules.test, scope: scope, expecting: .condition)
        cleaning.testText = rules.test?.text
        cleaning.eligible = compile(rules.eligible, scope: scope, expecting: .condition)
        cleaning.eligibleText = rules.eligible?.text
        cleaning.duplicateKey = rules.duplicateKey.compactMap { valueSlot(named: $0, at: rules.location ?? framework.location, what: "`duplicate_key`") }
        cleaning.duplicateKeyNames = rules.duplicateKey
        if let share = rules.minCompleteness {
            cleaning.minCompleteness = share
            compileCompleteness(excluding: Set(rules.completenessExcludes), scope: scope)
        }
        cleaning.minMinutes = rules.minMinutes

        if let rule = framework.round(round)?.poststratify {
            let slots = rule.margins.compactMap { valueSlot(named: $0.variable.value, at: $0.variable.location, what: "`\(rule.key)`") }
            let totals = rule.calibration?.totals ?? []
            let totalSlots = totals.compactMap { valueSlot(named: $0.variable.value, at: $0.variable.location, what: "`calibrate`") }
            if slots.count == rule.margins.count, totalSlots.count == totals.count {
                postStratification = PlannedPostStratification(rule: rule, slots: slots, totalSlots: totalSlots)
            }
        }

        var breakdownOf: [String: Int] = [:]
        let known = Set(survey.variables.map(\.name))
        for indicator in indicators {
            let missing = Self.variableNames(of: indicator).filter { !known.contains($0) }
            if !missing.isEmpty {
                skipped.append((indicator.id, .variables(missing)))
                continue
            }
            if let code = Self.unknownCode(in: indicator, scope: scope) {
                skipped.append((indicator.id, .code(code)))
                continue
            }
            var compiled = CompiledIndicator(indicator: indicator)
            compiled.universe = compile(indicator.universe, scope: scope, expecting: .condition)
            if let numerator = indicator.numerator {
                compiled.numerator = compile(numerator, scope: scope, expecting: .condition)
                compiled.numeratorSlots = MissingRule.decidingNames(of: numerator.text).compactMap { valueSlot(named: $0, at: numerator.location, what: "the numerator") }
            }
            compiled.value = compile(indicator.value, scope: scope, expecting: .number)
            compiled.denominator = compile(indicator.denominator, scope: scope, expecting: .number)
            compiled.askedChecks = askedChecks(for: indicator, scope: scope)
            // A post-stratified round estimates every indicator that follows its weighting with a
            // design: each response weighs 1 before post-stratification when the indicator has no
            // weight of its own.
            if indicator.weight != nil || (postStratification != nil && indicator.followsRoundWeighting) {
                let weight = indicator.weight
                let spec = DesignColumns.Spec(
                    weight: weight.map { valueSlot(named: $0, at: indicator.location(of: "weight"), what: "`weight`") ?? 0 },
                    strata: indicator.strata.flatMap { valueSlot(named: $0, at: indicator.location(of: "strata"), what: "`strata`") },
                    fpc: indicator.fpc.flatMap { valueSlot(named: $0, at: indicator.location(of: "fpc"), what: "`fpc`") }
                )
                if let existing = designs.firstIndex(where: { $0.spec == spec }) {
                    compiled.design = existing
                } else {
                    designs.append(DesignColumns(spec: spec, weightName: weight, strataName: indicator.strata, fpcName: indicator.fpc))
                    compiled.design = designs.count - 1
                }
            }
            for name in indicator.disaggregate {
                if let existing = breakdownOf[name] {
                    compiled.breakdowns.append(existing)
                    continue
                }
                if let reserved = ReservedBreakdown(rawValue: name) {
                    breakdowns.append(Breakdown(reserved, language: language))
                    breakdownOf[name] = breakdowns.count - 1
                    compiled.breakdowns.append(breakdowns.count - 1)
                    continue
                }
                guard let slot = valueSlot(named: name, at: indicator.location(of: "disaggregate"), what: "`disaggregate`") else { continue }
                breakdowns.append(Breakdown(variable: variables[slot], survey: survey, slot: slot, language: language, fallbacks: fallbacks))
                breakdownOf[name] = breakdowns.count - 1
                compiled.breakdowns.append(breakdowns.count - 1)
            }
            self.indicators.append(compiled)
        }
        // A weighting no indicator follows weighs nothing: the round is computed unweighted.
        if !self.indicators.contains(where: \.indicator.followsRoundWeighting) {
            postStratification = nil
        }
    }

    /// The indices in `designs` that the round's weighting applies to (those of the indicators that follow it).
    var weightedDesignIndices: [Int] {
        Set(indicators.filter(\.indicator.followsRoundWeighting).compactMap(\.design)).sorted()
    }

    /// The indicators of this round that its weighting to population counts passes by (`poststratify: false`).
    var notWeightedToPopulation: [String] {
        guard postStratification != nil else { return [] }
        return indicators.map(\.indicator).filter { !$0.followsRoundWeighting }.map(\.id)
    }

    var variableNames: [String] { variables.map(\.name) }

    /// The first code an indicator's expressions compare with that this round's choice lists lack.
    static func unknownCode(in indicator: Indicator, scope: SurveyScope) -> UnknownCode? {
        let sources = [indicator.numerator, indicator.universe, indicator.value, indicator.denominator].compactMap { $0 }
        return sources.lazy.compactMap { source in
            CheckedExpression(source.text, in: scope).errors.lazy.compactMap(\.unknownCode).first
        }.first
    }

    /// Every variable an indicator reads, in order of first mention (names in expressions that do
    /// not parse are left to the expression checks); a reserved breakdown (`samla.source`) is none.
    static func variableNames(of indicator: Indicator) -> [String] {
        let sources = [indicator.numerator, indicator.universe, indicator.value, indicator.denominator].compactMap { $0 }
        let inExpressions = sources.flatMap { source in
            (try? ParsedExpression.parse(source.text).get())?.referencedNames ?? []
        }
        let design = [indicator.weight, indicator.strata, indicator.fpc].compactMap { $0 }
        var seen = Set<String>()
        let breakdowns = indicator.disaggregate.filter { ReservedBreakdown(rawValue: $0) == nil }
        return (inExpressions + design + breakdowns).filter { seen.insert($0).inserted }
    }

    /// The slot of variable `name`, adding it to the scan; nil (with E311) when this round's definition lacks it.
    private mutating func slot(named name: String, at location: SourceLocation, what: String) -> Int? {
        if let slot = slotOf[name] { return slot }
        guard let variable = survey.variables.first(where: { $0.name == name }) else {
            diagnostics.report(.unknownFrameworkVariable, at: location,
                               "\(what) names '\(name)', which the definition of round \(round) (\(survey.id) version \(survey.version)) does not have")
            return nil
        }
        variables.append(variable)
        readsValue.append(false)
        slotOf[name] = variables.count - 1
        return variables.count - 1
    }

    /// The slot of variable `name`, as `slot(named:at:what:)`, marked as one whose value is read.
    private mutating func valueSlot(named name: String, at location: SourceLocation, what: String) -> Int? {
        guard let slot = slot(named: name, at: location, what: what) else { return nil }
        readsValue[slot] = true
        return slot
    }

    private mutating func compile(_ source: ExpressionSource?, scope: SurveyScope, expecting expected: ExpectedResult) -> CompiledExpression? {
        guard let source else { return nil }
        let checked = CheckedExpression(source.text, in: scope, expecting: expected)
        if let error = checked.errors.first {
            var diagnostic = error.suggesting(from: scope.variableNames).diagnostic(at: source.location(ofColumn: error.column))
            diagnostic.message += " (in the definition of round \(round), \(survey.id) version \(survey.version))"
            diagnostics.report(diagnostic)
            return nil
        }
        for name in checked.referencedNames { _ = valueSlot(named: name, at: source.location, what: "an expression") }
        do {
            return try checked.compile(slots: { slotOf[$0] })
        } catch {
            diagnostics.report(error.diagnostic(at: source.location(ofColumn: error.column)))
            return nil
        }
    }

    /// The questions whose answers decide an indicator's value (a proportion's deciding variables,
    /// else those `value` and `denominator` read) that a `relevant` of their page or their own can
    /// hide: a response it hid them from was not asked them.
    private mutating func askedChecks(for indicator: Indicator, scope: SurveyScope) -> [AskedCheck] {
        let names = indicator.numerator.map { MissingRule.decidingNames(of: $0.text) }
            ?? [indicator.value, indicator.denominator].compactMap { $0 }.flatMap { source in
                (try? ParsedExpression.parse(source.text).get())?.referencedNames ?? []
            }
        var checks: [AskedCheck] = []
        for name in names {
            guard let slot = slotOf[name],
                  let variable = survey.variables.first(where: { $0.name == name }), variable.role != .otherText,
                  !checks.contains(where: { $0.question == variable.question }),
                  let page = survey.page(asking: variable.question),
                  let question = page.questions.first(where: { $0.name == variable.question }),
                  page.relevant != nil || question.relevant != nil
            else { continue }
            let conditions = [page.relevant, question.relevant].compactMap { $0 }.compactMap { source in
                relevance(source, scope: scope).map { (index: $0, text: source.text) }
            }
            checks.append(AskedCheck(slot: slot, question: question.name, conditions: conditions.map(\.index), texts: conditions.map(\.text)))
        }
        return checks
    }

    /// A page's or question's relevance as an index into `cleaning.conditions`. Pages and questions
    /// often share a condition (`${consent} = 'yes'`): each distinct text is compiled once, so a scan
    /// evaluates it at most once per response, for completeness and the asked checks alike.
    private mutating func relevance(_ source: ExpressionSource?, scope: SurveyScope) -> Int? {
        guard let source else { return nil }
        if let known = relevanceIndex[source.text] { return known }
        guard let compiled = compile(source, scope: scope, expecting: .condition) else { return nil }
        cleaning.conditions.append(compiled)
        relevanceIndex[source.text] = cleaning.conditions.count - 1
        return cleaning.conditions.count - 1
    }

    /// Answerable questions with their page and own relevance and their answer slots.
    private mutating func compileCompleteness(excluding excluded: Set<String>, scope: SurveyScope) {
        for (pageIndex, page) in survey.pages.enumerated() {
            cleaning.pageCondition.append(relevance(page.relevant, scope: scope))
            for question in page.questions where question.type.isAnswered && !excluded.contains(question.name) {
                let slots = question.variables.filter { $0.role != .otherText }.compactMap { variable -> Int? in
                    slotOf[variable.name] ?? slot(named: variable.name, at: question.location, what: "completeness")
                }
                guard !slots.isEmpty else { continue }
                cleaning.questions.append(CompiledCleaning.Question(page: pageIndex, condition: relevance(question.relevant, scope: scope), slots: slots))
            }
        }
    }
}

/// A round's cleaning rules, compiled.
struct CompiledCleaning {
    struct Question {
        let page: Int
        /// Its own relevance: an index into `conditions`.
        let condition: Int?
        let slots: [Int]
    }

    var test: CompiledExpression?
    var testText: String?
    var minCompleteness: Double?
    var minMinutes: Double?
    /// The distinct relevance conditions of pages and questions, for completeness and the
    /// indicators' asked checks.
    var conditions: [CompiledExpression] = []
    /// Per page: its relevance, an index into `conditions`.
    var pageCondition: [Int?] = []
    var questions: [Question] = []
    var duplicateKey: [Int] = []
    var duplicateKeyNames: [String] = []
    var eligible: CompiledExpression?
    var eligibleText: String?

    /// The log entries of the rules this round has, in the order they run.
    func emptyEntries() -> [CleaningLog.Entry] {
        var entries: [CleaningLog.Entry] = []
        if let testText { entries.append(.init(rule: .test, condition: testText, removed: [])) }
        if let minCompleteness {
            entries.append(.init(rule: .completeness, condition: nil, removed: [], minShare: minCompleteness))
        }
        if let minMinutes {
            entries.append(.init(rule: .speed, condition: nil, removed: [], minMinutes: minMinutes))
        }
        if !duplicateKeyNames.isEmpty {
            entries.append(.init(rule: .duplicate, condition: nil, removed: [], keyNames: duplicateKeyNames))
        }
        if let eligibleText { entries.append(.init(rule: .eligibility, condition: eligibleText, removed: [])) }
        return entries
    }
}

/// An indicator compiled for one round, with the columns its scan fills.
struct CompiledIndicator {
    let indicator: Indicator
    var universe: CompiledExpression?
    var numerator: CompiledExpression?
    /// The slots of the numerator's deciding variables (`MissingRule`): while all hold an answer the
    /// numerator is decided; when any is empty, its three-valued truth says whether it is missing.
    var numeratorSlots: [Int] = []
    var value: CompiledExpression?
    var denominator: CompiledExpression?
    /// The questions deciding its value that a response may not have been asked.
    var askedChecks: [AskedCheck] = []
    /// Index into the plan's designs, for weighted indicators.
    var design: Int?
    /// Indexes into the plan's breakdowns.
    var breakdowns: [Int] = []

    init(indicator: Indicator) {
        self.indicator = indicator
    }
}

/// A question an indicator's value reads, shown only where its page's and its own `relevant` hold.
struct AskedCheck {
    /// The slot of the variable the indicator reads.
    let slot: Int
    let question: String
    /// The page's condition and the question's, whichever it has (at most two): indexes into
    /// `CompiledCleaning.conditions`.
    let conditions: [Int]
    /// Their texts, in the same order.
    let texts: [String]

    /// The texts of the conditions whose bits `hiding` sets.
    func texts(of hiding: UInt8) -> [String] {
        texts.indices.filter { hiding & (1 << $0) != 0 }.map { texts[$0] }
    }
}

/// The responses an indicator's value had none for because an `AskedCheck`'s question was hidden
/// from them, and the conditions that hid it from any of them.
struct NotAskedTally: Sendable {
    var count = 0
    var hiding: UInt8 = 0
}

/// The design variables of weighted indicators, one entry per kept response.
struct DesignColumns {
    struct Spec: Hashable {
        /// Nil when every response weighs 1.
        let weight: Int?
        let strata: Int?
        let fpc: Int?
    }

    let spec: Spec
    let weightName: String?
    let strataName: String?
    let fpcName: String?
    var weights: [Double] = []
    var strata: [String] = []
    var fpc: [Double] = []
    /// The stored id of each kept response, to name it in messages.
    var responseIDs: [Int64] = []

    init(spec: Spec, weightName: String?, strataName: String?, fpcName: String?) {
        self.spec = spec
        self.weightName = weightName
        self.strataName = strataName
        self.fpcName = fpcName
    }

    /// Why no estimate exists on this design, naming responses and variables rather than the
    /// positions Estimators counts in.
    func reason(for error: EstimationError) -> NoEstimateReason {
        let fpc = fpcName ?? "fpc"
        func stratum(_ value: String) -> Stratum { Stratum(value: value, variable: strataName ?? "strata") }
        switch error {
        case .negativeWeight(let index, let value):
            return .negativeWeight(response: responseIDs[index], weight: weightName ?? "weight", value: value)
        case .notFinite(let input, let index, _) where input == "fpc":
            return .fpcMissing(response: responseIDs[index], fpc: fpc)
        case .fpcNotPositive(let index, let value):
            return .fpcNotPositive(response: responseIDs[index], fpc: fpc, value: value)
        case .fpcMixedConventions(let sizeIndex, let fractionIndex):
            return .fpcMixed(fpc: fpc, populationSizeIn: responseIDs[sizeIndex], fractionIn: responseIDs[fractionIndex])
        case .fpcAllOne:
            return .fpcAllOne(fpc: fpc)
        case .fpcVariesWithinStratum(let value):
            return .fpcVariesWithinStratum(fpc: fpc, stratum: stratum(value))
        case .fpcBelowSampleSize(let value, let populationSize, let sampleSize):
            return .fpcBelowSampleSize(fpc: fpc, stratum: stratum(value), sampleSize: sampleSize, populationSize: populationSize)
        case .singlePSU(let value):
            return .singleResponseInStratum(stratum(value))
        default:
            return NoEstimateReason(error)
        }
    }
}

extension NoEstimateReason {
    /// The reason for a refusal that names no response: an empty cell, weights or denominator summing to 0.
    init(_ error: EstimationError) {
        switch error {
        case .zeroDenominator: self = .zeroDenominator
        case .zeroWeightSum: self = .zeroWeights
        case .emptyDomain, .emptyDesign: self = .noResponses
        default: self = .estimator(error)
        }
    }
}

/// A round's post-stratification, raking or calibration as its scan reads it: the rule, the slot
/// of each margin's variable and of each calibration total's.
struct PlannedPostStratification {
    let rule: PostStratificationRule
    let slots: [Int]
    var totalSlots: [Int] = []
}
