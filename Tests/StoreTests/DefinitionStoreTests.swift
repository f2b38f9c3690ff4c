import Testing
import SurveyDefinition
@testable import Store

@Suite struct DefinitionStoreTests {
    static let yaml = """
        id: tiny
        version: "1"
        title: {sv: "Liten", en: "Tiny"}
        languages: [sv, en]
        pages:
          - id: p
            title: {sv: "Sida", en: "Page"}
            questions:
              - name: founded
                type: integer
                label: {sv: "Grundat", en: "Founded"}

        """

    @Test func aPinnedDefinitionLoadsAgainFromItsText() throws {
        let temporary = try TemporaryStore()
        let document = try #require(SurveyLoader.load(text: Self.yaml, path: "tiny.yaml").document)
        try temporary.open("tiny-2025", document)
        let stored = try #require(try temporary.store.definition(hash: document.contentHash))
        #expect(stored.sourceText == Self.yaml)
        #expect(stored.surveyID == "tiny" && stored.version == "1")

        let loaded = try temporary.store.pinnedDefinition(round: "tiny-2025")
        #expect(loaded.contentHash == document.contentHash)
        #expect(loaded.survey.variables.map(\.name) == ["founded"])
        #expect(try temporary.store.loadDefinition(hash: document.contentHash).sourceText == Self.yaml)
    }

    @Test func savingTheSameTextTwiceKeepsOneVersion() throws {
        let temporary = try TemporaryStore()
        let document = try #require(SurveyLoader.load(text: Self.yaml, path: "tiny.yaml").document)
        let first = try temporary.store.saveDefinition(document)
        let second = try temporary.store.saveDefinition(document)
        #expect(first == second)
        #expect(try temporary.store.definitions(survey: "tiny").count == 1)
    }

    @Test func aDefinitionThatNoLongerLoadsIsReported() throws {
        let temporary = try TemporaryStore()
        let document = TestSurveys.document()   // built in code: its text is not a definition
        try temporary.open("shop-2025", document)
        #expect {
            _ = try temporary.store.pinnedDefinition(round: "shop-2025")
        } throws: { error in
            guard case StoreError.storedDefinitionUnloadable(document.contentHash, "shop", let diagnostics) = error else { return false }
            return !diagnostics.isEmpty && StoreError.storedDefinitionUnloadable(hash: document.contentHash, survey: "shop", diagnostics: diagnostics)
                .diagnostics(database: "db").first?.code.id == "E468"
        }
        #expect(throws: StoreError.unknownDefinition("0000")) { _ = try temporary.store.loadDefinition(hash: "0000") }
    }
}
