import HTML
import SurveyDefinition

/// The survey's `description`, shown once on the respondent's way in: on an anonymous round's
/// start page, or on the first page of the form a personal link opens (it has no start page).
enum SurveyDescription {
    static func render(_ survey: Survey, language: String, into html: inout HTMLBuilder) {
        guard let description = survey.description else { return }
        html.element("p", .init("class", "lead"), text: description.resolved(language, fallbacks: survey.languages))
    }
}
