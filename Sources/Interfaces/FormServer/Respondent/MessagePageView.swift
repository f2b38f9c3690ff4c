import HTML

/// A page with a title and a message and no form: thanks, a closed round, a broken link, an error.
struct MessagePageView {
    var language: String
    var title: String
    var paragraphs: [String]
    /// The survey's title in the header, when the page belongs to a survey.
    var heading: String?
    /// The same page in the other languages.
    var languageLinks: [PageShell.LanguageLink] = []
    /// A link onwards (back to the form), if any.
    var link: (text: String, href: String)?

    func render() -> String {
        let shell = PageShell(
            language: language, title: heading.map { title + " – " + $0 } ?? title + " – Samla", heading: heading ?? "Samla",
            languageLinks: languageLinks)
        return shell.render { html in
            html.element("h1", text: title)
            for paragraph in paragraphs {
                html.element("p", text: paragraph)
            }
            if let link {
                html.element("p") { html in
                    html.element("a", .init("href", link.href), text: link.text)
                }
            }
        }
    }
}
