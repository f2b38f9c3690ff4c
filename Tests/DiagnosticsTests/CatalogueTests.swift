import Testing
@testable import Diagnostics

@Suite struct CatalogueTests {
    @Test func codesAreUnique() {
        let ids = DiagnosticCode.catalogue.map(\.id)
        #expect(Set(ids).count == ids.count, "duplicate codes: \(ids.filter { id in ids.filter { $0 == id }.count > 1 })")
    }

    @Test func prefixMatchesSeverity() {
        for code in DiagnosticCode.catalogue {
            let expected: Character = code.severity == .error ? "E" : "W"
            #expect(code.id.first == expected, "\(code.id) is a \(code.severity)")
            #expect(code.id.count == 4 && code.id.dropFirst().allSatisfy(\.isNumber), "\(code.id) is not a letter and three digits")
            #expect(!code.summary.isEmpty)
        }
    }

    @Test func lookupByName() {
        #expect(DiagnosticCode.named("E004") == .yamlSyntax)
        #expect(DiagnosticCode.named("E999") == nil)
    }
}
