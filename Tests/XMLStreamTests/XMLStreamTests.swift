import TestSupport
import Foundation
import Testing
@testable import XMLStream

/// Element names the tests look for.
private enum Name: String, CaseIterable {
    case record, ref, abstract, p, body
}

/// Reads every `record/ref` text, and the abstract, with the reader's own helpers.
private func refs(in path: String, limits: XMLLimits = .default) throws -> (refs: [String], reader: XMLReader) {
    let reader = try XMLReader(path: path, limits: limits)
    let names = reader.nameTable(Name.self)
    var refs: [String] = []
    while reader.read() {
        guard reader.kind == .elementStart else { continue }
        switch reader.name(in: names) {
        case .ref?: refs.append(reader.collectText())
        case .body?: reader.skipElement()
        default: continue
        }
    }
    return (refs, reader)
}

@Suite("Streaming reader")
struct XMLReaderTests {
    @Test func readsPlainAndGzipFilesAlike() throws {
        let folder = try TemporaryFolder()
        let xml = "<?xml version=\"1.0\"?>\n<all><record><ref>ISO 1:2000</ref></record>\n<record><ref>IEC 2:2001</ref></record></all>\n"
        let plain = try folder.write("a.xml", xml)
        let gzip = try folder.writeGzip("a.xml.gz", Data(xml.utf8))
        for path in [plain, gzip] {
            let (found, reader) = try refs(in: path)
            #expect(found == ["ISO 1:2000", "IEC 2:2001"])
            #expect(reader.failure == nil)
            #expect(reader.bytesRead == xml.utf8.count)
        }
    }

