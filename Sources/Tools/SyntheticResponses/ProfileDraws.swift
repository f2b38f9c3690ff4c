import Expressions
import Responses
import SurveyDefinition

/// Carries out a profile's ``AnswerDraw`` for one variable.
enum ProfileDraws {
    enum Outcome {
        case value(AnswerValue)
        /// Leave the variable unanswered.
        case empty
        /// The draw does not fit (no offered code, no base value): use a generic value.
        case generic
    }

    /// `pinned`: the draw's codes are the only ones to draw (a variant's), else codes the profile
    /// does not know are drawn too (`covering`).
    static func value(
        _ draw: AnswerDraw, variable: Variable, offered: [String], pinned: Bool = false, sheet: AnswerSheet, serial: Int = 0,
        english: Bool = false, random: inout SeededRandom
    ) -> Outcome {
        switch draw {
        case .oneOf(let weights):
            let usable = pinned ? weights.filter { offered.contains($0.code) && $0.weight > 0 } : weights.covering(offered)
            guard !usable.isEmpty else { return .generic }
            let code = usable[random.weightedIndex(usable.map(\.weight))].code
            return .value(variable.type == .choices ? .choices([code]) : .choice(code))

        case .someOf(let probabilities, let maximum, let exclusive):
            for item in exclusive where offered.contains(item.code) && random.chance(item.weight) {
                return .value(.choices([item.code]))
            }
            let usable = pinned ? probabilities.filter { offered.contains($0.code) && $0.weight > 0 }
                : probabilities.covering(offered, drawnApart: exclusive)
            guard !usable.isEmpty else { return .generic }
            var chosen = usable.filter { random.chance($0.weight) }.map(\.code)
            if chosen.isEmpty { chosen = [usable[random.weightedIndex(usable.map(\.weight))].code] }
            if let maximum {
                while chosen.count > maximum { chosen.remove(at: random.int(in: 0...(chosen.count - 1))) }
            }
            return .value(.choices(chosen))

        case .integer(let numbers):
            return .value(typed(numbers.draw(&random).rounded(), variable, digits: 0))

        case .decimal(let numbers, let digits):
            return .value(typed(numbers.draw(&random), variable, digits: digits))

        case .offset(let name, let range):
            guard let base = number(sheet.value(of: name)) else { return .generic }
            return .value(typed(base.rounded() + Double(random.int(in: range)), variable, digits: 0))

        case .shareOf(let name, let share):
            guard let base = number(sheet.value(of: name)) else { return .generic }
            let fraction = share.lowerBound + random.unit() * (share.upperBound - share.lowerBound)
            return .value(typed((base * fraction).rounded(.down), variable, digits: 0))

        case .composition:
            return .generic

        case .daysBefore(let lag, let range):
            let day = CalendarDate(daysSinceEpoch: sheet.today.daysSinceEpoch - Int(lag.draw(&random).rounded(.down)))
            guard range.contains(day) else { return value(.date(range), variable: variable, offered: offered, sheet: sheet, random: &random) }
            return .value(.date(day))

        case .date(let range):
            // A day that has come by the response's own day: drawn from the range up to it, as
            // drawing from the whole range until one passes `. <= today()` would, without giving
            // up for a generic date (2001) when that day lies early in the range.
            let last = min(range.upperBound, sheet.today)
            guard range.lowerBound <= last else { return .generic }
            let day = random.int(in: range.lowerBound.daysSinceEpoch...last.daysSinceEpoch)
            return .value(.date(CalendarDate(daysSinceEpoch: day)))

        case .text(let kind):
            return .value(.text(TextSamples.text(kind, &random, serial: serial, english: english)))

        case .textOf(let texts, let inEnglish):
            return texts.isEmpty ? .generic : .value(.text(random.pick(english && !inEnglish.isEmpty ? inEnglish : texts)))

        case .sometimes(let p, let inner):
            guard random.chance(p) else { return .empty }
            return value(inner, variable: variable, offered: offered, sheet: sheet, serial: serial, english: english, random: &random)

        case .nothing:
            return .empty
        }
    }

    /// A number as the variable's type: whole for integers, rounded to `digits` for decimals.
    static func typed(_ x: Double, _ variable: Variable, digits: Int) -> AnswerValue {
        if variable.type == .integer { return .integer(Int64(x.rounded())) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return .decimal((x * scale).rounded() / scale)
    }

    static func number(_ value: AnswerValue?) -> Double? {
        switch value {
        case .integer(let i)?: Double(i)
        case .decimal(let d)?: d
        default: nil
        }
    }
}
