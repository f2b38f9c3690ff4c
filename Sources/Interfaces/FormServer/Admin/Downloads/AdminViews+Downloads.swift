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
        round: String, languages: [String], hasPartnerNames: Bool, cleanedBy framework: String?, into html: inout HTMLBuilder
    ) {
        html.element("h2", .init("id", "exports"), text: "Exports")
        html.element("p") { html in
            prose("Complete responses only, made from the database when you follow a link (as `samla export` makes them). Personal data is left out.", into: &html)
        }
        html.element("p") { html in
            prose("The CSV files are comma-separated with decimal points, for programs and `samla import`. Excel with Swedish settings opens such a file in one column and reads 3.5 as text or a date: take the link “for Excel (sv)”, separated by semicolons with decimal commas (as `samla export --delimiter \";\" --decimal-comma`), which it opens in columns with numbers. `samla import` reads both.", into: &html)
        }
        func languageLinks(_ download: AdminDownload, forExcel: Bool = false, _ html: inout HTMLBuilder) {
            for (index, language) in languages.enumerated() {
                if index > 0 { html.text(", ") }
                html.element("a", .init("href", downloadPath(round, download, language: language, forExcel: forExcel)), .init("hreflang", language),
                             .init("download", download.fileName(round: round, language: language, forExcel: forExcel)),
                             text: PageShell.endonym(language) + " (\(language))")
            }
        }
        func link(_ download: AdminDownload, _ text: String, language: String? = nil, forExcel: Bool = false, _ html: inout HTMLBuilder) {
            html.element("a", .init("href", downloadPath(round, download, language: language, forExcel: forExcel)),
                         .init("download", download.fileName(round: round, language: language, forExcel: forExcel)), text: text)
        }
        /// The same file for Excel in a Swedish locale, after its link.
        func excelLink(_ download: AdminDownload, _ html: inout HTMLBuilder) {
            html.text(" (")
            link(download, "for Excel (sv)", forExcel: true, &html)
            html.text(")")
        }
        html.element("ul", .init("class", "downloads")) { html in
            html.element("li") { html in
                link(.responses, "Responses, wide CSV with codes", &html)
                excelLink(.responses, &html)
                html.text(": one row per response, one column per variable.")
            }
            html.element("li") { html in
                html.text("Responses, wide CSV with labels: ")
                languageLinks(.responsesLabels, &html)
                html.text("; for Excel (sv): ")
                languageLinks(.responsesLabels, forExcel: true, &html)
            }
            html.element("li") { html in
                link(.responsesLong, "Responses, long CSV", &html)
                excelLink(.responsesLong, &html)
                html.text(": one row per answer (response, variable, value).")
            }
            html.element("li") { html in
                html.text("Codebook, Markdown: ")
                languageLinks(.codebookMarkdown, &html)
                html.text("; ")
                link(.codebookCSV, "codebook, CSV", &html)
                excelLink(.codebookCSV, &html)
                html.text(" (every language).")
            }
            html.element("li") { html in
                let language = languages.contains("en") ? "en" : languages.first
                if !hasPartnerNames {
                    prose("No Euclid data package: no question of this survey has an `export_as`, the name partners share, so it would hold no column.", into: &html)
                } else if let framework {
                    link(.euclidPackage, "Euclid data package, ZIP, cleaned by framework \(framework)", language: language, &html)
                    prose(": the partner export (columns named by export_as, respondents as pseudonyms, no personal data) of the responses the framework's cleaning rules keep, with cleaning-log.csv, the indicator results, its codebook, datapackage.json and provenance.json, as `samla export --framework` makes it.", into: &html)
                } else {
                    link(.euclidPackage, "Euclid data package, ZIP", language: language, &html)
                    html.text(": the partner export (columns named by export_as, respondents as pseudonyms, no personal data) with its codebook, datapackage.json and provenance.json. ")
                    html.element("strong") { html in
                        prose("Not cleaned: start `samla serve` with `--framework` to apply cleaning rules.", into: &html)
                    }
                }
            }
        }
        html.element("h3", text: "Personal data")
        html.element("p", text: "This file includes the answers marked personal (names, e-mail addresses, phone numbers). Keep it within MSI, store it only where personal data may be kept, and delete it when you are done. Every download is logged.")
        html.element("p") { html in
            link(.responsesWithPersonalData, "Responses including personal data, wide CSV with codes", &html)
            excelLink(.responsesWithPersonalData, &html)
        }
    }

    /// An export the Exports module refused, with its reason.
    static func exportRefused(round: String, reason: String, admin: SignedIn) -> String {
        shell("Export refused", admin: admin).render { html in
            html.element("p") { html in html.element("a", .init("href", "/admin/rounds/" + round + "#exports"), text: "Round \(round)") }
            html.element("h1", text: "Export refused")
            html.element("p", text: "The export of round \(round) was not made: \(reason)")
        }
    }
}
