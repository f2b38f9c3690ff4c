import HTML
import SurveyDefinition

/// The page an anonymous round's start link shows: the survey's title and description, that
/// answers are saved page by page, and one button that posts the start form. Showing it begins
/// nothing, so a mail scanner's or link preview's fetch is not counted as a started response.
struct StartPageView {
    var survey: Survey
    var language: String
    /// Where the form posts (`/s/ROUND`).
    var action: String
    var csrfToken: String
    /// New with each page shown: the start form posted twice (a double click) begins one response.
    var startNonce: String
    /// The same page in the other languages of the survey.
    var languageLinks: [PageShell.LanguageLink]
    /// The link of the response this browser began here and has not submitted, offered above the
    /// button (the browser's Back button leads here from the form's first pages).
    var begunPath: String? = nil

    func render() -> String {
        let words = UIText(language)
        let title = survey.title.resolved(language, fallbacks: survey.languages)
        let shell = PageShell(language: language, title: title, heading: title, languageLinks: languageLinks)
        return shell.render { html in
            html.element("h1", text: title)
            SurveyDescription.render(survey, language: language, into: &html)
            html.element("p", .init("class", "resume-note"), text: words.startNote)
            if let begunPath {
                html.element("p", .init("class", "begun-note")) { html in
                    html.text(words.begunNote + " ")
                    html.element("a", .init("href", begunPath), text: words.continueBegun)
                }
            }
            html.element("form", .init("method", "post"), .init("action", action)) { html in
                html.void("input", .init("type", "hidden"), .init("name", FormFieldName.csrf), .init("value", csrfToken))
                html.void("input", .init("type", "hidden"), .init("name", FormFieldName.language), .init("value", language))
                html.void("input", .init("type", "hidden"), .init("name", FormFieldName.start), .init("value", startNonce))
                html.element("div", .init("class", "actions")) { html in
                    html.element("button", .init("type", "submit"), text: words.startSurvey)
                }
            }
        }
    }
}
