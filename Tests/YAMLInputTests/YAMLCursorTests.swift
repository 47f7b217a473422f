import Testing
import Yams
import YAMLInput

@Suite("YAMLCursor")
struct YAMLCursorTests {
    func cursor(_ text: String) throws -> YAMLCursor {
        YAMLCursor(try #require(try YAMLDocument.compose(text, file: "in.yaml")), file: "in.yaml")
    }

    /// Runs `read` and returns the error it throws.
    func failure<T>(_ read: () throws -> T) throws -> YAMLInputError {
        try #require(throws: YAMLInputError.self) { _ = try read() }
    }

    @Test func errorsNameFileLineAndKeyPath() throws {
        let root = try cursor("""
            version: 1
            committees:
              - reference: A
                p-members: [DS, {x: 1}]
            """)
        let committee = try root.fields().required("committees").items()[0]
        let members = try committee.fields(["reference", "p-members"]).required("p-members")
        #expect(committee.path == "committees[0]")
        #expect(committee.line == 3)
        let error = try failure { try members.texts() }
        #expect(error.key == "committees[0].p-members[1]")
        #expect(error.line == 4)
        #expect(error.description == "in.yaml:4: committees[0].p-members[1]: expected text, not a list or mapping")
    }

    @Test func aBlockValueIsPlacedAtItsKey() throws {
        let targets = try cursor("a: 1\ntargets:\n  safe: 2\n").fields().required("targets")
        #expect(targets.line == 2)
        #expect(targets.node.mark?.line == 3)
        #expect(try targets.entries().map { $0.value.line } == [3])
    }

    @Test func unknownKeysAreRejectedWithTheKnownOnes() throws {
        let root = try cursor("a: 1\nc: 2\nb: 3\nd: 4\n")
        let error = try failure { try root.fields(["a", "b"]) }
        #expect(error.description == "in.yaml:2: c: unknown key `c` (known: a, b)")
        let all = try root.fields().unknownKeys(["a", "b"])
        #expect(all.map(\.key) == ["c", "d"])
        #expect(all.map(\.line) == [2, 4])
        #expect(try root.fields(["a", "b", "c", "d"])["b"]?.text() == "3")
    }

    @Test func aMissingKeyIsPlacedAtItsMapping() throws {
        let entry = try cursor("list:\n  - name: x\n  - other: y\n").fields().required("list").items()[1]
        let error = try failure { try entry.fields().required("name") }
        #expect(error.description == "in.yaml:3: list[1].name: required key is missing")
    }

    @Test func dataKeysKeepTheirOrderAndMustBeDistinctText() throws {
        let entries = try cursor("b: 1\na: 2\n\"10\": 3\n").entries()
        #expect(entries.map(\.key) == ["b", "a", "10"])
        #expect(entries.map { $0.value.path } == ["b", "a", "10"])
        // YAML takes the number 1 and the text "1" for two keys; as names they are one.
        let duplicate = try failure { try cursor("1: a\n\"1\": b\n").entries() }
        #expect(duplicate.line == 2)
        #expect(duplicate.reason == "duplicate key (first at line 1)")
        let collection = try failure { try cursor("? [a]\n: b\n").entries() }
        #expect(collection.reason == "keys must be plain text")
    }

    @Test func scalars() throws {
        let fields = try cursor("""
            padded: "  text  "
            blank: "   "
            weight: 2.5
            word: heavy
            large: 50
            list: [a, " b ", c]
            """).fields()
        #expect(try fields.required("padded").nonEmptyText() == "text")
        #expect(try fields.required("padded").nonEmptyText(trimmed: false) == "  text  ")
        #expect(try failure { try fields.required("blank").nonEmptyText(trimmed: false) }.reason == "must not be empty")
        #expect(try fields.required("weight").number(in: 0...10) == 2.5)
        #expect(try failure { try fields.required("word").number(in: 0...10) }.reason == "expected a number, got 'heavy'")
        #expect(try failure { try fields.required("large").number(in: 0...10) }.reason == "50 is out of range (0.0…10.0)")
        #expect(try fields.required("list").texts() == ["a", "b", "c"])
        #expect(try failure { try fields.required("list").fields() }.reason == "expected a mapping (key: value pairs)")
        #expect(try failure { try fields.required("word").items() }.reason == "expected a list")
        #expect(try fields.required("word").isPlainScalar)
        #expect(try !fields.required("padded").isPlainScalar)
    }

    @Test func problemsAreCollectedInOrder() throws {
        let fields = try cursor("a: [x]\nb: ''\nc: ok\n").fields()
        let check = YAMLProblems(file: "in.yaml")
        let a = check { try fields.required("a").nonEmptyText() }
        let b = check { try fields.required("b").nonEmptyText() }
        let c = check { try fields.required("c").nonEmptyText() }
        let d = check { try fields.required("d") }
        #expect(a == nil && b == nil && c == "ok" && d == nil)
        #expect(check.errors.map(\.key) == ["a", "b", "d"])
        #expect(check.errors.map(\.line) == [1, 2, 1])
    }

    struct Limits: Decodable {
        var maxRecords: Int
        enum CodingKeys: String, CodingKey, CaseIterable { case maxRecords = "max_records" }
    }

    @Test func settingsDecodeStrictlyBelowTheirPath() throws {
        let limits = try cursor("limits:\n  max_records: 12\n").fields().required("limits")
        #expect(try limits.decode(Limits.self).maxRecords == 12)
        let bad = try cursor("limits:\n  max_record: 12\n").fields().required("limits")
        let error = try failure { try bad.decode(Limits.self) }
        #expect(error.description == "in.yaml:2: limits.max_record: unknown key `max_record` (known: max_records)")
    }
}
