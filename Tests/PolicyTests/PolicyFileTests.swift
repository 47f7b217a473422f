import Foundation
import Testing
import LandscapeModel
import Policy
import TestSupport
import YAMLInput

private let characteristics: Set<String> = Set(Characteristic.allCases.map(\.id))

/// A valid file; `provision` is inserted as the second provision's text (indented by 2).
private func policyText(side: String = "EU", secondProvision: String = "", firstId: String = "AI-Act/Art-9") -> String {
    """
    format: landscape-policy
    version: 1
    instrument:
      id: AI-Act
      side: \(side)
      title: Regulation (EU) 2024/1689
      url: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
      read: 2026-11-29
      status: reported
    provisions:
      - id: \(firstId)
        title: Risk management system
        characteristics: [safe, accountable_transparent]
        url: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
        standards:
          - {ref: prEN 18228, relation: harmonised-standard-candidate, status: verified, url: https://www.din.de/x}
    \(secondProvision)
    """
}

private func expectError(_ text: String, line: Int, key: String, reason: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let folder = try TemporaryFolder()
    let file = try folder.write("policy.yaml", text)
    do {
        _ = try PolicyCatalog.load(paths: [file], characteristics: characteristics)
        Issue.record("no error for \(key)", sourceLocation: sourceLocation)
    } catch let error as YAMLInputError {
        #expect(error.file == file, sourceLocation: sourceLocation)
        #expect(error.line == line, "line \(String(describing: error.line)) in \(error)", sourceLocation: sourceLocation)
        #expect(error.key == key, "\(error)", sourceLocation: sourceLocation)
        #expect(error.reason.contains(reason), "\(error)", sourceLocation: sourceLocation)
    }
}

@Suite("landscape-policy files: loading and validation")
struct PolicyFileTests {
    @Test func loadsProvisionsAndInheritsEvidence() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("policy.yaml", policyText())
        let catalog = try PolicyCatalog.load(paths: [file], characteristics: characteristics)
        #expect(catalog.provisions.map(\.id) == ["AI-Act/Art-9"])
        let provision = try #require(catalog.provisions.first)
        #expect(provision.side == .eu && provision.instrument == "AI-Act")
        #expect(provision.characteristics == ["safe", "accountable_transparent"])
        #expect(provision.read == "2026-11-29" && provision.status == .reported)   // inherited from the instrument
        #expect(provision.location.line == 11)
        let reference = try #require(catalog.references.first)
        #expect(reference.text == "prEN 18228" && reference.relation == "harmonised-standard-candidate")
        #expect(reference.status == .verified && reference.url == "https://www.din.de/x" && reference.read == "2026-11-29")
        #expect(reference.location.line == 16)
    }

    @Test func unknownKeyIsAnErrorWithFileLineAndKey() throws {
        try expectError(policyText(secondProvision: """
              - id: AI-Act/Art-10
                title: Data
                characteristics: [valid_reliable]
                url: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
                articel: 10
            """), line: 21, key: "provisions[1].articel", reason: "unknown key")
    }

    @Test func unknownCharacteristicIsAnError() throws {
        try expectError(policyText(secondProvision: """
              - id: AI-Act/Art-10
                title: Data
                characteristics: [valid_reliable, robustness]
                url: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
            """), line: 19, key: "provisions[1].characteristics[1]", reason: "unknown characteristic id `robustness`")
    }

    @Test func duplicatedProvisionIdIsAnError() throws {
        try expectError(policyText(secondProvision: """
              - id: AI-Act/Art-9
                title: Again
                characteristics: [safe]
                url: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
            """), line: 17, key: "provisions[1].id", reason: "duplicated provision id `AI-Act/Art-9`")
    }

    @Test func duplicatedProvisionIdAcrossFilesIsAnError() throws {
        let folder = try TemporaryFolder()
        let first = try folder.write("a.yaml", policyText())
        let second = try folder.write("b.yaml", policyText(side: "US"))
        do {
            _ = try PolicyCatalog.load(paths: [first, second], characteristics: characteristics)
            Issue.record("no error")
        } catch let error as YAMLInputError {
            #expect(error.file == second && error.line == 11 && error.key == "provisions[0].id")
            #expect(error.reason.contains("first at \(first):11"))
        }
    }

    @Test func missingSourceURLIsAnError() throws {
        try expectError(policyText(secondProvision: """
              - id: AI-Act/Art-10
                title: Data
                characteristics: [valid_reliable]
            """), line: 17, key: "provisions[1]", reason: "missing source URL")
    }

    @Test func badSideStatusRelationDateAndSupportsAreErrors() throws {
        try expectError(policyText(side: "UK"), line: 5, key: "instrument.side", reason: "unknown side `UK`")
        try expectError(policyText(secondProvision: """
              - id: AI-Act/Art-10
                title: Data
                characteristics: [valid_reliable]
                url: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
                status: confirmed
            """), line: 21, key: "provisions[1].status", reason: "unknown status `confirmed`")
        try expectError(policyText(secondProvision: """
              - id: AI-Act/Art-10
                title: Data
                characteristics: [valid_reliable]
                url: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
                read: 29.11.2026
            """), line: 21, key: "provisions[1].read", reason: "not a date")
        try expectError(policyText(secondProvision: """
              - id: AI-Act/Art-10
                title: Data
                characteristics: [valid_reliable]
                url: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
                standards: [{ref: ISO/IEC 8183, relation: relies-on}]
            """), line: 21, key: "provisions[1].standards[0].relation", reason: "unknown relation")
        try expectError(policyText(secondProvision: """
              - id: M593/item-1
                title: Risk management
                characteristics: [safe]
                url: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
                supports: [AI-Act/Art-99]
            """), line: 21, key: "provisions[1].supports[0]", reason: "`AI-Act/Art-99` is no provision")
    }

    @Test func anchorsAreRefused() throws {
        let text = policyText().replacingOccurrences(of: "characteristics: [safe, accountable_transparent]", with: "characteristics: &c [safe]")
        let folder = try TemporaryFolder()
        let file = try folder.write("policy.yaml", text)
        #expect(throws: YAMLInputError.self) { try PolicyCatalog.load(paths: [file], characteristics: characteristics) }
    }

    @Test func projectPolicyFilesAreValid() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Inputs/policy")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 4)
        let catalog = try PolicyCatalog.load(paths: files.map { folder.appendingPathComponent($0).path }, characteristics: characteristics)
        #expect(catalog.provisions.contains { $0.side == .eu } && catalog.provisions.contains { $0.side == .us })
        for id in ["AI-Act/Art-9", "AI-Act/Art-10", "AI-Act/Art-11", "AI-Act/Art-12", "AI-Act/Art-13", "AI-Act/Art-14",
                   "AI-Act/Art-15", "AI-Act/Art-17", "AI-Act/Art-43", "AI-Act/Art-72"] {
            #expect(catalog.provisions.contains { $0.id == id }, "\(id)")
        }
        // Every provision and every reference carries a URL and a date read.
        for provision in catalog.provisions { #expect(provision.url.hasPrefix("http") && provision.read.count == 10) }
        for reference in catalog.references { #expect(reference.url.hasPrefix("http") && reference.read.count == 10) }
    }
}
