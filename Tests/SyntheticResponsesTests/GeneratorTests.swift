import CSV
import Expressions
import Foundation
import SurveyDefinition
import Testing
@testable import Responses
@testable import SyntheticResponses

@Suite struct GeneratorTests {
    let validator = try! ResponseValidator(survey: GeneratorSurveys.logic, today: CalendarDate(year: 2025, month: 12, day: 1)!)

    @Test func thousandsOfGeneratedResponsesAllPassTheValidator() {
        var generator = SyntheticResponseGenerator(validator: validator, options: GeneratorOptions(seed: 7))
        var sheet = validator.makeSheet()
        var failures: [String] = []
        var relevantDetails = 0
        for i in 0..<3000 {
            let info = generator.next(into: &sheet)
            #expect(info.isComplete)
            validator.check(&sheet, mode: .complete)
            if !sheet.problems.isEmpty && failures.count < 5 { failures.append("response \(i): \(sheet.problems)") }
            if sheet.value(of: "region") != nil { relevantDetails += 1 }
        }
        #expect(failures.isEmpty, "\(failures)")
        // The skip logic is taken both ways.
        #expect(relevantDetails > 1000 && relevantDetails < 2900)
    }

    /// A round's days are local days: at UTC+14 and UTC−11 every response of a one-day period is
    /// submitted in office hours of that local day (written in UTC, so it may fall on another UTC day).
    @Test(arguments: ["Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Stockholm", "UTC"])
    func submissionTimesFallOnTheLocalDaysOfThePeriod(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let day = CalendarDate(year: 2025, month: 12, day: 15)!
        var generator = SyntheticResponseGenerator(validator: validator, options: GeneratorOptions(seed: 9, period: day...day, timeZone: timeZone))
        var sheet = validator.makeSheet()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let reader = ISO8601DateFormatter()
        for _ in 0..<200 {
            let written = generator.next(into: &sheet).submittedAt
            #expect(written.hasSuffix("Z"))
            let local = calendar.dateComponents([.year, .month, .day, .hour], from: try #require(reader.date(from: written)))
            #expect(local.year == 2025 && local.month == 12 && local.day == 15 && (7..<22).contains(local.hour ?? -1), "\(written) in \(zone)")
        }
    }

    @Test func theSameSeedGivesTheSameResponses() {
        var a = SyntheticResponseGenerator(validator: validator, options: GeneratorOptions(seed: 42))
        var b = SyntheticResponseGenerator(validator: validator, options: GeneratorOptions(seed: 42))
        var c = SyntheticResponseGenerator(validator: validator, options: GeneratorOptions(seed: 43))
        var same = true
        var differs = false
        for _ in 0..<200 {
            let x = a.next(), y = b.next(), z = c.next()
            same = same && x.values == y.values && x.info == y.info
            differs = differs || x.values != z.values
        }
        #expect(same)
        #expect(differs)
    }

    @Test func choiceFiltersAndConstraintsBetweenAnswersAreRespected() {
        var generator = SyntheticResponseGenerator(validator: validator, options: GeneratorOptions(seed: 3))
        let counties = ["malmo": "M", "lund": "M", "stockholm": "AB", "goteborg": "O"]
        for _ in 0..<500 {
            let (values, _) = generator.next()
            func value(_ name: String) -> AnswerValue? { values[validator.index(ofVariable: name)!] }
            if case .choice(let city)? = value("city"), case .choice(let region)? = value("region") {
                #expect(counties[city] == region)
            }
            if case .decimal(let women)? = value("fte_women"), case .decimal(let fte)? = value("fte") {
                #expect(women <= fte)
            }
            if case .choices(let support)? = value("support"), support.contains("none") {
                #expect(support == ["none"])
            }
        }
    }

    /// A required date bounded by two dates, or after one, is drawn within its bounds: dates were
    /// drawn from 2000 to mid-2025 whatever the constraint, so a survey asking for a day of 2026
    /// generated no valid response.
    @Test(arguments: [". >= '2026-01-01' and . <= '2026-12-31'", ". > '2026-11-30'"])
    func aBoundedDateIsDrawnWithinItsBounds(constraint: String) throws {
        let survey = Survey(id: "dates", version: "1", title: GeneratorSurveys.text("Dates"), languages: ["sv", "en"], choiceLists: [], pages: [
            GeneratorSurveys.page("p", [GeneratorSurveys.q("day", .date, required: true, constraint: constraint)]),
        ], location: GeneratorSurveys.here)
        let validator = try ResponseValidator(survey: survey, today: CalendarDate(year: 2026, month: 1, day: 15)!)
        var generator = SyntheticResponseGenerator(validator: validator, options: GeneratorOptions(seed: 5))
        var sheet = validator.makeSheet()
        for _ in 0..<200 {
            _ = generator.next(into: &sheet)
            validator.check(&sheet, mode: .complete)
            #expect(sheet.problems.isEmpty, "\(sheet.problems)")
        }
    }

    @Test func variantsForTheCleaningRules() {
        let options = GeneratorOptions(seed: 5, variantShares: [.incomplete: 0.2, .duplicate: 0.1])
        var generator = SyntheticResponseGenerator(validator: validator, options: options)
        var sheet = validator.makeSheet()
        var previous: [AnswerValue?]?
        var counts: [ResponseVariant: Int] = [:]
        for _ in 0..<1000 {
            let info = generator.next(into: &sheet)
            counts[info.variant, default: 0] += 1
            switch info.variant {
            case .incomplete:
                #expect(!info.isComplete)
                // Every page it reached passes the form's check of that page.
                for page in 0...(info.lastPage ?? 0) {
                    var copy = sheet
                    validator.check(&copy, mode: .page(page))
                    #expect(copy.problems.isEmpty, "\(copy.problems)")
                }
            case .duplicate:
                #expect(sheet.values == previous)
            default:
                validator.check(&sheet, mode: .complete)
                #expect(sheet.problems.isEmpty)
            }
            if info.isComplete { previous = sheet.values }
        }
        #expect((150...250).contains(counts[.incomplete] ?? 0))
        #expect((60...140).contains(counts[.duplicate] ?? 0))
    }

    @Test func theCSVReadsBackThroughTheImportFormat() throws {
        var generator = SyntheticResponseGenerator(validator: validator, options: GeneratorOptions(seed: 11, variantShares: [.incomplete: 0.3]))
        let text = try CSVWriter.string(options: CSVWriter.Options(neutralizesFormulas: false)) { writer in
            try SyntheticCSV.write(count: 300, from: &generator, to: writer)
        }
        let reader = CSVReader(string: text)
        let header = try #require(try reader.readHeader())
        #expect(header.names == SyntheticCSV.header(for: validator))
        #expect(!header.names.contains("size"))
        var sheet = validator.makeSheet()
        sheet.today = GeneratorOptions(seed: 11).period.upperBound // each row was checked as of its day, up to the period's last
        var rows = 0
        while let record = try reader.next() {
            rows += 1
            sheet.reset()
            #expect(["sv", "en"].contains(record[0]))
            #expect(record[1].count == 20 && record[1].hasSuffix("Z"))
            for column in 2..<header.names.count {
                sheet.setAnswer(text: record[column], variable: validator.index(ofVariable: header.names[column])!)
            }
            validator.check(&sheet, mode: .complete)
            #expect(sheet.problems.isEmpty, "row \(rows): \(sheet.problems)")
        }
        #expect(rows == 300)
    }

    @Test func seededRandomIsStable() {
        var random = SeededRandom(seed: 1)
        let first = (0..<3).map { _ in random.next() }
        var again = SeededRandom(seed: 1)
        #expect((0..<3).map { _ in again.next() } == first)
        var uniform = SeededRandom(seed: 9)
        let draws = (0..<10_000).map { _ in uniform.unit() }
        #expect(draws.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = draws.reduce(0, +) / Double(draws.count)
        #expect(abs(mean - 0.5) < 0.02)
        var ints = SeededRandom(seed: 3)
        let picks = (0..<6000).map { _ in ints.int(in: 1...6) }
        #expect(Set(picks) == Set(1...6))
    }
}
