import Foundation
import TestSupport
import LandscapeModel
import Testing
@testable import Report

@Suite("datapackage.json and the CSVs it describes")
struct DataPackageTests {
    /// A valid row for every table, built from the schema so that it follows column changes.
    private func validRows(_ table: TableSchema, count: Int) -> [[String]] {
        (0..<count).map { index in
            table.columns.map { column -> String in
                if !column.allowedValues.isEmpty { return column.allowedValues[index % column.allowedValues.count] }
                if column.unique { return "ISO/IEC \(42000 + index):2023" }
                switch (column.name, column.type) {
                case ("published", _), ("date_read", _): return "2023-12"
                case ("characteristics", _): return "safe;privacy_enhanced"
                case ("secretariat_country", _), ("country", _): return "US"
                case ("entered", _), ("closes", _), ("read", _): return "2026-11-29"
                case ("title", _): return "Information technology — \"AI\", management system, part \(index)"
                case (_, .integer): return String(min(max(Double(index), column.minimum ?? 0), column.maximum ?? .infinity).rounded())
                    .replacingOccurrences(of: ".0", with: "")
                case (_, .number): return "0.\(100 + index)"
                case (_, .string): return "text \(index)"
                }
            }
        }
    }

    private func writePackage(to directory: URL, rows: Int = 3) throws {
        for table in TableSchemas.all {
            let text = ([table.header] + validRows(table, count: rows)).map(CSV.line).joined()
            try Data(text.utf8).write(to: directory.appendingPathComponent(table.path))
        }
        try Data(DataPackage.json().utf8).write(to: directory.appendingPathComponent("datapackage.json"))
    }

    @Test func columnListsFollowTheContract() {
        #expect(TableSchemas.standards.header == [
            "id", "undated_id", "sdo", "source", "deliverable_type", "stage", "stage_code", "status", "committee",
            "title", "published", "ics", "adopted_from", "ai_relevance", "score_valid_reliable", "score_safe",
            "score_secure_resilient", "score_accountable_transparent", "score_explainable_interpretable",
            "score_privacy_enhanced", "score_fair_bias_managed", "score_human_oversight", "score_societal_wellbeing",
            "characteristics", "evidence", "sources", "replaced_by", "eu_policy", "us_policy", "mutual_interest",
        ])
        #expect(TableSchemas.participation.header == [
            "committee", "sdo", "secretariat", "secretariat_country", "p_members", "o_members", "eu_p_members",
            "eu_o_members", "us_status", "standards", "ai_standards", "resolved_from", "membership",
        ])
        #expect(TableSchemas.participationSummary.header == ["characteristic", "region", "standards", "with_p_member", "p_member_share", "secretariats"])
        #expect(TableSchemas.quarantine.header == ["source", "file", "line", "reference", "reason"])
        #expect(TableSchemas.changes.header.prefix(4) == ["id", "change", "from", "to"])
        for table in TableSchemas.all {
            #expect(Set(table.header).count == table.header.count, "duplicate column in \(table.path)")
            for column in table.columns { #expect(!column.description.isEmpty, "\(table.path) \(column.name) has no description") }
        }
    }

    @Test func descriptorDescribesEveryColumnWithTypeAndMeaning() throws {
        let json = DataPackage.json(created: "2026-11-26T02:00:00Z")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["profile"] as? String == "tabular-data-package")
        #expect(object["created"] as? String == "2026-11-26T02:00:00Z")
        let resources = try #require(object["resources"] as? [[String: Any]])
        #expect(resources.compactMap { $0["path"] as? String } == ["standards.csv", "participation.csv", "participation_summary.csv", "quarantine.csv", "changes.csv",
                                                                         "open_for_comment.csv", "trend.csv", "terms.csv", "term_alignment.csv",
                                                                         "policy_links.csv", "influence_paths.csv"])
        for (resource, table) in zip(resources, TableSchemas.all) {
            let schema = try #require(resource["schema"] as? [String: Any])
            let fields = try #require(schema["fields"] as? [[String: Any]])
            #expect(fields.compactMap { $0["name"] as? String } == table.header)
            for field in fields {
                #expect(["string", "integer", "number"].contains(field["type"] as? String ?? ""))
                #expect((field["description"] as? String)?.isEmpty == false)
            }
        }
        // Read back, the descriptor gives the same schemas it was generated from.
        #expect(try DataPackageValidator.readDescriptor(Data(json.utf8)) == TableSchemas.all)
    }

    @Test func writtenCSVsValidate() throws {
        let folder = try TemporaryFolder()
        let directory = folder.url
        try writePackage(to: directory)
        let problems = DataPackageValidator.validate(directory: directory)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func changesWrittenByTheEncoderValidate() throws {
        let folder = try TemporaryFolder()
        let directory = folder.url
        let text = Change.csvTable([
            Change(id: "ISO/IEC 5338:2023", kind: .stage, from: "approval", to: "published"),
            Change(id: "-1 weird, \"id\"", kind: .removed, from: "published"),
        ])
        try Data(text.utf8).write(to: directory.appendingPathComponent("changes.csv"))
        #expect(DataPackageValidator.validate(directory: directory, table: TableSchemas.changes).isEmpty)
    }

    @Test func wrongWidthIsDetected() throws {
        let table = TableSchemas.quarantine
        let text = CSV.line(table.header) + CSV.line(["iso", "a.xml", "3", "ISO 1", "malformed XML: x"]) + CSV.line(["iso", "a.xml", "4", "ISO 2"])
        let problems = DataPackageValidator.validate(csv: text, file: table.path, table: table)
        #expect(problems.map(\.row) == [3])
        #expect(problems.first?.reason.contains("4 fields") == true)
    }

    @Test func wrongTypesAndValuesAreDetected() throws {
        let table = TableSchemas.participationSummary
        let text = CSV.line(table.header)
            + CSV.line(["safe", "EU", "twelve", "3", "0.5", "1"])        // not an integer
            + CSV.line(["safe", "US", "12", "3", "1.5", "1"])            // above the maximum
            + CSV.line(["unsafe", "US", "12", "3", "0.5", "1"])          // not an allowed characteristic
            + CSV.line(["safe", "", "12", "3", "0.5", "1"])              // required value missing
        let problems = DataPackageValidator.validate(csv: text, file: table.path, table: table)
        #expect(problems.map(\.row) == [2, 3, 4, 5])
        #expect(problems.map(\.column) == ["standards", "p_member_share", "characteristic", "region"])
    }

    @Test func headerMismatchAndUnguardedFormulasAreDetected() throws {
        let table = TableSchemas.changes
        let reordered = CSV.line(["change", "id", "from", "to", "previous_id"])
        #expect(DataPackageValidator.validate(csv: reordered, file: table.path, table: table).first?.row == 1)

        // Written without the formula guard.
        let unguarded = CSV.line(table.header) + "=HYPERLINK(\"x\"),added,,published,,,,\n"
        let problems = DataPackageValidator.validate(csv: unguarded, file: table.path, table: table)
        #expect(problems.count == 1)
        #expect(problems.first?.reason.contains("formula") == true)
    }

    @Test func damagedPackageFilesAreReported() throws {
        let folder = try TemporaryFolder()
        let directory = folder.url
        try writePackage(to: directory)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("quarantine.csv"))
        var standards = try String(contentsOf: directory.appendingPathComponent("standards.csv"), encoding: .utf8)
        standards = standards.replacingOccurrences(of: "ISO/IEC 42001:2023", with: "ISO/IEC 42000:2023")  // duplicate id
        try Data(standards.utf8).write(to: directory.appendingPathComponent("standards.csv"))

        let problems = DataPackageValidator.validate(directory: directory)
        #expect(problems.contains { $0.file == "quarantine.csv" && $0.reason == "file is missing" })
        #expect(problems.contains { $0.file == "standards.csv" && $0.column == "id" && $0.reason.contains("duplicate") })
        #expect(problems.count == 2, "\(problems)")
    }

    @Test func missingDescriptorIsOneProblem() throws {
        let folder = try TemporaryFolder()
        let directory = folder.url
        let problems = DataPackageValidator.validate(directory: directory)
        #expect(problems.map(\.file) == ["datapackage.json"])
    }
}

