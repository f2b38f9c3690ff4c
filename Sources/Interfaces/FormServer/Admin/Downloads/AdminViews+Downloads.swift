import HTML
import Store

/// The round page's exports section and the page of a refused export.
extension AdminViews {
    static func downloadPath(_ round: String, _ download: AdminDownload, language: String? = nil, forExcel: Bool = false) -> String {
        let query = (language.map { ["lang=" + $0] } ?? []) + (forExcel ? ["excel=sv"] : [])
        return "/admin/rounds/\(round)/exports/\(download.rawValue)" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// Links to every export of the round, made when followed; the personal-data one apart, saying so.
    /// The partner package says which framework's cleaning rules it is made with, or that it is not
    /// cleaned; without `hasPartnerNames` (no question has an `export_as`) there is none to link.
    static func downloads(
        round: String, languages: [String], hasPartnerNames: Bool, cleanedBy framework: String?, words: AdminText, into html: inout HTMLBuilder
    ) {
        html.element("h2", .init("id", "exports"), text: words.exports)
        html.element("p") { html in
            prose(words.exportsIntro, into: &html)
        }
        html.element("p") { html in
            prose(words.exportsForExcel, into: &html)
        }
        func languageLinks(_ download: AdminDownload, forExcel: Bool = false, _ html: inout HTMLBuilder) {
            for (index, language) in languages.enumerated() {
                if index > 0 { html.text(", ") }
                html.element("a", .init("href", downloadPath(round, download, language: language, forExcel: forExcel)), .init("hreflang", language),
                             .init("download", download.fileName(round: round, language: language, forExcel: forExcel))) { html in
                    languageName(language, on: words, into: &html)
                }
            }
        }
        func link(_ download: AdminDownload, _ text: String, language: String? = nil, forExcel: Bool = false, _ html: inout HTMLBuilder) {
            html.element("a", .init("href", downloadPath(round, download, language: language, forExcel: forExcel)),
                         .init("download", download.fileName(round: round, language: language, forExcel: forExcel)), text: text)
        }
        /// The same file for Excel in a Swedish locale, after its link.
        func excelLink(_ download: AdminDownload, _ html: inout HTMLBuilder) {
            html.text(" (")
            link(download, words.forExcel, forExcel: true, &html)
            html.text(")")
        }
        html.element("ul", .init("class", "downloads")) { html in
            html.element("li") { html in
                link(.responses, words.wideWithCodes, &html)
                excelLink(.responses, &html)
                html.text(words.wideWithCodesNote)
            }
            html.element("li") { html in
                html.text(words.wideWithLabels)
                languageLinks(.responsesLabels, &html)
                html.text(words.forExcelLinks)
                languageLinks(.responsesLabels, forExcel: true, &html)
            }
            html.element("li") { html in
                link(.responsesLong, words.long, &html)
                excelLink(.responsesLong, &html)
                html.text(words.longNote)
            }
            html.element("li") { html in
                html.text(words.codebookMarkdown)
                languageLinks(.codebookMarkdown, &html)
                html.text("; ")
                link(.codebookCSV, words.codebookCSV, &html)
                excelLink(.codebookCSV, &html)
                html.text(words.everyLanguage)
            }
            html.element("li") { html in
                let language = languages.contains("en") ? "en" : languages.first
                if !hasPartnerNames {
                    prose(words.noPackage, into: &html)
                } else if let framework {
                    link(.euclidPackage, words.cleanedPackage(framework), language: language, &html)
                    prose(words.cleanedPackageNote, into: &html)
                } else {
                    link(.euclidPackage, words.package, language: language, &html)
                    prose(words.packageNote, into: &html)
                    html.element("strong") { html in
                        prose(words.notCleaned, into: &html)
                    }
                }
            }
        }
        html.element("h3", text: words.personalData)
        html.element("p", text: words.personalDataNote)
        html.element("p") { html in
            link(.responsesWithPersonalData, words.withPersonalData, &html)
            excelLink(.responsesWithPersonalData, &html)
        }
    }

    /// An export the Exports module refused, with its reason.
    static func exportRefused(round: String, reason: String, admin: SignedIn, frame: Frame) -> String {
        let words = frame.words
        return shell(words.exportRefused, admin: admin, frame: frame).render { html in
            html.element("p") { html in html.element("a", .init("href", "/admin/rounds/" + round + "#exports"), text: words.round(round)) }
            html.element("h1", text: words.exportRefused)
            html.element("p", text: words.exportNotMade(round: round, reason: reason))
        }
    }
}
