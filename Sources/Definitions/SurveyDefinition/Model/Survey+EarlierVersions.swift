extension Survey {
    /// This definition with what `earlier` versions of the survey asked and it no longer does:
    /// their questions, matrix rows, choice lists and choices, each taken from the latest version
    /// that has it. A framework followed over several rounds is checked against this, so that a
    /// question dropped from the survey can still be computed for the rounds that asked it.
    ///
    /// The questions it no longer asks are on a page of their own, after the others.
    public func withEarlierVersions(_ earlier: [Survey]) -> Survey {
        var merged = self
        var names = Set(questions.map(\.name))
        var dropped: [Question] = []
        for version in earlier.reversed() {
            for question in version.questions {
                if names.insert(question.name).inserted {
                    dropped.append(question)
                } else if !question.rows.isEmpty {
                    merged.addRows(of: question)
                    if let index = dropped.firstIndex(where: { $0.name == question.name }) {
                        let known = Set(dropped[index].rows.map(\.name))
                        dropped[index].rows += question.rows.filter { !known.contains($0.name) }
                    }
                }
            }
            for list in version.choiceLists {
                guard let index = merged.choiceLists.firstIndex(where: { $0.name == list.name }) else {
                    merged.choiceLists.append(list)
                    continue
                }
                let codes = Set(merged.choiceLists[index].choices.map(\.value))
                merged.choiceLists[index].choices += list.choices.filter { !codes.contains($0.value) }
            }
        }
        if !dropped.isEmpty {
            merged.pages.append(Page(id: "asked-in-earlier-versions", questions: dropped, location: location))
        }
        return merged
    }

    /// Adds the rows of `earlier`'s matrix that this definition's question of the same name lacks.
    private mutating func addRows(of earlier: Question) {
        for pageIndex in pages.indices {
            guard let questionIndex = pages[pageIndex].questions.firstIndex(where: { $0.name == earlier.name }) else { continue }
            let known = Set(pages[pageIndex].questions[questionIndex].rows.map(\.name))
            pages[pageIndex].questions[questionIndex].rows += earlier.rows.filter { !known.contains($0.name) }
            return
        }
    }
}
