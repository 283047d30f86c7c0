import MinistackCore
import NIOCore
import PostgresNIO

/// A bound value sent as text with an unspecified type (OID 0).
///
/// The compiler writes every placeholder as `$n::type`, so the server infers the
/// parameter's type from the cast and parses the text with that type's input function:
/// `"12345678901234567890.123456789"` reaches a `numeric` with every digit, `"happy"` an
/// enum, `{"a":1}` a `jsonb` — no client-side encoding per type.
struct PostgresTextParameter: PostgresDynamicTypeEncodable {
    var text: String

    var psqlType: PostgresDataType { .null }
    var psqlFormat: PostgresFormat { .text }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        byteBuffer.writeString(text)
    }
}

extension PostgresBindings {
    /// Each value as text of unspecified type, `nil` (JSON null) as SQL NULL.
    init(textBindings values: [BoundValue]) {
        self.init(capacity: values.count)
        for value in values {
            if let text = value.text { append(PostgresTextParameter(text: text)) } else { appendNull() }
        }
    }
}
