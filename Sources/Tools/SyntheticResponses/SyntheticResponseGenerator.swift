import Expressions
import Foundation
import Responses
import SurveyDefinition

/// Makes realistic responses to a survey, deterministically from a seed.
///
/// It walks the pages in order and answers only the questions that are relevant given the
/// answers so far, drawing from the survey's ``SurveyProfile`` (or generic values by type)
/// and drawing again when a constraint or choice filter refuses a value. Every complete
/// response it makes passes ``ResponseValidator/check(_:mode:)`` in `.complete` mode.
public struct SyntheticResponseGenerator {
    public let validator: ResponseValidator
    public let profile: SurveyProfile
    public let options: GeneratorOptions

    private var random: SeededRandom
    private let questions: [Question]
    private let draws: [AnswerDraw?]
    private let variantDraws: [ResponseVariant: [AnswerDraw?]]
    private let groupOf: [Int?]
    private var groupDrawn: [Bool]
    private let hasCalculations: Bool
    /// Per variable: whether its question is required.
    private let isRequired: [Bool]
    private var previousComplete: (values: [AnswerValue?], language: String)?
    /// Responses drawn so far, duplicates aside: the serial number of unique texts such as emails.
    private var serial = 0
    /// Whether the response being drawn is in English: its comments and other answers are.
    private var english = false
    private let variantWeights: [Double]
    private let variantOrder = ResponseVariant.allCases

    /// A generator for `validator`'s survey; `profile` defaults to the survey's shipped profile,
    /// else generic values.
    public init(validator: ResponseValidator, profile: SurveyProfile? = nil, options: GeneratorOptions = GeneratorOptions()) {
        self.validator = validator
        let profile = profile ?? SurveyProfile.builtIn(for: validator.survey.id) ?? .generic(for: validator.survey.id)
        self.profile = profile
        self.options = options
        random = SeededRandom(seed: options.seed)
        questions = validator.survey.questions
        let names = validator.variables.map(\.name)
        draws = names.map { profile.draws[$0] }
        variantDraws = profile.variants.mapValues { overrides in names.map { overrides[$0] } }
        // Composition groups: each variable of a group points at the group's first variable.
        var groupOf = [Int?](repeating: nil, count: names.count)
        for (i, draw) in draws.enumerated() {
            if case .composition(let group, _, _, _, _)? = draw, groupOf[i] == nil {
                let first = group.compactMap { validator.index(ofVariable: $0) }.min() ?? i
                for name in group { if let v = validator.index(ofVariable: name) { groupOf[v] = first } }
            }
        }
        self.groupOf = groupOf
        groupDrawn = Array(repeating: false, count: names.count)
        hasCalculations = validator.variables.contains { $0.role == .calculated }
        let requiredQuestions = Set(questions.filter(\.required).map(\.name))
        isRequired = validator.variables.map { requiredQuestions.contains($0.question) }
        let shares = options.variantShares
        let others = shares.filter { $0.key != .regular }.values.reduce(0, +)
        variantWeights = ResponseVariant.allCases.map { $0 == .regular ? max(0, 1 - others) : shares[$0] ?? 0 }
    }

