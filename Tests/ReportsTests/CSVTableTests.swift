import Reports
import Testing

@Suite struct CSVTableTests {
    @Test func headerOnlyEndsWithCRLF() {
        #expect(CSVTable(header: ["a", "b"]).text == "a,b\r\n")
    }

    @Test func smallTableIsExactRFC4180() {
        var table = CSVTable(header: ["name", "note", "value"])
        table.append(["plain", "with,comma", "1"])
        table.append(["say \"hi\"", "", "2"])
        table.append(["line\nbreak", "carriage\rreturn", " spaces kept "])
        table.append(["\"", ",", "'single'"])
        let expected =
            "name,note,value\r\n"
            + "plain,\"with,comma\",1\r\n"
            + "\"say \"\"hi\"\"\",,2\r\n"
            + "\"line\nbreak\",\"carriage\rreturn\", spaces kept \r\n"
            + "\"\"\"\",\",\",'single'\r\n"
        #expect(table.text == expected)
        #expect(table.header == ["name", "note", "value"])
    }

    /// In Swift "\r\n" is one Character, neither "\r" nor "\n": escaping must look at
    /// Unicode scalars (or bytes), or a CRLF inside a field goes out unquoted.
    @Test func crlfInsideAFieldForcesQuoting() {
        var table = CSVTable(header: ["a", "b"])
        table.append(["first\r\nsecond", "x"])
        #expect(table.text == "a,b\r\n\"first\r\nsecond\",x\r\n")
    }

    /// A quote followed by a combining mark is one Character that is not `"`; the quote must
    /// still be doubled and the field quoted.
    @Test func quoteCombinedWithAMarkIsStillEscaped() {
        var table = CSVTable(header: ["a"])
        table.append(["x\"\u{301}y"])
        #expect(table.text == "a\r\n\"x\"\"\u{301}y\"\r\n")
    }

    @Test func quotesInHeaderAreEscapedToo() {
        #expect(CSVTable(header: ["a,b", "c\"d"]).text == "\"a,b\",\"c\"\"d\"\r\n")
    }
}
