import Foundation
import SurveyDefinition
import Testing

/// The definitions under `surveys/` are what users run first: each must load with no diagnostic at all.
@Suite struct ShippedSurveysTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("surveys")

    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    private func load(_ name: String) throws -> Survey {
        let result = SurveyLoader.load(contentsOf: Self.folder.appendingPathComponent(name).path)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        return try #require(result.document).survey
    }

    @Test func allFiveAreShipped() {
        #expect(Self.files == ["esem-se.yaml", "msi-forum.yaml", "msi-workshop.yaml", "platform-inventory.yaml", "samverkansforum.yaml"])
    }

    @Test(arguments: files) func loadsWithoutDiagnostics(_ name: String) throws {
        let survey = try load(name)
        #expect(survey.languages == ["sv", "en"])
        #expect(survey.id + ".yaml" == name)
    }

    /// The small example an author copies from: it keeps showing every kind of question and rule.
    @Test func samverkansforumShowsWhatAnAuthorUses() throws {
        let survey = try load("samverkansforum.yaml")
        let types = Set(survey.questions.map(\.type))
        #expect(types.isSuperset(of: [.note, .date, .selectOne, .selectMultiple, .matrix, .integer, .decimal, .calculate, .longText, .email]))
        #expect(survey.questions.contains { $0.type == .selectOne && $0.allowsOther })
        #expect(survey.questions.contains { $0.type == .selectMultiple && $0.allowsOther })
        #expect(survey.questions.contains { $0.choiceFilter != nil })
        #expect(survey.questions.contains { $0.constraint != nil && $0.constraintMessage != nil && $0.type == .decimal })
        #expect(survey.questions.contains { $0.isPII && $0.type == .email && $0.relevant != nil })
        #expect(survey.questions.contains { $0.hint != nil })
        #expect(survey.pages.count >= 2)
        let calculations = Set(survey.questions.filter { $0.type == .calculate }.map(\.name))
        #expect(survey.questions.contains { q in calculations.contains { q.relevant?.text.contains("${\($0)}") == true } },
                "a question shown on a calculation")
    }

    /// The workshop follow-up shows what samverkansforum.yaml does not: a yes/no question that skips
    /// a page, a date between two bounds, an exclusive "none", a default, texts with length limits,
    /// an address checked by a pattern, and calculations of a date and of a text.
    @Test func msiWorkshopShowsWhatSamverkansforumDoesNot() throws {
        let survey = try load("msi-workshop.yaml")
        #expect(Set(survey.questions.map(\.type)).isSuperset(of: [.boolean, .text, .longText, .date, .email]))
        #expect(survey.pages.contains { $0.relevant?.text == "${attended}" })
        #expect(survey.questions.contains { $0.type == .date && $0.constraint?.text.contains(">=") == true && $0.constraint?.text.contains("<=") == true })
        #expect(survey.questions.contains { $0.type == .selectMultiple && $0.constraint?.text.contains("count-selected(.) = 1") == true })
        #expect(survey.questions.contains { $0.defaultValue != nil })
        #expect(survey.questions.filter { $0.constraint?.text.contains("string-length(.)") == true }.map(\.type) == [.text, .longText])
        #expect(survey.questions.contains { $0.type == .email && $0.constraint?.text.contains("regex(") == true })
        #expect(Set(survey.questions.compactMap(\.calculation).map(\.text)).isSuperset(of: ["${ws_date} + 30", "concat(${format}, '/', ${city})"]))
    }

    /// A number's constraint message says what to enter (the form-message style: "Ange …", "Enter …"),
    /// not only what the number can be ("Antalet kvinnor kan vara från 0 upp till …").
    @Test(arguments: files) func aNumbersConstraintMessageSaysWhatToEnter(_ name: String) throws {
        let survey = try load(name)
        for question in survey.questions where question.type == .integer || question.type == .decimal {
            guard let message = question.constraintMessage else { continue }
            let swedish = message["sv"] ?? "", english = message["en"] ?? ""
            #expect(swedish.hasPrefix("Ange ") || swedish.contains(" skriv "), "\(question.name): \(swedish)")
            #expect(english.hasPrefix("Enter ") || english.contains(" enter "), "\(question.name): \(english)")
        }
    }

    /// ESEM asks for consent, and a respondent who answers no declines to take part: its refusal
    /// says so. The other surveys ask for none, so declare none.
    @Test(arguments: files) func aSurveyAskingForConsentDeclaresItsRefusal(_ name: String) throws {
        let survey = try load(name)
        #expect(survey.refusal?.text == (survey.question(named: "consent") == nil ? nil : "${consent} = 'no'"), "\(name)")
        #expect((survey.refusal != nil) == (name == "esem-se.yaml"))
    }

    @Test func esemCoversTheIssuesScope() throws {
        let survey = try load("esem-se.yaml")
        let answered = survey.questions.filter { $0.type.isAnswered }
        #expect(answered.count >= 45)
        #expect(survey.pages.count >= 7)
        #expect(survey.questions.contains { $0.type == .matrix })
        #expect(survey.questions.contains { $0.type == .selectMultiple && $0.allowsOther })
        #expect(survey.questions.contains { $0.isPII && $0.type == .email })
        #expect(survey.pages.contains { $0.relevant != nil })
        let exportNames = survey.variables.compactMap(\.exportAs)
        #expect(Set(exportNames).count == exportNames.count)
        #expect(survey.variables.filter(\.isPII).allSatisfy { $0.exportAs == nil })
    }
}