    /// Fills `sheet` (reset first) with the next response and returns its facts. Calculations
    /// are computed; the sheet is not checked.
    public mutating func next(into sheet: inout AnswerSheet) -> GeneratedResponseInfo {
        sheet.reset()
        var variant = variantOrder[random.weightedIndex(variantWeights)]
        if variant == .duplicate && previousComplete == nil { variant = .regular }
        let (submittedAt, submittedOn) = timestamp()
        // Checked as of the day it is dated, as a real response was: `. <= today()` keeps an
        // event's date on or before the day the response about it was sent.
        sheet.today = submittedOn
        if variant == .duplicate, let previous = previousComplete {
            for (v, value) in previous.values.enumerated() where validator.variables[v].role != .calculated {
                sheet.setAnswer(value: value, variable: v)
            }
            validator.updateCalculations(in: &sheet)
            return GeneratedResponseInfo(language: previous.language, submittedAt: submittedAt, variant: .duplicate, isComplete: true, lastPage: nil)
        }
        serial += 1
        let language = profile.languages.isEmpty ? validator.survey.languages.first ?? "sv"
            : profile.languages[random.weightedIndex(profile.languages.map(\.weight))].code
        english = language == "en"
        let pageCount = validator.survey.pages.count
        let lastPage = variant == .incomplete ? max(0, Int(Double(pageCount) * (0.2 + 0.5 * random.unit())) - 1) : pageCount - 1
        for i in groupDrawn.indices { groupDrawn[i] = false }
        let overrides = variantDraws[variant]
        for page in 0...lastPage {
            for position in validator.questionPositions(onPage: page) {
                let question = questions[position]
                guard question.type.isAnswered else { continue }
                if hasCalculations { validator.updateCalculations(in: &sheet) }
                guard validator.isRelevant(question: position, in: &sheet) else { continue }
                answer(position, question, overrides: overrides, sheet: &sheet)
            }
        }
        validator.updateCalculations(in: &sheet)
        let complete = variant != .incomplete
        if complete { previousComplete = (sheet.values, language) }
        return GeneratedResponseInfo(
            language: language, submittedAt: submittedAt, variant: variant, isComplete: complete,
            lastPage: complete ? nil : lastPage
        )
    }

    /// The next response as values index-aligned with `validator.variables`, and its facts.
    public mutating func next() -> (values: [AnswerValue?], info: GeneratedResponseInfo) {
        var sheet = validator.makeSheet()
        let info = next(into: &sheet)
        return (sheet.values, info)
    }

    // MARK: Answering one question

    private mutating func answer(_ position: Int, _ question: Question, overrides: [AnswerDraw?]?, sheet: inout AnswerSheet) {
        let (answers, other) = validator.variableIndices(ofQuestion: position)
        let skippable = !question.required && random.chance(profile.skipOptional)
        for v in answers {
            let draw = overrides?[v] ?? draws[v]
            // A variant's draw pins its codes (a test response's recontact is yes): no code is added to it.
            let pinned = overrides?[v] != nil
            if let group = groupOf[v] {
                if !groupDrawn[group], case .composition(let names, let weights, let parts, let total, let step)? = draws[group] {
                    drawComposition(names, weights, parts, total, step, sheet: &sheet)
                    groupDrawn[group] = true
                }
                continue
            }
            if skippable { continue }
            var accepted = false
            for attempt in 0..<40 {
                guard let value = value(for: v, draw: draw, pinned: pinned, position: position, attempt: attempt, sheet: &sheet) else {
                    if !question.required { accepted = true; break }
                    continue
                }
                sheet.setAnswer(value: value, variable: v)
                if sheet.values[v] != nil && validator.satisfiesRules(variable: v, in: &sheet) {
                    accepted = true
                    break
                }
            }
            if !accepted { fallback(v, position: position, sheet: &sheet) }
        }
        if let other, answers.contains(where: { sheet.values[$0].map(Self.choosesOther) ?? false }) {
            sheet.setAnswer(value: .text(TextSamples.text(.otherAnswer, &random, english: english)), variable: other)
        }
    }

    private static func choosesOther(_ value: AnswerValue) -> Bool {
        switch value {
        case .choice(let code): code == Choice.otherValue
        case .choices(let codes): codes.contains(Choice.otherValue)
        default: false
        }
    }

