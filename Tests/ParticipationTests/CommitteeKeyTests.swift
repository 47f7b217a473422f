import Testing
@testable import Participation

@Suite struct CommitteeKeyTests {
    @Test func spellingVariantsAreOneCommittee() {
        let canonical = CommitteeKey("ISO/IEC JTC 1/SC 42")
        #expect(CommitteeKey("ISO/IEC JTC1/SC42") == canonical)
        #expect(CommitteeKey("iso/iec jtc 1/sc 42") == canonical)
        #expect(CommitteeKey("IEC/ISO JTC 1/SC 42") == canonical)
        #expect(CommitteeKey(" ISO/IEC  JTC 1 / SC 42 ") == canonical)
        #expect(CommitteeKey("ISO/IEC/JTC 4") == CommitteeKey("ISO/IEC JTC 4"))
        #expect(CommitteeKey("IEC TC 65/SC 65C") == CommitteeKey("IEC/TC 65/SC 65C"))
        #expect(CommitteeKey("CEN/CENELEC/JTC 21") == CommitteeKey("CEN/CLC/JTC 21"))
        #expect(CommitteeKey("CEN-CENELEC JTC 21") == CommitteeKey("CEN/CLC/JTC 21"))
    }

    @Test func differentNumbersStayApart() {
        #expect(CommitteeKey("ISO/TC 2/SC 11") != CommitteeKey("ISO/TC 21/SC 1"))
        #expect(CommitteeKey("ISO/TC 22") != CommitteeKey("IEC/TC 22"))
        #expect(CommitteeKey("ISO/IEC JTC 1/SC 42") != CommitteeKey("ISO/IEC JTC 1/SC 4"))
    }

    @Test func ieeeNamesIgnoreEscapingAndAmpersands() {
        let plain = CommitteeKey("Software & Systems Engineering Standards Committee of the IEEE Computer Society")
        #expect(CommitteeKey("Software &amp;amp; Systems Engineering Standards Committee of the IEEE Computer Society") == plain)
        #expect(CommitteeKey("Software and Systems Engineering Standards Committee of the IEEE Computer Society") == plain)
    }

    @Test func ancestorsOfDesignatorPaths() {
        #expect(CommitteeKey.ancestors(of: "ISO/IEC JTC 1/SC 42/WG 3") == ["ISO/IEC JTC 1/SC 42", "ISO/IEC JTC 1", "ISO"])
        #expect(CommitteeKey.ancestors(of: "IEC TC 65/SC 65C") == ["IEC TC 65"])
        #expect(CommitteeKey.ancestors(of: "IULTCS") == [])
    }

    @Test func ancestorsOfSocietyCommittees() {
        #expect(CommitteeKey.ancestors(of: "LAN/MAN Standards Committee of the IEEE Computer Society") == ["IEEE Computer Society"])
        #expect(CommitteeKey.ancestors(of: "Corporate Advisory Group of the IEEE SA Board of Governors") == ["IEEE SA Board of Governors"])
    }

    @Test func organisationPrefixes() {
        #expect(organisationPrefix(of: "ISO/IEC JTC 1/SC 42") == "ISO/IEC")
        #expect(organisationPrefix(of: "IEC TC 65/SC 65C") == "IEC")
        #expect(organisationPrefix(of: "CEN/CLC/JTC 21") == "CEN/CLC")
        #expect(organisationPrefix(of: "ISO/TC 22") == "ISO")
        #expect(organisationPrefix(of: "IULTCS") == "")
    }

    @Test func naturalOrder() {
        let sorted = ["ISO/TC 10", "ISO/TC 2/SC 11", "ISO/TC 2", "ISO/IEC JTC 1/SC 42", "ISO/IEC JTC 1/SC 7"]
            .sorted(by: NaturalOrder.less)
        #expect(sorted == ["ISO/IEC JTC 1/SC 7", "ISO/IEC JTC 1/SC 42", "ISO/TC 2", "ISO/TC 2/SC 11", "ISO/TC 10"])
    }
}
