import Expressions
import Foundation
import SurveyDefinition
import Testing
@testable import Responses
@testable import SyntheticResponses

/// The generator on the shipped surveys: every response valid, and the ESEM profile close to
/// the published figures it is drawn from.
@Suite struct ShippedSurveyTests {
    static let surveys = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("surveys")

    static func validator(_ name: String) throws -> ResponseValidator {
        let loaded = SurveyLoader.load(contentsOf: surveys.appendingPathComponent(name).path)
        let document = try #require(loaded.document, "\(name): \(loaded.diagnostics)")
        return try ResponseValidator(survey: document.survey, today: CalendarDate(year: 2026, month: 1, day: 15)!)
    }

    /// Every survey under surveys/: a new one, without a profile of its own, is drawn with generic values by type.
    static var shippedFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: surveys.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test(arguments: ["esem-se.yaml", "msi-forum.yaml", "platform-inventory.yaml", "samverkansforum.yaml"])
    func theMSISurveysHaveAProfile(file: String) throws {
        #expect(SurveyProfile.builtIn(for: try Self.validator(file).survey.id) != nil)
    }

    @Test(arguments: shippedFiles)
    func thousandsOfResponsesPassTheValidator(file: String) throws {
        let validator = try Self.validator(file)
        var generator = SyntheticResponseGenerator(validator: validator, options: GeneratorOptions(seed: 2025))
        var sheet = validator.makeSheet()
        var failures: [String] = []
        for i in 0..<2000 {
            _ = generator.next(into: &sheet)
            validator.check(&sheet, mode: .complete)
            if !sheet.problems.isEmpty && failures.count < 3 { failures.append("response \(i): \(sheet.problems)") }
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    /// Every variable a shipped profile names is a variable of its survey, and every code it
    /// draws is a code of the variable's list: a renamed question or code would otherwise
    /// silently fall back to generic values.
    @Test(arguments: shippedFiles)
    func eachProfileMatchesItsSurvey(file: String) throws {
        let validator = try Self.validator(file)
        guard let profile = SurveyProfile.builtIn(for: validator.survey.id) else { return }
        for (name, draw) in profile.draws.sorted(by: { $0.key < $1.key }) {
            let index = try #require(validator.index(ofVariable: name), "the profile names \(name), which the survey does not have")
            let codes = validator.coders[index].choiceTable?.codes ?? []
            let drawn: [Weighted] = switch draw {
            case .oneOf(let w): w
            case .someOf(let w, _, let exclusive): w + exclusive
            default: []
            }
            for item in drawn { #expect(codes.contains(item.code), "\(name): \(item.code) is not a code of its list") }
        }
    }

    /// A follow-up sent a week after an event: event dates of the term before the answers come
    /// in (generic dates span 25 years), a working day at most, a handful of new contacts, and a
    /// few reasons of their own.
    @Test func samverkansforumResponsesDescribeOneTermsEvents() throws {
        let validator = try Self.validator("samverkansforum.yaml")
        var generator = SyntheticResponseGenerator(validator: validator, options: GeneratorOptions(seed: 5))
        var sheet = validator.makeSheet()
        var contacts: [Int64] = []
        var otherReasons = 0
        for _ in 0..<1000 {
            _ = generator.next(into: &sheet)
            if case .date(let day)? = sheet.value(of: "event_date") {
                #expect(day >= CalendarDate(year: 2025, month: 9, day: 1)! && day <= CalendarDate(year: 2025, month: 12, day: 31)!, "\(day)")
            }
            if case .text? = sheet.value(of: "reasons_other") { otherReasons += 1 }
            if case .decimal(let hours)? = sheet.value(of: "hours") { #expect(hours <= 8, "\(hours) hours") }
            if case .integer(let n)? = sheet.value(of: "new_contacts") { contacts.append(n) }
        }
        let median = contacts.sorted()[contacts.count / 2]
        #expect((1...5).contains(median), "median new contacts \(median)")
        // A few give a reason of their own, so that the topline's "Other" and its texts show.
        #expect((10...100).contains(otherReasons), "\(otherReasons) other reasons")
    }

    /// A response is checked as of the day it was sent: an event's date (`. <= today()`) is never
    /// after its response's submission, whatever the day the generator runs (40 of 200 were), and
    /// a response in English has its free texts in English.
    @Test(arguments: ["samverkansforum.yaml", "msi-forum.yaml"])
    func anEventIsNotAfterItsResponseAndEnglishRespondentsWriteEnglish(file: String) throws {
        let validator = try Self.validator(file)
        let options = GeneratorOptions(seed: 5)
        var generator = SyntheticResponseGenerator(validator: validator, options: options)
        var sheet = validator.makeSheet()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = options.timeZone
        let swedish = Set(["Inget bestämt ännu.", "Bra som det är!", "Min chef bad mig gå.", "Söka finansiering tillsammans."])
        var (dated, english) = (0, 0)
        for _ in 0..<1000 {
            let info = generator.next(into: &sheet)
            let sent = try #require(ISO8601DateFormatter().date(from: info.submittedAt))
            let day = calendar.dateComponents([.year, .month, .day], from: sent)
            let sentOn = try #require(CalendarDate(year: day.year!, month: day.month!, day: day.day!))
            if case .date(let event)? = sheet.value(of: "event_date") {
                #expect(event <= sentOn, "an event on \(event) answered on \(sentOn) (\(info.submittedAt))")
                dated += 1
            }
            guard info.language == "en" else { continue }
            for name in ["intent_what", "improve", "follow_up_plan", "reasons_other"] {
                if case .text(let text)? = sheet.value(of: name) {
                    #expect(!swedish.contains(text) && !text.contains("ä") && !text.contains("å"), "\(name) in an English response: \(text)")
                    english += 1
                }
            }
        }
        #expect(dated > 900)
        #expect(english > 10, "\(english) English free texts")
    }

    /// The demo's forum round opens on 1 February, three weeks into the profile's meetings: a
    /// response sent in its first days had few meeting days behind it, and drawing until one
    /// passed `. <= today()` gave up for generic dates (2001, 2005 and 2022 in the demo), which
    /// stretched the topline's date table to decades. Every event date now lies in the profile's
    /// span and on or before its response's day.
    @Test func aMeetingIsDatedWithinTheProfilesYearEvenForTheRoundsFirstResponses() throws {
        let validator = try Self.validator("msi-forum.yaml")
        let (first, last) = (CalendarDate(year: 2025, month: 1, day: 13)!, CalendarDate(year: 2025, month: 12, day: 12)!)
        let options = GeneratorOptions(seed: 1, period: CalendarDate(year: 2025, month: 2, day: 1)!...CalendarDate(year: 2025, month: 2, day: 10)!,
                                       timeZone: TimeZone(identifier: "Europe/Stockholm")!)
        var generator = SyntheticResponseGenerator(validator: validator, options: options)
        var sheet = validator.makeSheet()
        var dated = 0
        for _ in 0..<500 {
            _ = generator.next(into: &sheet)
            if case .date(let event)? = sheet.value(of: "event_date") {
                #expect(event >= first && event <= min(last, sheet.today), "a meeting on \(event), answered on \(sheet.today)")
                dated += 1
            }
        }
        #expect(dated > 450)
    }

    /// The forum's form is answered at the meeting's end or within weeks: most event dates are the
    /// response's own day or a few days before, none after it, and those of a round's first days
    /// still lie within the profile's year.
    @Test func aMeetingIsAnsweredOnItsDayOrWithinWeeks() throws {
        let validator = try Self.validator("msi-forum.yaml")
        let options = GeneratorOptions(seed: 3, period: CalendarDate(year: 2025, month: 2, day: 1)!...CalendarDate(year: 2025, month: 12, day: 15)!,
                                       timeZone: TimeZone(identifier: "Europe/Stockholm")!)
        var generator = SyntheticResponseGenerator(validator: validator, options: options)
        var sheet = validator.makeSheet()
        var lags: [Int] = []
        for _ in 0..<1000 {
            _ = generator.next(into: &sheet)
            if case .date(let event)? = sheet.value(of: "event_date") { lags.append(sheet.today.daysSinceEpoch - event.daysSinceEpoch) }
        }
        lags.sort()
        #expect(lags.count > 900)
        #expect(lags.first! >= 0)
        #expect(lags[lags.count / 2] <= 3, "median \(lags[lags.count / 2]) days")
        #expect(lags[lags.count * 9 / 10] <= 31, "9 in 10 within \(lags[lags.count * 9 / 10]) days")
        let sameDay = Double(lags.filter { $0 == 0 }.count) / Double(lags.count)
        #expect((0.35...0.55).contains(sameDay), "\(sameDay) on the day")
    }

    @Test func esemResponsesFollowThePublishedFigures() throws {
        let validator = try Self.validator("esem-se.yaml")
        var generator = SyntheticResponseGenerator(validator: validator, options: GeneratorOptions(seed: 11))
        var sheet = validator.makeSheet()
        var counts: [String: [String: Int]] = [:]
        var finMet: [Double] = []
        var consenting = 0
        func tally(_ name: String, _ value: AnswerValue?) {
            switch value {
            case .choice(let code)?: counts[name, default: [:]][code, default: 0] += 1
            case .text(let text)?: counts[name, default: [:]][text, default: 0] += 1
            case .choices(let codes)?: for code in codes { counts[name, default: [:]][code, default: 0] += 1 }
            default: break
            }
        }
        for _ in 0..<5000 {
            _ = generator.next(into: &sheet)
            guard sheet.value(of: "consent") == .choice("yes") else { continue }
            consenting += 1
            for name in ["size_class", "imm_status", "pol_support", "sdg", "region", "sector", "legal_form"] {
                tally(name, sheet.value(of: name))
            }
            if case .integer(let met)? = sheet.value(of: "fin_met") { finMet.append(Double(met)) }
        }
        let n = Double(consenting)
        func share(_ name: String, _ codes: [String]) -> Double {
            Double(codes.map { counts[name]?[$0] ?? 0 }.reduce(0, +)) / n
        }
        func top(_ name: String, _ k: Int) -> Set<String> {
            Set((counts[name] ?? [:]).sorted { $0.value > $1.value }.prefix(k).map(\.key))
        }
        #expect(consenting > 4800)
        #expect((0.66...0.78).contains(share("size_class", ["micro"])), "micro \(share("size_class", ["micro"]))")
        #expect((0.55...0.65).contains(share("imm_status", ["yes"])), "measure impact \(share("imm_status", ["yes"]))")
        #expect((0.56...0.70).contains(share("pol_support", ["0", "1", "2"])), "low support \(share("pol_support", ["0", "1", "2"]))")
        #expect(top("sdg", 3) == ["8", "3", "10"])
        #expect(top("region", 3) == ["AB", "O", "M"])
        #expect(top("sector", 2) == ["Q", "P"])
        let meanMet = finMet.reduce(0, +) / Double(finMet.count)
        #expect((55...65).contains(meanMet), "financing needs met \(meanMet)")
    }

    @Test func demoResponsesIncludeWhatTheESEMCleaningRemoves() throws {
        let validator = try Self.validator("esem-se.yaml")
        var generator = SyntheticResponseGenerator(validator: validator, options: .demo(seed: 3))
        var sheet = validator.makeSheet()
        var seen: Set<ResponseVariant> = []
        for _ in 0..<1000 {
            let info = generator.next(into: &sheet)
            seen.insert(info.variant)
            func int(_ name: String) -> Int64? {
                if case .integer(let i)? = sheet.value(of: name) { return i }
                return nil
            }
            guard sheet.value(of: "consent") == .choice("yes") else { continue }
            switch info.variant {
            case .ineligible:
                if let fin = int("prio_fin"), let imp = int("prio_imp") { #expect(imp < fin) }
            case .regular:
                if let fin = int("prio_fin"), let imp = int("prio_imp") { #expect(imp >= fin) }
            case .test:
                if case .text(let name)? = sheet.value(of: "org_name") { #expect(name.lowercased().contains("test")) }
            default:
                break
            }
            if info.isComplete {
                validator.check(&sheet, mode: .complete)
                #expect(sheet.problems.isEmpty, "\(info.variant): \(sheet.problems)")
            }
        }
        #expect(seen == Set(ResponseVariant.allCases))
    }

    /// ESEM's duplicate rule keys on (org_name, contact_email). Organisation names repeat at
    /// scale, as real ones do, but email addresses carry the response's serial number, so only
    /// the duplicates the generator makes on purpose share a key.
    @Test func onlyDeliberateDuplicatesShareTheESEMDuplicateKey() throws {
        let validator = try Self.validator("esem-se.yaml")
        var generator = SyntheticResponseGenerator(validator: validator, options: GeneratorOptions(seed: 5, variantShares: [.duplicate: 0.05]))
        var sheet = validator.makeSheet()
        var keys = Set<String>()
        var names = Set<String>()
        var keyed = 0
        var repeatedNames = 0
        var sharedKeys: [ResponseVariant: Int] = [:]
        for _ in 0..<20000 {
            let info = generator.next(into: &sheet)
            guard case .text(let name)? = sheet.value(of: "org_name"), case .text(let email)? = sheet.value(of: "contact_email") else { continue }
            keyed += 1
            if !names.insert(name).inserted && info.variant != .duplicate { repeatedNames += 1 }
            if !keys.insert(name.lowercased() + "\u{1F}" + email.lowercased()).inserted { sharedKeys[info.variant, default: 0] += 1 }
        }
        #expect(keyed > 2000, "too few responses leave contact details to test with")
        #expect(repeatedNames > 100, "organisation names should repeat at this size")
        #expect(sharedKeys.keys.allSatisfy { $0 == .duplicate }, "\(sharedKeys)")
        #expect((sharedKeys[.duplicate] ?? 0) > 50)
    }
}
