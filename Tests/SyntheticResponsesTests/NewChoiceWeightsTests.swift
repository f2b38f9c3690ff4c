import Expressions
import Foundation
import SurveyDefinition
import Testing
@testable import Responses
@testable import SyntheticResponses

/// A next year's definition drawn with a profile written for the year before: its new and renamed
/// choices are drawn too, instead of never.
@Suite struct NewChoiceWeightsTests {
    @Test func aCodeTheProfileDoesNotKnowTakesTheWeightOfThoseNoLongerOffered() {
        let profile = [Weighted("ab", 0.25), Weighted("ek", 0.70), Weighted("hb", 0.05)]
        // ab renamed aktiebolag: it takes ab's weight.
        #expect(profile.covering(["aktiebolag", "ek", "hb"]) == [Weighted("ek", 0.70), Weighted("hb", 0.05), Weighted("aktiebolag", 0.25)])
        // A choice added beside them all: the smallest weight.
        #expect(profile.covering(["ab", "ek", "hb", "kb"]).last == Weighted("kb", 0.05))
        // Every offered code known: the profile's weights as they were.
        #expect(profile.covering(["ab", "ek"]) == [Weighted("ab", 0.25), Weighted("ek", 0.70)])
        // `other` and a multiple choice's exclusive codes are the profile's to draw.
        #expect(profile.covering(["ab", "ek", "hb", "other", "none"], drawnApart: [Weighted("none", 0.2)]) == profile)
    }

    @Test func esemsNextYearDrawsItsRenamedAndAddedChoices() throws {
        let text = try String(contentsOf: ShippedSurveyTests.surveys.appendingPathComponent("esem-se.yaml"), encoding: .utf8)
        let next = text.replacingOccurrences(of: "{value: ab, export_as: company,", with: "{value: aktiebolag, export_as: company,")
            .replacingOccurrences(of: "    - {value: established, label: {sv: \"Etablerad: stabil verksamhet\", en: \"Established: stable operation\"}}\n",
                                  with: "    - {value: established, label: {sv: \"Etablerad: stabil verksamhet\", en: \"Established: stable operation\"}}\n"
                                      + "    - {value: winding_down, label: {sv: \"Avveckling\", en: \"Winding down\"}}\n")
        #expect(next.contains("aktiebolag") && next.contains("winding_down"))
        let document = try #require(SurveyLoader.load(text: next, path: "esem-se.yaml").document)
        let validator = try ResponseValidator(survey: document.survey, today: CalendarDate(year: 2026, month: 1, day: 15)!)
        var generator = SyntheticResponseGenerator(validator: validator, options: GeneratorOptions(seed: 26))
        var sheet = validator.makeSheet()
        var forms: [String: Int] = [:], stages: [String: Int] = [:]
        for _ in 0..<2000 {
            _ = generator.next(into: &sheet)
            validator.check(&sheet, mode: .complete)
            #expect(sheet.problems.isEmpty, "\(sheet.problems)")
            if case .choice(let code)? = sheet.value(of: "legal_form") { forms[code, default: 0] += 1 }
            if case .choice(let code)? = sheet.value(of: "stage") { stages[code, default: 0] += 1 }
        }
        let registered = forms.values.reduce(0, +)
        // The profile's 25% of limited companies, under the new code.
        #expect(abs(Double(forms["aktiebolag"] ?? 0) / Double(registered) - 0.25) < 0.04, "\(forms)")
        #expect(forms["ab"] == nil)
        #expect((stages["winding_down"] ?? 0) > 20, "\(stages)")
    }

    /// A variant's draw pins its codes: every test response asks to be contacted again, as the
    /// cleaning rule's test needs, though its list offers no too.
    @Test func aVariantsDrawIsNotWidened() throws {
        let validator = try ShippedSurveyTests.validator("esem-se.yaml")
        var generator = SyntheticResponseGenerator(validator: validator, options: GeneratorOptions(seed: 4, variantShares: [.test: 1]))
        var sheet = validator.makeSheet()
        var answers = Set<String>()
        for _ in 0..<200 {
            _ = generator.next(into: &sheet)
            if case .choice(let code)? = sheet.value(of: "recontact") { answers.insert(code) }
        }
        #expect(answers == ["yes"])
    }
}
