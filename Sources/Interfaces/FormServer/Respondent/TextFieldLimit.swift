/// The most characters a free-text field of a form page takes (its `maxlength`), so that the page's
/// post stays within the server's body limit (`--max-body-bytes`): a post over it is refused with
/// 413 before it is read, and everything typed on the page is lost. An eighth of the limit is kept
/// for the form's own fields, the choices and the numbers; the rest is shared equally among the
/// page's free-text fields at 9 bytes a character, the most one takes in a post (a form post writes
/// each byte of a character's UTF-8 as `%XX`, and a character a browser counts as one takes up to
/// three bytes; one it counts as two, up to four). With the default 128 KiB, a page with one text
/// takes 12,743 characters in it, one with two texts 6,371 in each.
enum TextFieldLimit {
    static let bytesPerCharacter = 9

    /// The `maxlength` of each of `fields` free-text fields of a page posted within `bodyLimit` bytes.
    static func perField(bodyLimit: Int, fields: Int) -> Int {
        max(1, (bodyLimit - bodyLimit / 8) / bytesPerCharacter / max(1, fields))
    }
}
