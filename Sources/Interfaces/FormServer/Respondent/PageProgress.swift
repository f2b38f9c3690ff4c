import Responses
import SurveyDefinition

/// "Page 3 of 12": the pages shown so far and the pages still to come. A later page counts
/// while it is relevant, or while its condition reads an answer not given yet (it may become
/// relevant), so that the count does not drop before the respondent has answered.
struct PageProgress {
    /// 1-based position of the page among the counted pages.
    let position: Int
    let count: Int
    /// Some later page is or may become relevant: the page's button says "next", not "submit".
    let hasLaterPage: Bool

    init(validator: ResponseValidator, sheet: AnswerSheet, page: Int) {
        let pages = validator.survey.pages
        let earlier = (0..<page).filter { validator.isPageRelevant($0, in: sheet) }.count
        let later = (page + 1 ..< pages.count).filter { validator.mayBePageRelevant($0, in: sheet) }.count
        position = earlier + 1
        count = earlier + 1 + later
        hasLaterPage = later > 0
    }
}
