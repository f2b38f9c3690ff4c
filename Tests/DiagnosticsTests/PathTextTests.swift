import Diagnostics
import Testing

@Suite struct PathTextTests {
    @Test(arguments: [
        ("a", ""), ("a/", ""), ("a//", ""), ("ab", ""), ("out/a", "out"), ("out/a/", "out"), ("b/c/d", "b/c"),
        ("/a", "/"), ("/", "/"), ("./a", "."), ("../surveys/x.yaml", "../surveys"), ("", ""),
    ])
    func theFolderOfAPathIsWhatComesBeforeItsLastName(path: String, folder: String) {
        #expect(PathText.folder(of: path) == folder)
    }
}
