import Testing
@testable import Pipeline

@Suite("Pipeline.yaml")
struct PipelineConfigTests {
    let minimal = """
    sources:
      - name: iso
        format: niso-sts
        paths: ["Inputs/iso/**/*.xml"]
    committees:
      - format: iso-open-data
        paths: ["Inputs/committees/iso_technical_committees.jsonl"]
    output:
      directory: Outputs
    """

    @Test func resolvesPathsAgainstTheConfigFolder() throws {
        let config = try PipelineConfig.parse(minimal, file: "/srv/landscape/Pipeline.yaml")
        #expect(config.sources.map(\.name) == ["iso"])
        #expect(config.sources[0].format == .nisoSts)
        #expect(config.sources[0].paths == ["/srv/landscape/Inputs/iso/**/*.xml"])
        #expect(config.committees[0].paths == ["/srv/landscape/Inputs/committees/iso_technical_committees.jsonl"])
        #expect(config.outputDirectory == "/srv/landscape/Outputs")
        #expect(config.errorBudget == 0.05)
    }

    @Test func unknownFormatNamesTheLine() throws {
        let text = minimal.replacingOccurrences(of: "niso-sts", with: "niso")
        let error = try #require(throws: PipelineError.self) { try PipelineConfig.parse(text, file: "/x/Pipeline.yaml") }
        #expect(error.status == .config)
        #expect(error.line == 3)
        #expect(error.description.contains("/x/Pipeline.yaml:3: sources[0].format: unknown format `niso`"))
    }

    @Test func unknownTopLevelKeyIsRejected() throws {
        let error = try #require(throws: PipelineError.self) { try PipelineConfig.parse(minimal + "\nsourcse: []\n", file: "/x/P.yaml") }
        #expect(error.status == .config)
        #expect(error.description.contains("unknown key `sourcse`"))
    }

    @Test func missingOutputIsAConfigError() throws {
        let text = minimal.components(separatedBy: "output:")[0]
        let error = try #require(throws: PipelineError.self) { try PipelineConfig.parse(text, file: "/x/P.yaml") }
        #expect(error.description.contains("missing key `output`"))
    }

    @Test func invalidYAMLReportsItsLine() throws {
        let error = try #require(throws: PipelineError.self) {
            try PipelineConfig.parse("sources:\n  - name: [unclosed\n", file: "/x/P.yaml")
        }
        #expect(error.status == .config)
        #expect(error.line != nil)
        #expect(error.description.contains("invalid YAML"))
    }

    @Test func duplicateSourceNames() throws {
        let text = minimal.replacingOccurrences(of: "committees:", with: """
          - name: iso
            format: ieee-idams
            paths: ["a.xml"]
        committees:
        """)
        let error = try #require(throws: PipelineError.self) { try PipelineConfig.parse(text, file: "/x/P.yaml") }
        #expect(error.description.contains("duplicate source name `iso`"))
    }

    @Test func aBadPathNamesItsPlaceInTheList() throws {
        let text = minimal.replacingOccurrences(of: "paths: [\"Inputs/iso/**/*.xml\"]", with: "paths:\n      - Inputs/iso/a.xml\n      - \" \"")
        let error = try #require(throws: PipelineError.self) { try PipelineConfig.parse(text, file: "/x/P.yaml") }
        #expect(error.status == .config)
        #expect(error.description == "/x/P.yaml:6: sources[0].paths[1]: must not be empty")
        // A path is taken as written, spaces and all.
        let padded = minimal.replacingOccurrences(of: "Inputs/iso/**/*.xml", with: "Inputs/iso/a.xml ")
        #expect(try PipelineConfig.parse(padded, file: "/x/P.yaml").sources[0].paths == ["/x/Inputs/iso/a.xml "])
    }

    @Test func errorBudgetMustBeAShare() throws {
        let error = try #require(throws: PipelineError.self) { try PipelineConfig.parse(minimal + "\nerror_budget: 5\n", file: "/x/P.yaml") }
        #expect(error.description.contains("error_budget"))
        let config = try PipelineConfig.parse(minimal + "\nerror_budget: 0.2\n", file: "/x/P.yaml")
        #expect(config.errorBudget == 0.2)
    }

    @Test func stageSectionsDecodeWithTheirLine() throws {
        let config = try PipelineConfig.parse(minimal + "\nlimits:\n  max_records: 12\n", file: "/x/P.yaml")
        #expect(config.limits.records.total == 12)
        let error = try #require(throws: PipelineError.self) {
            try PipelineConfig.parse(minimal + "\nlimits:\n  max_records: deep\n", file: "/x/P.yaml")
        }
        #expect(error.status == .config)
        #expect(error.line == 11)
        #expect(error.description.contains("limits.max_records"))
    }

    @Test(arguments: [
        ("limits:\n  max_text_byte: 100\n", 11, "limits.max_text_byte"),
        ("history:\n  keep: 3\n", 11, "history.keep"),
        ("report:\n  top_standard: 3\n", 11, "report.top_standard"),
        ("scoring:\n  treshold: 0.4\n", 11, "scoring.treshold"),
        ("participation:\n  scope: ai-relevant\n  member: []\n", 12, "participation.member"),
    ])
    func unknownKeysAtAnyDepthAreErrors(section: String, line: Int, key: String) throws {
        let error = try #require(throws: PipelineError.self) { try PipelineConfig.parse(minimal + "\n" + section, file: "/x/P.yaml") }
        #expect(error.status == .config)
        #expect(error.file == "/x/P.yaml")
        #expect(error.line == line)
        #expect(error.description.contains(key))
        #expect(error.description.contains("unknown key"))
    }

    @Test func sectionsAreDecodedOnceIntoTypedSettings() throws {
        let config = try PipelineConfig.parse(minimal + """

        history: {keep_runs: 4}
        report: {top_standards: 7}
        regions: {CN: [CN]}
        limits: {max_records_per_file: 9, max_discovered_files: 8, max_discovery_seconds: 2.5}
        """, file: "/x/P.yaml")
        #expect(config.history.keepRuns == 4)
        #expect(config.report.topStandards == 7)
        #expect(config.regions.region(named: "CN")?.countries == ["CN"])
        #expect(config.limits.records.perFile == 9)
        #expect(config.limits.discovery.maxFiles == 8)
        #expect(config.limits.discovery.maxSeconds == 2.5)
        #expect(config.limits.records.total == LimitsSettings().records.total)
    }

    /// Ten levels of aliases, each ten times the one before: 10^10 nodes if expanded.
    static func aliasBomb(levels: Int) -> String {
        var text = "regions:\n  a0: &a0 [\"CN\", \"CN\", \"CN\", \"CN\", \"CN\", \"CN\", \"CN\", \"CN\", \"CN\", \"CN\"]\n"
        for level in 1..<levels {
            text += "  a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        return text
    }

    @Test func yamlAliasesAreRefusedBeforeAnythingExpandsThem() throws {
        let bomb = Self.aliasBomb(levels: 10)
        let error = try #require(throws: PipelineError.self) { try PipelineConfig.parse(minimal + "\n" + bomb, file: "/x/P.yaml") }
        #expect(error.status == .config)
        #expect(error.line == 11)
        #expect(error.description.contains("anchors and aliases"))
    }
}