@Suite("The pipeline's own encoders against datapackage.json")
struct EncodedPackageTests {
    static let terminology = TerminologyResult(
        definitions: [
            TermDefinition(key: "risk", term: "risk", definition: "'risk' means the combination of harm, \"severity\"", source: "Act, Art. 3(2)",
                           side: .eu, file: "eu.yaml", line: 7, url: "https://example.org", dateRead: "2026-11-29", status: "reported"),
            TermDefinition(key: "risk", term: "risk", admitted: ["hazard"], deprecated: ["danger"], definition: "=chance of harm",
                           notes: ["n1", "n2"], source: "", side: .international, standardId: "ISO/IEC 23894:2023", file: "s.xml", line: 12),
        ],
        alignments: [TermAlignment(key: "risk", first: 0, second: 1, similarity: 0.4, onlyFirst: ["combination"], onlySecond: ["chance"],
                                   isEUUS: false, divergent: false)])

    @Test func everyEncodedTableValidates() throws {
        let folder = try TemporaryFolder()
        let directory = folder.url
        let input = ReportFixtures.input()
        let files: [(String, String)] = [
            ("standards.csv", CSVTables.standards(input.standards)),
            ("participation.csv", CSVTables.participation(input.committees)),
            ("participation_summary.csv", CSVTables.participationSummary(input.participation)),
            ("quarantine.csv", CSVTables.quarantine(input.quarantine)),
            ("changes.csv", Change.csvTable([Change(id: "ISO 1:2020", kind: .stage, from: "enquiry", to: "published")],
                                            participation: [ParticipationChange(committee: "ISO/IEC JTC 1/SC 42", kind: .pToO, body: "DIN", from: "P", to: "O", country: "DE", regions: ["EU"])])),
            ("open_for_comment.csv", WatchTables.openForComment([])),
            ("trend.csv", WatchTables.trend([TrendPoint(runId: WatchReport.thisRun, startedAt: Date(timeIntervalSince1970: 0), characteristic: .safe, stage: .published, standards: 2)], runId: "run-1")),
            ("terms.csv", CSVTables.terms(Self.terminology)),
            ("term_alignment.csv", CSVTables.termAlignment(Self.terminology)),
            ("policy_links.csv", CSVTables.policyLinks(ReportFixtures.policy.links)),
            ("influence_paths.csv", CSVTables.influencePaths(ReportFixtures.policy.paths)),
            ("datapackage.json", DataPackage.json()),
        ]
        for (name, text) in files { try Data(text.utf8).write(to: directory.appendingPathComponent(name)) }

        let problems = DataPackageValidator.validate(directory: directory)
        #expect(problems.isEmpty, "\(problems)")

        // And a single damaged cell in the real output is caught.
        let url = directory.appendingPathComponent("participation_summary.csv")
        let damaged = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: ",EU,", with: ",EU,x")
        try Data(damaged.utf8).write(to: url)
        let found = DataPackageValidator.validate(directory: directory)
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.file == "participation_summary.csv" && $0.column == "standards" })
    }
}
