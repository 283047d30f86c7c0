import MinistackCore
import PostgresNIO

import struct Foundation.UUID

extension PostgresCell {
    /// The cell as the text Postgres would print, `nil` for SQL NULL.
    ///
    /// PostgresNIO asks for every result column in binary format. The compiler's
    /// statements return text (`(…)::text`, JSON), whose binary form is the text itself;
    /// a few other common types are rendered here so ad-hoc statements work too.
    func textValue() throws(DriverError) -> String? {
        guard bytes != nil else { return nil }
        do {
            switch dataType {
            case .int2: return String(try decode(Int16.self))
            case .int4: return String(try decode(Int32.self))
            case .int8: return String(try decode(Int64.self))
            case .bool: return try decode(Bool.self) ? "true" : "false"
            case .float4: return String(try decode(Float.self))
            case .float8: return String(try decode(Double.self))
            case .uuid: return try decode(UUID.self).uuidString.lowercased()
            case .text, .varchar, .bpchar, .name, .json, .jsonb, .unknown, .xml:
                return try decode(String.self)
            default:
                throw DriverError.queryFailed(
                    message: "result column \(columnIndex + 1) has type \(dataType); select it as text",
                    sqlState: nil)
            }
        } catch let error as DriverError {
            throw error
        } catch {
            throw DriverError.queryFailed(
                message: "result column \(columnIndex + 1) could not be read as text", sqlState: nil)
        }
    }
}
