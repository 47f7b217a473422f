import Foundation
import Testing
import LandscapeModel
import TestSupport
import YAMLInput
@testable import Terminology

@Suite struct GlossaryTests {
    let nist = TerminologySettings.Glossary(format: .nistGlossaryCSV, paths: ["g.csv"], side: .us, source: "NIST AI glossary")

    @Test func nistLayoutWithQuotedMultiLineCells() throws {
        let folder = try TemporaryFolder()
        let rows = [
            #"Citation 2,Terms,Definition 1,Citation 1,Definition 2,Related terms and synonyms"#,
            #",accountability,"answerable for"# + "\n" + #"outcomes, ""in full""",Source A,,audit"#,
            #""Source B, p. 3",risk,"chance of harm",SP 1,"another"# + "\n" + "definition\nover lines\",",
            ",no definition here,,,,",
            ",,orphan definition,,,",
        ]
        let path = try folder.write("g.csv", rows.joined(separator: "\r\n") + "\r\n")
        var quarantine: [QuarantineEntry] = []
        let definitions = GlossaryCSV(settings: nist).read(file: path, quarantine: &quarantine)
        #expect(definitions.map(\.term) == ["accountability", "risk", "risk"])
        #expect(definitions[0].definition == "answerable for outcomes, \"in full\"")
        #expect(definitions[0].source == "NIST AI glossary; citation: Source A")
        #expect(definitions[0].notes == ["Related terms and synonyms: audit"])
        #expect(definitions[0].line == 2)
        #expect(definitions[1].line == 4)
        #expect(definitions[2].definition == "another definition over lines")
        #expect(definitions[2].source == "NIST AI glossary; citation: Source B, p. 3")
        #expect(definitions.allSatisfy { $0.side == .us })
        #expect(quarantine.map(\.reason) == ["term without definition: 'no definition here'", "glossary row without a term"])
        #expect(quarantine.map(\.location.line) == [7, 8])
    }

    @Test func unreadableCSVIsOneQuarantineRow() throws {
        let folder = try TemporaryFolder()
        var quarantine: [QuarantineEntry] = []
        let unclosed = try folder.write("a.csv", "Terms,Definition 1\nrisk,\"never closed\n")
        #expect(GlossaryCSV(settings: nist).read(file: unclosed, quarantine: &quarantine).isEmpty)
        let noHeader = try folder.write("b.csv", "Word,Meaning\nrisk,harm\n")
        #expect(GlossaryCSV(settings: nist).read(file: noHeader, quarantine: &quarantine).isEmpty)
        let binary = try folder.write("c.csv", Data([0xFF, 0xFE, 0x00, 0x41]))
        #expect(GlossaryCSV(settings: nist).read(file: binary, quarantine: &quarantine).isEmpty)
        #expect(quarantine.map(\.reason) == [
            "unreadable glossary CSV: a quoted cell that starts on line 2 is never closed",
            "unreadable glossary CSV: no `Terms` column in the header",
            "unreadable glossary CSV: not UTF-8 text",
        ])
        #expect(quarantine.map(\.location.line) == [2, 1, 0])
    }

    @Test func landscapeGlossaryIsValidated() throws {
        let folder = try TemporaryFolder()
        let good = try folder.write("g.yaml", """
        version: 1
        characteristics:
          safe: [safety]
        entries:
          - term: risk
            definition: "'risk' means harm."
            source: Some Act, Art. 3
            side: EU
            url: https://example.org
            read: 2026-11-29
            status: reported
          - term: safety
            source: Some Act
            side: US
            url: https://example.org
            read: 2026-11-29
            status: verified
        """)
        let glossary = try LandscapeGlossary.load(file: good, characteristicIds: ["safe"])
        var quarantine: [QuarantineEntry] = []
        let definitions = glossary.definitions(quarantine: &quarantine)
        #expect(definitions.map(\.term) == ["risk"])
        #expect(definitions.first?.line == 5)
        #expect(definitions.first?.dateRead == "2026-11-29")
        #expect(quarantine.map(\.reason) == ["term without definition: 'safety'"])
        #expect(quarantine.first?.location.line == 12)

        let unknownKey = try folder.write("h.yaml", "version: 1\nentries:\n  - term: risk\n    colour: red\n    source: s\n    side: EU\n    url: u\n    read: r\n    status: verified\n")
        #expect(throws: YAMLInputError.self) { try LandscapeGlossary.load(file: unknownKey, characteristicIds: []) }
        let badSide = try folder.write("i.yaml", "version: 1\nentries:\n  - {term: risk, source: s, side: Mars, url: u, read: r, status: verified}\n")
        #expect(throws: YAMLInputError.self) { try LandscapeGlossary.load(file: badSide, characteristicIds: []) }
        let badCharacteristic = try folder.write("j.yaml", "version: 1\ncharacteristics:\n  tasty: [flavour]\nentries: []\n")
        do {
            _ = try LandscapeGlossary.load(file: badCharacteristic, characteristicIds: ["safe"])
            Issue.record("an unknown characteristic was accepted")
        } catch let error as YAMLInputError {
            #expect(error.line == 3)
            #expect(error.key == "characteristics.tasty")
        }
    }

    @Test func synonymsJoinKeysAndEUUSPairsDiverge() {
        func definition(_ term: String, _ text: String, _ side: TermSide, standard: String = "", admitted: [String] = [], deprecated: [String] = []) -> TermDefinition {
            TermDefinition(key: TermKey.of(term), term: term, admitted: admitted, deprecated: deprecated, definition: text,
                           source: "src \(side.rawValue)", side: side, standardId: standard, file: "f", line: 1)
        }
        let stage = TerminologyStage(settings: TerminologySettings(divergenceThreshold: 0.5),
                                     characteristics: [(id: "safe", name: "Safe"), (id: "human_oversight", name: "Human oversight")])
        let result = stage.analyse([
            definition("risk", "combination of probability and severity of harm", .eu),
            definition("Risks", "composite measure of probability and magnitude", .us),
            definition("risk management", "coordinated activities", .international, standard: "ISO 1:2020", admitted: ["management of risk"], deprecated: ["risk handling"]),
            definition("management of risks", "activities to manage risk", .us),
            definition("risk handling", "something else", .eu),
            definition("safety", "freedom from harm", .international, standard: "ISO 2:2020"),
        ], characteristicTerms: ["safe": ["safety"], "human_oversight": ["human oversight"]])
        let keys = result.definitions.map(\.key)
        #expect(keys.filter { $0 == "risk management" }.count == 2) // the admitted synonym joined them
        #expect(keys.contains("risk handling")) // a deprecated designation joins nothing
        let riskPair = result.alignments.first { $0.key == "risk" }!
        // {combination, probability, severity, harm} vs {composite, measure, probability, magnitude}: 2·1/8.
        #expect(abs(riskPair.similarity - 0.25) < 1e-12)
        #expect(riskPair.isEUUS && riskPair.divergent)
        #expect(result.characteristics.map(\.isGap) == [false, true])
        #expect(result.characteristics.first?.standards == ["ISO 2:2020"])
        #expect(result.keyTerms == ["risk", "risk management", "risk tolerance", "risk perception"])
    }
}
