import LandscapeModel

/// A life-cycle position read from one source's own vocabulary.
public struct StageReading: Sendable, Hashable {
    public var stage: Stage
    public var status: Status
    /// The source's own code, kept as written (`60.60`, `PUBLISHED.00`, `Superseded`).
    public var code: String
    /// Where the reading came from (`custom-meta stage`, `release-version`, `standard_status`).
    public var basis: String
    /// Orders readings of the same stage: the ISO harmonized code as a number
    /// (90.93 is later than 60.60); 0 when the source has no finer order.
    public var detail: Double

    public init(stage: Stage, status: Status, code: String, basis: String, detail: Double = 0) {
        self.stage = stage
        self.status = status
        self.code = code
        self.basis = basis
        self.detail = detail
    }
}

/// Maps every stage vocabulary in the catalogs to the contract's `stage` and `status`.
public enum StageMapping {
    /// An ISO/CEN harmonized stage code (`60.60`, `95.99`) or an IEC code (`PUBLISHED.00`, `ACDV`…).
    public static func harmonized(_ code: String) -> StageReading? {
        let code = TextCleaner.collapse(code)
        guard !code.isEmpty else { return nil }
        if let value = Double(code), value >= 0, value < 100 {
            let major = Int(value)
            let minor = Int(((value - Double(major)) * 100).rounded())
            let stage: Stage
            switch major {
            case 0..<20: stage = .proposal
            case 20..<30: stage = .preparatory
            case 30..<40: stage = .committee
            case 40..<50: stage = .enquiry
            case 50..<60: stage = .approval
            case 60..<95: stage = .published
            default: stage = minor == 99 ? .withdrawn : .published
            }
            // x.98: project deleted: it will never be published.
            if minor == 98, major < 60 {
                return StageReading(stage: .withdrawn, status: .withdrawn, code: code, basis: "harmonized stage code", detail: value)
            }
            let status: Status = stage == .withdrawn ? .withdrawn : stage.isDraft ? .draft : .active
            return StageReading(stage: stage, status: status, code: code, basis: "harmonized stage code", detail: value)
        }
        // IEC codes: PUBLISHED.00, REVISED.00, … and project codes (ACD, CDV, FDIS, BPUB…).
        let word = code.uppercased().split(separator: ".").first.map(String.init) ?? code.uppercased()
        let mapped: (Stage, Status)?
        switch word {
        case "PUBLISHED", "PUB", "CONFIRMED", "STABLE", "ACTIVE": mapped = (.published, .active)
        case "REVISED", "REPLACED", "WITHDRAWN", "WDRL", "DELPUB", "SUPERSEDED", "CANCELLED", "ABANDONED", "DELETED":
            mapped = (.withdrawn, .withdrawn)
        case "PNW", "ANW", "NP", "AMW", "PWI", "AWI": mapped = (.proposal, .draft)
        case "WD", "PRVN", "PWD": mapped = (.preparatory, .draft)
        case "ACD", "CD", "CDM", "PCC", "ADTS", "ADTR", "DTS", "DTR", "PRVC", "CCDV", "DC": mapped = (.committee, .draft)
        case "ACDV", "CDV", "TCDV", "DIS", "ADIS", "CDVM", "PRVDTS", "PRVDTR", "ENQ": mapped = (.enquiry, .draft)
        case "AFDIS", "FDIS", "RFDIS", "CFDIS", "PRVD", "DECFDIS", "APUB", "BPUB", "PPUB", "RPUB", "TDTS", "TDTR", "FV":
            mapped = (.approval, .draft)
        default: mapped = nil
        }
        guard let (stage, status) = mapped else { return nil }
        return StageReading(stage: stage, status: status, code: code, basis: "IEC stage code")
    }

    /// STS `release-version`: WD, CD, DIS, FDIS, IS, PUBLISHED, WDRL…
    public static func releaseVersion(_ text: String) -> StageReading? {
        let code = TextCleaner.collapse(text)
        let mapped: (Stage, Status)?
        switch code.uppercased() {
        case "NP", "PWI", "AWI": mapped = (.proposal, .draft)
        case "WD": mapped = (.preparatory, .draft)
        case "CD", "CDV", "DTS", "DTR": mapped = (.committee, .draft)
        case "DIS", "ENQ", "PREN": mapped = (.enquiry, .draft)
        case "FDIS", "FPREN", "PRF": mapped = (.approval, .draft)
        case "IS", "PUBLISHED", "TS", "TR", "PAS", "N", "PUB": mapped = (.published, .active)
        case "WDRL", "WITHDRAWN", "REVISED", "REPLACED": mapped = (.withdrawn, .withdrawn)
        default: mapped = nil
        }
        guard let (stage, status) = mapped else { return nil }
        return StageReading(stage: stage, status: status, code: code, basis: "release-version")
    }

    /// CEN/CENELEC status text (`Published`, `Under Approval`, `Withdrawn`…).
    public static func statusText(_ text: String) -> StageReading? {
        let code = TextCleaner.collapse(text)
        let lower = code.lowercased()
        let mapped: (Stage, Status)?
        if lower.containsASCII("withdrawn") || lower.containsASCII("superseded") || lower.containsASCII("cancel") {
            mapped = (.withdrawn, .withdrawn)
        } else if lower.containsASCII("publish") || lower == "active" || lower.containsASCII("in force") {
            mapped = (.published, .active)
        } else if lower.containsASCII("approval") || lower.containsASCII("formal vote") {
            mapped = (.approval, .draft)
        } else if lower.containsASCII("enquiry") || lower.containsASCII("public comment") {
            mapped = (.enquiry, .draft)
        } else if lower.containsASCII("drafting") || lower.containsASCII("development") || lower.containsASCII("committee") {
            mapped = (.committee, .draft)
        } else if lower.containsASCII("preliminary") || lower.containsASCII("proposal") || lower.containsASCII("new work") {
            mapped = (.proposal, .draft)
        } else {
            mapped = nil
        }
        guard let (stage, status) = mapped else { return nil }
        return StageReading(stage: stage, status: status, code: code, basis: "status text")
    }

    /// IEEE `standard_status` (Active, Inactive, Superseded, Withdrawn) with the
    /// record's modifiers and whether its reference is a draft (P-number, `/D`).
    public static func ieee(status: String?, modifiers: [String], isDraft: Bool) -> StageReading {
        let code = TextCleaner.collapse(status ?? "")
        let lower = code.lowercased()
        let modifierSet = Set(modifiers.map { $0.lowercased() })
        let draft = isDraft || modifierSet.contains("draft")
        let withdrawn = lower.containsASCII("withdrawn") || lower.containsASCII("superseded") || modifierSet.contains("withdrawn") || modifierSet.contains("superseded")
        let basis = modifiers.isEmpty ? "standard_status" : "standard_status and standard_modifier (\(modifiers.joined(separator: ", ")))"
        if draft {
            // A draft that is no longer active was replaced by a later draft or abandoned.
            if lower.containsASCII("inactive") || withdrawn {
                return StageReading(stage: .withdrawn, status: .withdrawn, code: code, basis: basis + ", draft")
            }
            return StageReading(stage: .committee, status: .draft, code: code, basis: basis + ", draft")
        }
        if withdrawn || lower.containsASCII("inactive") {
            return StageReading(stage: .withdrawn, status: .withdrawn, code: code, basis: basis)
        }
        return StageReading(stage: .published, status: .active, code: code.isEmpty ? "Active" : code, basis: basis)
    }
}
