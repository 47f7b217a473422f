import Foundation
import Testing
import Ingest
import LandscapeModel
import TestSupport
@testable import Terminology

/// The terms clause of NISO STS full texts, read by the real ingester from files on disk.
@Suite struct TermsClauseTests {
    let front = """
    <front><std-meta><std-ref type="dated">ISO/IEC 23894:2023</std-ref><comm-ref>ISO/IEC JTC 1/SC 42</comm-ref></std-meta></front>
    """

    func read(_ xml: String, limits: IngestLimits = .default) throws -> CatalogIngester.FileOutcome {
        let folder = try TemporaryFolder()
        let path = try folder.write("doc.xml", xml)
        return CatalogIngester(limits: limits, concurrency: 1).readFile(InputFile(source: "iso", format: .nisoSts, path: path))
    }

    @Test func prefixedTBXInTermSecNestedInSec() throws {
        let outcome = try read("""
        <?xml version="1.0"?>
        <standard xmlns:tbx="urn:iso:std:iso:30042:ed-1">\(front)<body>
        <sec><title>Scope</title><p>risk is not read here</p></sec>
        <sec sec-type="terms"><sec><term-sec id="s1"><label>3.1</label>
        <tbx:termEntry id="t1"><tbx:langSet xml:lang="en">
        <tbx:tig><tbx:term>risk</tbx:term><tbx:normativeAuthorization value="preferredTerm"/></tbx:tig>
        <tbx:tig><tbx:term>hazard level</tbx:term><tbx:normativeAuthorization value="admittedTerm"/></tbx:tig>
        <tbx:tig><tbx:term>danger</tbx:term><tbx:normativeAuthorization value="deprecatedTerm"/></tbx:tig>
        <tbx:definition>likely <tbx:entailedTerm>harm (<xref ref-type="sec" rid="s2">3.2</xref>)</tbx:entailedTerm> and its size</tbx:definition>
        <tbx:note>Note 1 to entry: a note.</tbx:note><tbx:source>Some Act, Art. 1</tbx:source>
        </tbx:langSet><tbx:langSet xml:lang="fr"><tbx:tig><tbx:term>risque</tbx:term></tbx:tig><tbx:definition>dommage probable</tbx:definition></tbx:langSet>
        </tbx:termEntry></term-sec></sec></sec>
        </body><back><p>back</p></back></standard>
        """)
        #expect(outcome.report.failure == nil)
        #expect(outcome.records.count == 1)
        #expect(outcome.terms.count == 2)
        let english = try #require(outcome.terms.first)
        #expect(english.reference == "ISO/IEC 23894:2023")
        #expect(english.language == "en")
        #expect(english.terms == [RawTerm(text: "risk", status: .preferred), RawTerm(text: "hazard level", status: .admitted),
                                  RawTerm(text: "danger", status: .deprecated)])
        #expect(english.definition == "likely harm (3.2) and its size")
        #expect(english.notes == ["Note 1 to entry: a note."])
        #expect(english.source == "Some Act, Art. 1")
        #expect(english.location.line == 5)
        #expect(outcome.terms[1].language == "fr")
        #expect(outcome.terms[1].terms.first?.text == "risque")
    }

    @Test func unprefixedInDefaultNamespaceAndWithoutNamespace() throws {
        let outcome = try read("""
        <?xml version="1.0"?>
        <standard>\(front)<body><sec><term-sec>
        <termEntry xmlns="urn:iso:std:iso:30042:ed-2" id="a"><langSet xml:lang="en"><tig><term>risk</term></tig><definition>one</definition></langSet></termEntry>
        <termEntry id="b"><langSet xml:lang="en"><tig><term>risk management</term></tig><definition>two</definition></langSet></termEntry>
        <term-sec><termEntry id="c"><langSet><tig><term>nested</term></tig><definition>three</definition></langSet></termEntry></term-sec>
        <x:termEntry xmlns:x="urn:example:other"><x:term>foreign</x:term></x:termEntry>
        </term-sec></sec></body></standard>
        """)
        #expect(outcome.terms.map { $0.terms.first?.text } == ["risk", "risk management", "nested"])
        #expect(outcome.terms.map(\.definition) == ["one", "two", "three"])
        // An element in a namespace that is not TBX is not a term, and is reported once.
        #expect(outcome.warnings.contains { $0.message.contains("urn:example:other") })
    }

    @Test func restOfBodyIsNotRead() throws {
        // A term-like element outside a term-sec (in a paragraph) is not a definition.
        let outcome = try read("""
        <?xml version="1.0"?>
        <standard>\(front)<body><p><termEntry><langSet><tig><term>x</term></tig><definition>y</definition></langSet></termEntry></p>
        <sec><p><term-sec><termEntry><langSet><tig><term>inside p</term></tig></langSet></termEntry></term-sec></p></sec></body></standard>
        """)
        #expect(outcome.terms.isEmpty)
        #expect(outcome.records.count == 1)
    }

    @Test func hostileTBXEntitiesAreRefused() throws {
        let outcome = try read("""
        <?xml version="1.0"?>
        <!DOCTYPE standard [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
        <standard>\(front)<body><sec><term-sec><termEntry><langSet><tig><term>&b;</term></tig><definition>&b;</definition></langSet></termEntry></term-sec></sec></body></standard>
        """)
        #expect(outcome.terms.isEmpty)
        #expect(outcome.quarantine.first?.reason.contains("entit") == true)
    }

    @Test func hostileTBXDeepNestingHitsTheDepthLimit() throws {
        var limits = IngestLimits.default
        limits.maxDepth = 40
        let deep = String(repeating: "<definition>", count: 60) + "x" + String(repeating: "</definition>", count: 60)
        let outcome = try read("""
        <?xml version="1.0"?>
        <standards>
        <standard>\(front)</standard>
        <standard><front><std-meta><std-ref type="dated">ISO 1:2020</std-ref></std-meta></front><body><sec><term-sec><termEntry><langSet><tig><term>deep</term></tig>\(deep)</langSet></termEntry></term-sec></sec></body></standard>
        </standards>
        """, limits: limits)
        #expect(outcome.quarantine.first?.reason.contains("nesting deeper than 40") == true)
        // The record cut short by the limit is dropped, and its terms with it.
        #expect(outcome.records.count == 1)
        #expect(outcome.terms.isEmpty)
    }

    @Test func entriesWithoutTermOrDefinitionAndDuplicatesAreQuarantined() throws {
        let outcome = try read("""
        <?xml version="1.0"?>
        <standard>\(front)<body><sec><term-sec>
        <termEntry id="ok"><langSet xml:lang="en"><tig><term>risk</term></tig><definition>a</definition></langSet></termEntry>
        <termEntry id="nodef"><langSet xml:lang="en"><tig><term>safety</term></tig></langSet></termEntry>
        <termEntry id="noterm"><langSet xml:lang="en"><definition>orphan</definition></langSet></termEntry>
        <termEntry id="empty"></termEntry>
        <termEntry id="dup"><langSet xml:lang="en"><tig><term>Risks</term></tig><definition>b</definition></langSet></termEntry>
        </term-sec></sec></body></standard>
        """)
        let stage = TerminologyStage(settings: TerminologySettings(), characteristics: [])
        var quarantine: [QuarantineEntry] = []
        let definitions = stage.definitions(from: outcome.terms, standardId: { _ in "ISO/IEC 23894:2023" }, quarantine: &quarantine)
        #expect(definitions.map(\.term) == ["risk", "Risks"])
        #expect(quarantine.map(\.reason) == ["term without definition: 'safety'", "malformed TBX: termEntry 'noterm' has no term",
                                             "malformed TBX: termEntry 'empty' has no term"])
        #expect(quarantine.map(\.location.line) == [4, 5, 6])
        let result = stage.analyse(definitions, characteristicTerms: [:], quarantine: quarantine)
        #expect(result.definitions.count == 1)
        #expect(result.quarantine.last?.reason.hasPrefix("duplicated entry: 'Risks'") == true)
        #expect(result.quarantine.last?.location.line == 7)
    }

    @Test func termsClausesCanBeTurnedOff() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("doc.xml", """
        <standard>\(front)<body><sec><term-sec><termEntry><langSet><tig><term>risk</term></tig><definition>a</definition></langSet></termEntry></term-sec></sec></body></standard>
        """)
        var ingester = CatalogIngester(concurrency: 1)
        ingester.readsTermsClauses = false
        let outcome = ingester.readFile(InputFile(source: "iso", format: .nisoSts, path: path))
        #expect(outcome.records.count == 1)
        #expect(outcome.terms.isEmpty)
    }
}
