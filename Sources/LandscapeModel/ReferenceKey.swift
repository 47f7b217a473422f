/// How two spellings of one standard's reference compare: ASCII letters lower-cased, ASCII
/// whitespace removed (ids are whitespace-collapsed already, so no other space remains).
public enum ReferenceKey {
    public static func of(_ id: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(id.utf8.count)
        for byte in id.utf8 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: continue
            case 0x41...0x5A: bytes.append(byte | 0x20)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