    @Test func collectsCDATAAndCharacterReferencesAndSeparatesParagraphs() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("a.xml", """
            <all><record><ref><![CDATA[IEEE Std 7001-2021 & more]]></ref>
            <abstract><p>First&#8482; one.</p><p>Second <b>bold</b> one.</p></abstract></record></all>
            """)
        let reader = try XMLReader(path: path)
        let names = reader.nameTable(Name.self)
        var ref = "", abstract = ""
        while reader.read() {
            guard reader.kind == .elementStart else { continue }
            if reader.name(in: names) == .ref { ref = reader.collectText() }
            if reader.name(in: names) == .abstract { abstract = reader.collectText(separatingChildren: true) }
        }
        #expect(ref == "IEEE Std 7001-2021 & more")
        #expect(abstract == "First\u{2122} one.\nSecond bold one.")
    }

    @Test func skipsSubtreesWithoutLosingThePosition() throws {
        let folder = try TemporaryFolder()
        let body = String(repeating: "<p><ref>not me</ref></p>", count: 1000)
        let path = try folder.write("a.xml", "<all><record><ref>A 1</ref><body>\(body)</body><ref>A 2</ref></record><record><ref>A 3</ref></record></all>")
        let (found, reader) = try refs(in: path)
        #expect(found == ["A 1", "A 2", "A 3"])
        #expect(reader.failure == nil)
    }

    @Test func keepsTextWhenAnEntityOnlyTheMissingDTDDefinesIsUsed() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("a.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <!DOCTYPE all PUBLIC "-//IEEE//IDAMS Exchange V2.0.0//EN" "ieee_idams_exchange.dtd">
            <all><record><ref>IEEE Std 1&trade; text</ref></record><record><ref>IEEE Std 2</ref></record></all>
            """)
        let (found, reader) = try refs(in: path)
        #expect(found == ["IEEE Std 1 text", "IEEE Std 2"])
        #expect(reader.failure == nil)
        #expect(reader.problems.contains { $0.kind == .warning && $0.message.contains("trade") })
    }

    @Test func reportsATruncatedFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("a.xml", "<all><record><ref>A 1</ref></record><record><ref>A 2</re")
        let (_, reader) = try refs(in: path)
        let failure = try #require(reader.failure)
        #expect(failure.kind == .malformed)
        #expect(failure.description.contains("truncated") || failure.description.contains("Premature"), "\(failure)")
    }

    @Test func reportsATruncatedGzipStream() throws {
        let folder = try TemporaryFolder()
        let records = (1...2000).map { "<record><ref>ISO \($0):2000</ref></record>" }.joined(separator: "\n")
        let full = try folder.writeGzip("full.xml.gz", Data("<all>\n\(records)\n</all>\n".utf8))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: full))
        let cut = try folder.write("cut.xml.gz", bytes.prefix(bytes.count / 2))
        let (found, reader) = try refs(in: cut)
        #expect(reader.failure != nil)
        #expect(found.count > 100 && found.count < 2000)
    }

    @Test func rejectsInvalidUTF8() throws {
        let folder = try TemporaryFolder()
        var data = Data("<all><record><ref>ISO ".utf8)
        data.append(contentsOf: [0xFF, 0xFE])
        data.append(Data("</ref></record></all>".utf8))
        let path = try folder.write("a.xml", data)
        let (_, reader) = try refs(in: path)
        #expect(reader.failure?.kind == .malformed)
    }

    @Test func refusesEntityDeclarationsAndNeverReadsExternalFiles() throws {
        let folder = try TemporaryFolder()
        let secret = try folder.write("secret.txt", "TOP-SECRET-CONTENT")
        let cases = [
            "<!DOCTYPE all [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><all><record><ref>&x;</ref></record></all>",
            "<!DOCTYPE all [<!ENTITY x SYSTEM \"file://\(secret)\">]><all><record><ref>&x;</ref></record></all>",
            "<!DOCTYPE all [<!ENTITY x SYSTEM \"http://127.0.0.1:9/x\">]><all><record><ref>&x;</ref></record></all>",
            "<!DOCTYPE all [<!ENTITY % p SYSTEM \"file://\(secret)\"> %p;]><all><record><ref>A</ref></record></all>",
            """
            <!DOCTYPE all [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
            <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
            <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>
            <all><record><ref>&i;</ref></record></all>
            """,
        ]
        for (index, xml) in cases.enumerated() {
            let path = try folder.write("hostile-\(index).xml", xml)
            let started = Date()
            let (found, reader) = try refs(in: path)
            #expect(reader.failure != nil, "case \(index) must fail")
            #expect(!found.joined().contains("root:"), "case \(index) leaked /etc/passwd")
            #expect(!found.joined().contains("TOP-SECRET"), "case \(index) leaked a local file")
            #expect(!found.joined().contains("lollol"), "case \(index) expanded entities")
            #expect(Date().timeIntervalSince(started) < 5)
        }
    }

    @Test func refusesAnExternalDTD() throws {
        let folder = try TemporaryFolder()
        let secret = try folder.write("evil.dtd", "<!ENTITY x \"LEAKED\">")
        let path = try folder.write("a.xml", "<!DOCTYPE all SYSTEM \"file://\(secret)\"><all><record><ref>A &x;</ref></record></all>")
        let (found, _) = try refs(in: path)
        #expect(!found.joined().contains("LEAKED"))
    }

    @Test func enforcesDepthAttributeAndTextLimits() throws {
        let folder = try TemporaryFolder()
        let limits = XMLLimits(maxDepth: 50, maxAttributes: 20, maxTextBytes: 10_000)
        let deep = try folder.write("deep.xml", String(repeating: "<a>", count: 60) + String(repeating: "</a>", count: 60))
        let attributes = try folder.write("attributes.xml", "<all " + (1...30).map { "a\($0)=\"1\"" }.joined(separator: " ") + "/>")
        let text = try folder.write("text.xml", "<all><record><ref>" + String(repeating: "x", count: 20_000) + "</ref></record></all>")
        for path in [deep, attributes, text] {
            let (_, reader) = try refs(in: path, limits: limits)
            #expect(reader.failure?.kind == .limit, "\(path)")
        }
    }

    @Test func stopsAGzipBomb() throws {
        let folder = try TemporaryFolder()
        let payload = "<all>" + String(repeating: " ", count: 4 << 20) + "</all>"
        let bomb = try folder.writeGzip("bomb.xml.gz", Data(payload.utf8))
        let (_, reader) = try refs(in: bomb, limits: XMLLimits(maxDecompressedBytes: 1 << 20))
        #expect(reader.failure?.kind == .limit)
        #expect(reader.bytesRead <= (1 << 20) + (1 << 17))
    }

    @Test func reportsFilesThatCannotBeRead() throws {
        let folder = try TemporaryFolder()
        #expect(throws: XMLProblem.self) { try XMLReader(path: folder.path + "/missing.xml") }
        #expect(throws: XMLProblem.self) { try XMLReader(path: folder.path) }
        let big = try folder.write("big.xml", "<all>" + String(repeating: "x", count: 2000) + "</all>")
        #expect(throws: XMLProblem.self) { try XMLReader(path: big, limits: XMLLimits(maxFileBytes: 1000)) }
        let empty = try folder.write("empty.xml", "")
        let (_, reader) = try refs(in: empty)
        #expect(reader.failure?.kind == .malformed)
    }

    @Test func reportsTrailingContentAfterTheRoot() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("a.xml", "<all><record><ref>A</ref></record></all><other/>")
        let (_, reader) = try refs(in: path)
        #expect(reader.failure?.kind == .malformed)
    }

    @Test func doesNotFollowXInclude() throws {
        let folder = try TemporaryFolder()
        try folder.write("included.xml", "<ref>INCLUDED</ref>")
        let path = try folder.write("a.xml", """
            <all xmlns:xi="http://www.w3.org/2001/XInclude"><record><ref>A</ref><xi:include href="included.xml"/></record></all>
            """)
        let (found, reader) = try refs(in: path)
        #expect(found == ["A"])
        #expect(reader.failure == nil)
    }

    @Test func endsHostileShapesWithAFailureInBoundedTime() throws {
        let folder = try TemporaryFolder()
        var cases: [(String, Data)] = [
            ("deep", Data((String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)).utf8)),
            ("attributes", Data(("<all " + (1...100_000).map { "a\($0)=\"1\"" }.joined(separator: " ") + "/>").utf8)),
            ("huge-text", Data(("<all><record><ref>" + String(repeating: "x", count: 20 << 20) + "</ref></record></all>").utf8)),
            ("nul", Data("<all><record><ref>A\u{0}B</ref></record></all>".utf8)),
            ("bom-mismatch", Data([0xEF, 0xBB, 0xBF]) + Data("<?xml version=\"1.0\" encoding=\"UTF-16\"?><all/>".utf8)),
            ("quadratic", Data(("<!DOCTYPE all [<!ENTITY a \"" + String(repeating: "x", count: 50_000) + "\">]><all>" + String(repeating: "&a;", count: 50_000) + "</all>").utf8)),
        ]
        var utf16 = Data([0xFF, 0xFE])
        utf16.append("<all><record><ref>A</ref></record></all>".data(using: .utf16LittleEndian)!)
        cases.append(("utf16", utf16))
        for (name, data) in cases {
            let path = try folder.write(name + ".xml", data)
            let started = Date()
            let (_, reader) = try refs(in: path)
            #expect(reader.failure != nil, "\(name) must fail")
            #expect(Date().timeIntervalSince(started) < 10, "\(name) took too long")
        }
    }
}
