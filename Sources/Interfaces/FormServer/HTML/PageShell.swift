import HTML

/// The frame of every page: document head, skip link, header with the survey's title, and the
/// main landmark. The stylesheet is an external file, and so is the one script, which only form
/// pages load that have conditions the browser can evaluate or an error summary to focus.
struct PageShell {
    var language: String
    /// The `<title>`.
    var title: String
    /// The line above the content (the survey's title, or "Samla").
    var heading: String
    /// Links to the page in other languages, for pages without a form (a form switches language with its buttons).
    var languageLinks: [LanguageLink] = []
    /// A class on `<body>` (`admin` widens the content).
    var bodyClass: String? = nil
    /// Extra header content (the admin's sign-out button).
    var headerExtra: ((inout HTMLBuilder) -> Void)? = nil
    /// The path of a script to load (``FormScript/path``), deferred until the page is read.
    var script: String? = nil

    struct LanguageLink {
        var language: String
        var href: String
    }

    /// The name of a language in itself.
    static func endonym(_ language: String) -> String {
        switch language {
        case "sv": "Svenska"
        case "en": "English"
        case "fi": "Suomi"
        case "de": "Deutsch"
        case "fr": "Français"
        case "es": "Español"
        default: language
        }
    }

    func render(_ content: (inout HTMLBuilder) -> Void) -> String {
        let words = UIText(language)
        var html = HTMLBuilder()
        html.doctype()
        html.element("html", .init("lang", language)) { html in
            html.element("head") { html in
                html.void("meta", .init("charset", "utf-8"))
                html.void("meta", .init("name", "viewport"), .init("content", "width=device-width, initial-scale=1"))
                html.void("meta", .init("name", "robots"), .init("content", "noindex, nofollow"))
                html.element("title", text: title)
                html.void("link", .init("rel", "stylesheet"), .init("href", Stylesheet.path))
                if let script { html.element("script", .init("src", script), .flag("defer", true)) }
            }
            html.element("body", .optional("class", bodyClass)) { html in
                html.element("a", .init("class", "skip-link"), .init("href", "#main"), text: words.skipToContent)
                html.element("header", .init("class", "site-header")) { html in
                    html.element("p", .init("class", "site-title"), text: heading)
                    headerExtra?(&html)
                    if !languageLinks.isEmpty {
                        html.element("nav", .init("class", "language-links"), .init("aria-label", words.languageSwitch)) { html in
                            html.element("ul") { html in
                                for link in languageLinks {
                                    html.element("li") { html in
                                        html.element("a", .init("href", link.href), .init("lang", link.language), .init("hreflang", link.language),
                                                     text: Self.endonym(link.language))
                                    }
                                }
                            }
                        }
                    }
                }
                html.element("main", .init("id", "main"), .init("class", "content")) { html in
                    content(&html)
                }
            }
        }
        return html.output
    }
}
