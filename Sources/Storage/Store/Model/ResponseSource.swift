/// How a response reached the store.
public enum ResponseSource: String, Hashable, Sendable, CaseIterable {
    case web
    case `import`
    case api
}
