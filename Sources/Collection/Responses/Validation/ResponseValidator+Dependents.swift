extension ResponseValidator {
    /// The answered variables whose question is shown only as `variables` decide: its page's or its
    /// own `relevant` reads one of them, directly, through calculations, or through another question
    /// so decided (whose answers are empty when it is not shown). An importer whose header misnames
    /// a column uses it not to report every such answer as not shown (E413) when the column is missing.
    public func variables(shownDependingOn variables: Set<Int>) -> Set<Int> {
        var deciding = variables
        var dependents = Set<Int>()
        var changed = true
        while changed {
            changed = false
            for (position, inputs) in relevanceInputs.enumerated() where inputs.contains(where: deciding.contains) {
                for v in questions[position].allVariables where dependents.insert(v).inserted {
                    deciding.insert(v)
                    changed = true
                }
            }
        }
        return dependents
    }
}
