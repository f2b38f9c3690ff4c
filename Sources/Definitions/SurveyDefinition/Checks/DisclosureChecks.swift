import Diagnostics

/// `quasi_identifier` marks a question whose answers a partner export protects by local
/// suppression; it is refused where that protection could never apply or would blank every answer.
enum DisclosureChecks {
    /// E123 for `export_bands` on a question not marked quasi_identifier;
    /// E121 for a quasi-identifier that no partner export holds (personal data, or no `export_as`);
    /// E122 for one that is free text (or copies it), which is nearly always unique.
    /// Runs on the survey with the calculations' types inferred.
    static func checkQuasiIdentifiers(_ survey: Survey, into diagnostics: inout DiagnosticList) {
        let personal = survey.personalDataSources
        let freeText = survey.freeTextSources
        for question in survey.questions where question.exportBands != nil && !question.isQuasiIdentifier {
            diagnostics.report(.exportBandsNotQuasiIdentifier, at: question.location(of: "export_bands"),
                               "question `\(question.name)` has export_bands but is not marked quasi_identifier: bands are the global recoding that comes before a partner export's local suppression, and apply to quasi-identifiers only; add `quasi_identifier: true` (with an export_as), or remove export_bands")
        }
        // A note stores nothing: E114 says so already.
        for question in survey.questions where question.isQuasiIdentifier && question.type != .note {
            let location = question.location(of: "quasi_identifier")
            let place = "question `\(question.name)`"
            if let source = personal[question.name] {
                let what = source == question.name ? "is personal data (pii: true)" : "copies the personal data of `\(source)`"
                diagnostics.report(.quasiIdentifierNotExported, at: location,
                                   "\(place) is marked quasi_identifier but \(what), which a partner export never holds, so there is nothing to protect; remove `quasi_identifier: true`")
            } else if question.exportAs == nil {
                diagnostics.report(.quasiIdentifierNotExported, at: location,
                                   "\(place) is marked quasi_identifier but has no export_as, so no partner export holds it and there is nothing to protect; give it an export_as or remove `quasi_identifier: true`")
            } else if let source = freeText[question.name] {
                let what = source == question.name ? "is free text" : "copies the free text of `\(source)`"
                diagnostics.report(.quasiIdentifierFreeText, at: location,
                                   "\(place) is marked quasi_identifier but \(what): nearly every answer is unique, so suppression would blank almost all of them; remove `quasi_identifier: true` (partner packages leave free text out unless --include-free-text, and then it is read for names first)")
            }
        }
    }
}