    /// A value for variable `v`: the profile's draw (`pinned`, a variant's, to its own codes), or a
    /// generic one; nil to leave it empty.
    private mutating func value(for v: Int, draw: AnswerDraw?, pinned: Bool, position: Int, attempt: Int, sheet: inout AnswerSheet) -> AnswerValue? {
        let variable = validator.variables[v]
        let offered = variable.type == .choice || variable.type == .choices
            ? validator.offeredCodes(question: position, in: &sheet) : []
        // After many refusals the profile's draw is given up for generic values.
        if let draw, attempt < 30 {
            switch ProfileDraws.value(draw, variable: variable, offered: offered, pinned: pinned, sheet: sheet, serial: serial, english: english, random: &random) {
            case .value(let value): return value
            case .empty: return nil
            case .generic: break
            }
        }
        return GenericDraws.value(
            for: variable, question: questions[position], offered: offered, attempt: attempt, serial: serial, english: english, random: &random
        )
    }

    private mutating func drawComposition(
        _ names: [String], _ weights: [Double], _ parts: ClosedRange<Int>, _ total: Int, _ step: Int, sheet: inout AnswerSheet
    ) {
        let indices = names.map { validator.index(ofVariable: $0) }
        let count = min(max(parts.lowerBound, random.int(in: parts)), names.count)
        var chosen: [Int] = []
        var remaining = weights
        while chosen.count < count, remaining.contains(where: { $0 > 0 }) {
            let i = random.weightedIndex(remaining)
            chosen.append(i)
            remaining[i] = 0
        }
        // Split `total` into `count` parts, multiples of `step`, each at least one step.
        let steps = total / step
        var cuts = Set<Int>()
        while cuts.count < count - 1 { cuts.insert(random.int(in: 1...(steps - 1))) }
        let bounds = [0] + cuts.sorted() + [steps]
        var shares = [Int](repeating: 0, count: names.count)
        for (k, i) in chosen.enumerated() { shares[i] = (bounds[k + 1] - bounds[k]) * step }
        for (i, index) in indices.enumerated() {
            guard let index else { continue }
            if shares[i] > 0 || isRequired[index] {
                sheet.setAnswer(value: .integer(Int64(shares[i])), variable: index)
            } else {
                sheet.clear(variable: index)
            }
        }
    }

    /// When drawing keeps failing: every offered code alone, then numbers the constraint names,
    /// until one passes; else the variable stays empty.
    private mutating func fallback(_ v: Int, position: Int, sheet: inout AnswerSheet) {
        let variable = validator.variables[v]
        var candidates: [AnswerValue] = []
        switch variable.type {
        case .choice:
            candidates = validator.offeredCodes(question: position, in: &sheet).map { .choice($0) }
        case .choices:
            candidates = validator.offeredCodes(question: position, in: &sheet).map { .choices([$0]) }
        case .integer, .decimal:
            let numbers = GenericDraws.literals(in: questions[position].constraint?.text ?? "")
            candidates = ([0, 1] + numbers).map { variable.type == .integer ? .integer(Int64($0)) : .decimal($0) }
        case .date:
            candidates = [.date(sheet.today)]
        default:
            break
        }
        for candidate in candidates {
            sheet.setAnswer(value: candidate, variable: v)
            if sheet.values[v] != nil && validator.satisfiesRules(variable: v, in: &sheet) { return }
        }
        sheet.clear(variable: v)
    }

    /// When the next response was sent: in UTC to the second, and its day where it was sent.
    private mutating func timestamp() -> (String, CalendarDate) {
        let first = options.period.lowerBound.daysSinceEpoch
        let last = options.period.upperBound.daysSinceEpoch
        let day = CalendarDate(daysSinceEpoch: random.int(in: first...max(first, last)))
        // Office hours mostly: 07–22 on the local day, written in UTC.
        let seconds = random.int(in: (7 * 3600)...(22 * 3600 - 1))
        let localMidnight = Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch * 86_400))
        let offset = options.timeZone.secondsFromGMT(for: localMidnight.addingTimeInterval(TimeInterval(seconds)))
        let utc = day.daysSinceEpoch * 86_400 + seconds - offset
        let utcDay = CalendarDate(daysSinceEpoch: Int((Double(utc) / 86_400).rounded(.down)))
        let second = utc - utcDay.daysSinceEpoch * 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return ("\(utcDay)T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))Z", day)
    }
}
