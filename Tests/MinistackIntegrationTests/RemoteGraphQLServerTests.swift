import Foundation
import MinistackCore
import MinistackTesting
import Testing

/// The GraphQL server that tests of remote schemas stand up in the test process, tested on its
/// own over HTTP: what it answers is what ministack will merge and forward to.
///
/// `RemoteGraphQLServer.start(.library)` serves books and authors (a union, an interface, a
/// custom scalar, errors, a mutation); `.weather` serves forecasts and shares names with it.
@Suite("Remote GraphQL server (test fixture)")
struct RemoteGraphQLServerTests {
    static func json(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

    static func expect(_ actual: JSONValue, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let difference = JSONComparison.difference(actual, try json(expected))
        #expect(difference == nil, "\(difference ?? "") in \(actual.serialized)", sourceLocation: sourceLocation)
    }

    @Test("a query with variables, a fragment, aliases and __typename on union and interface results")
    func query() async throws {
        let server = try await RemoteGraphQLServer.start()
        defer { server.stop() }
        let query = """
            query Shelf($genre: Genre, $first: Int, $text: String!, $id: ID!) {
              hello
              fiction: books(genre: $genre, first: $first) { ...BookParts }
              search(text: $text) { __typename ... on Book { title } ... on Author { name } }
              node(id: $id) { __typename id ... on Author { name books { title } } }
              missing: book(id: "book-99") { id }
              now
            }
            fragment BookParts on Book { id title genre tags published author { name } }
            """
        let variables = try Self.json(#"{"genre": "FICTION", "first": 1, "text": "le", "id": "author-1"}"#)
        let (status, body) = try await server.post(query, variables: variables, headers: ["X-Test": "yes"])
        #expect(status == 200)
        try Self.expect(
            body,
            #"""
            {"data": {
              "hello": "Hello from library!",
              "fiction": [{"id": "book-1", "title": "A Wizard of Earthsea", "genre": "FICTION",
                           "tags": ["fantasy", "classic"], "published": "1968-11-01T00:00:00Z",
                           "author": {"name": "Ursula K. Le Guin"}}],
              "search": [{"__typename": "Book", "title": "The Left Hand of Darkness"},
                         {"__typename": "Author", "name": "Ursula K. Le Guin"}],
              "node": {"__typename": "Author", "id": "author-1", "name": "Ursula K. Le Guin",
                       "books": [{"title": "A Wizard of Earthsea"}, {"title": "The Left Hand of Darkness"}]},
              "missing": null,
              "now": "2025-06-01T12:00:00Z"}}
            """#)

        // The request as received, for tests of what ministack forwards.
        let received = try #require(server.requests.only)
        #expect(received.query == query)
        #expect(received.variables == variables)
        #expect(received.operationName == nil)
        #expect(received.header("x-test") == "yes")
        #expect(received.header("Content-Type") == "application/json")
        server.clearRequests()
        #expect(server.requests.isEmpty)
    }

    @Test("operationName picks one of several operations; a book's null published stays null")
    func operationName() async throws {
        let server = try await RemoteGraphQLServer.start(name: "shelf")
        defer { server.stop() }
        let (_, body) = try await server.post(
            """
            query Greeting { hello }
            query History { books(genre: HISTORY) { title published author { name } } }
            """, operationName: "History")
        try Self.expect(
            body, #"{"data": {"books": [{"title": "SPQR", "published": null, "author": {"name": "Mary Beard"}}]}}"#)
        #expect(server.requests.only?.operationName == "History")

        let (_, greeting) = try await server.post("query Greeting { hello }")
        try Self.expect(greeting, #"{"data": {"hello": "Hello from shelf!"}}"#)
    }

    @Test("mutations run in document order and change the server's shelf, and only that server's")
    func mutation() async throws {
        let server = try await RemoteGraphQLServer.start()
        defer { server.stop() }
        let (status, body) = try await server.post(
            """
            mutation Add($tags: [String!], $when: DateTime) {
              first: addBook(input: {title: "Dune", genre: FICTION, tags: $tags, published: $when,
                                     newAuthor: {name: "Frank Herbert"}}) {
                id title genre tags published author { id name }
              }
              second: addBook(input: {title: "Pompeii", genre: HISTORY, authorId: "author-3"}) {
                id tags author { name books { id } }
              }
            }
            """, variables: try Self.json(#"{"tags": ["desert", "spice"], "when": "1965-08-01T00:00:00Z"}"#))
        #expect(status == 200)
        try Self.expect(
            body,
            #"""
            {"data": {
              "first": {"id": "book-5", "title": "Dune", "genre": "FICTION", "tags": ["desert", "spice"],
                        "published": "1965-08-01T00:00:00Z", "author": {"id": "author-4", "name": "Frank Herbert"}},
              "second": {"id": "book-6", "tags": [],
                         "author": {"name": "Mary Beard", "books": [{"id": "book-4"}, {"id": "book-6"}]}}}}
            """#)

        let (_, books) = try await server.post("{ books { id } }")
        try Self.expect(
            books,
            #"""
            {"data": {"books": [{"id": "book-1"}, {"id": "book-2"}, {"id": "book-3"}, {"id": "book-4"},
                                {"id": "book-5"}, {"id": "book-6"}]}}
            """#)

        let other = try await RemoteGraphQLServer.start()
        defer { other.stop() }
        let (_, count) = try await other.post("{ books(genre: FICTION) { id } }")
        try Self.expect(count, #"{"data": {"books": [{"id": "book-1"}, {"id": "book-2"}]}}"#)

        // A failing non-null mutation field nulls `data`.
        let (_, refused) = try await server.post(
            #"mutation { addBook(input: {title: "X", genre: SCIENCE, authorId: "author-99"}) { id } }"#)
        try Self.expect(
            refused,
            #"""
            {"data": null, "errors": [{"message": "no author has id author-99", "locations": [{"line": 1, "column": 12}],
                                       "path": ["addBook"], "extensions": {"code": "NOT_FOUND"}}]}
            """#)
    }

    @Test("errors carry message, locations, path and extensions, at a root field and inside lists")
    func errors() async throws {
        let server = try await RemoteGraphQLServer.start()
        defer { server.stop() }
        let (status, body) = try await server.post(
            """
            {
              hello
              failing
              partialBooks { id published }
              brokenBooks { id title }
            }
            """)
        #expect(status == 200)
        // book-2's published fails and is null; book-2's title (non-null) fails, and so do the book
        // (a non-null item) and the list, which is nullable.
        try Self.expect(
            try #require(body["data"], "\(body.serialized)"),
            #"""
            {"hello": "Hello from library!", "failing": null,
             "partialBooks": [{"id": "book-1", "published": "1968-11-01T00:00:00Z"}, {"id": "book-2", "published": null},
                              {"id": "book-3", "published": "1980-10-12T00:00:00Z"}],
             "brokenBooks": null}
            """#)
        // Fields resolve concurrently, so the errors come in any order.
        let errors = try #require(body["errors"]?.arrayValue).sorted { $0.serialized < $1.serialized }
        try Self.expect(
            .array(errors),
            #"""
            [{"message": "failing always fails", "locations": [{"line": 3, "column": 3}], "path": ["failing"],
              "extensions": {"code": "FAILING"}},
             {"message": "the publication date of book-2 is unavailable", "locations": [{"line": 4, "column": 21}],
              "path": ["partialBooks", 1, "published"], "extensions": {"code": "UNAVAILABLE"}},
             {"message": "the title of book-2 is unavailable", "locations": [{"line": 5, "column": 20}],
              "path": ["brokenBooks", 1, "title"], "extensions": {"code": "UNAVAILABLE"}}]
            """#)
    }

    @Test("answerNext serves canned answers in turn, then the server executes again")
    func cannedAnswers() async throws {
        let server = try await RemoteGraphQLServer.start()
        defer { server.stop() }
        server.answerNext(body: #"{"data": {"partialBooks": [{"id": "book-1"}, null]}}"#)
        server.answerNext(status: 500, body: #"{"message": "boom"}"#)
        let (status, canned) = try await server.post("{ partialBooks { id } }")
        #expect(status == 200)
        try Self.expect(canned, #"{"data": {"partialBooks": [{"id": "book-1"}, null]}}"#)
        let (failedStatus, failed) = try await server.post("{ hello }")
        #expect(failedStatus == 500)
        try Self.expect(failed, #"{"message": "boom"}"#)
        let (_, executed) = try await server.post("{ hello }")
        try Self.expect(executed, #"{"data": {"hello": "Hello from library!"}}"#)
        #expect(server.requests.map(\.query) == ["{ partialBooks { id } }", "{ hello }", "{ hello }"])
    }

    @Test("an invalid query is answered with errors and no data, a body that is no request with 400")
    func invalidRequests() async throws {
        let server = try await RemoteGraphQLServer.start()
        defer { server.stop() }
        let (status, invalid) = try await server.post("{ hello nope }")
        #expect(status == 200)
        try Self.expect(
            invalid,
            #"""
            {"errors": [{"message": "Cannot query field \"nope\" on type \"Query\". Did you mean \"node\" or \"now\"?",
                         "locations": [{"line": 1, "column": 9}]}]}
            """#)

        let (_, syntax) = try await server.post("{ hello ")
        #expect(syntax["data"] == nil)
        #expect(syntax["errors"]?.arrayValue?.first?["message"]?.stringValue?.contains("Syntax Error") == true)

        let (_, variables) = try await server.post(
            "query ($genre: Genre) { books(genre: $genre) { id } }", variables: try Self.json(#"{"genre": "POETRY"}"#))
        #expect(variables["data"] == nil)
        #expect(variables["errors"]?.arrayValue?.count == 1)

        let (badStatus, bad) = try await server.post(body: "not json")
        #expect(badStatus == 400)
        #expect(bad["errors"]?.arrayValue?.count == 1)
        #expect(server.requests.map(\.body).last == "not json")
    }

    @Test("the standard introspection query describes the schema's types")
    func introspection() async throws {
        let server = try await RemoteGraphQLServer.start()
        defer { server.stop() }
        let (status, body) = try await server.post(IntrospectionQuery.text, operationName: "IntrospectionQuery")
        #expect(status == 200)
        #expect(body["errors"] == nil)
        let schema = try #require(body["data"]?["__schema"])
        #expect(schema["queryType"]?["name"] == .string("Query"))
        #expect(schema["mutationType"]?["name"] == .string("Mutation"))
        #expect(schema["subscriptionType"] == .null)
        let types = try #require(schema["types"]?.arrayValue)
        func type(_ name: String) -> JSONValue? { types.first { $0["name"]?.stringValue == name } }
        func names(_ list: JSONValue?, _ key: String = "name") -> [String] {
            list?.arrayValue?.compactMap { $0[key]?.stringValue } ?? []
        }
        for name in [
            "Query", "Mutation", "Book", "Author", "Genre", "SearchResult", "Node", "DateTime", "BookInput",
            "AuthorInput", "Header",
        ] {
            #expect(type(name) != nil, "\(name)")
        }
        #expect(
            names(type("Query")?["fields"]).sorted()
                == [
                    "book", "books", "brokenBooks", "echoHeaders", "failing", "hello", "node", "now", "partialBooks",
                    "search",
                ])
        #expect(type("SearchResult")?["kind"] == .string("UNION"))
        #expect(names(type("SearchResult")?["possibleTypes"]).sorted() == ["Author", "Book"])
        #expect(type("Node")?["kind"] == .string("INTERFACE"))
        #expect(names(type("Node")?["possibleTypes"]).sorted() == ["Author", "Book"])
        #expect(names(type("Book")?["interfaces"]) == ["Node"])
        #expect(type("DateTime")?["kind"] == .string("SCALAR"))
        #expect(names(type("Genre")?["enumValues"]) == ["FICTION", "SCIENCE", "HISTORY"])
        #expect(type("BookInput")?["kind"] == .string("INPUT_OBJECT"))
        // GraphQLSwift lists input fields by name (graphql-js: in definition order).
        #expect(
            names(type("BookInput")?["inputFields"]) == [
                "authorId", "genre", "newAuthor", "published", "tags", "title",
            ])
        let books = type("Query")?["fields"]?.arrayValue?.first { $0["name"] == .string("books") }
        try Self.expect(
            try #require(books?["type"]),
            #"""
            {"kind": "NON_NULL", "name": null, "ofType": {"kind": "LIST", "name": null, "ofType":
              {"kind": "NON_NULL", "name": null, "ofType": {"kind": "OBJECT", "name": "Book", "ofType": null}}}}
            """#)

        let sdl = server.sdl
        #expect(sdl.contains("union SearchResult = Book | Author"))
        #expect(sdl.contains("type Book implements Node {"))
    }

    @Test("echoHeaders answers the request's headers")
    func echoHeaders() async throws {
        let server = try await RemoteGraphQLServer.start()
        defer { server.stop() }
        let (_, body) = try await server.post(
            "{ echoHeaders { name value } }", headers: ["X-Hasura-Role": "user", "Authorization": "Bearer t"])
        let headers = try #require(body["data"]?["echoHeaders"]?.arrayValue)
        #expect(headers.contains(try Self.json(#"{"name": "x-hasura-role", "value": "user"}"#)))
        #expect(headers.contains(try Self.json(#"{"name": "authorization", "value": "Bearer t"}"#)))
        #expect(server.requests.only?.header("authorization") == "Bearer t")
    }

    @Test("weather shares root field and type names with library, so two remotes clash unless customized")
    func twoRemotes() async throws {
        let library = try await RemoteGraphQLServer.start(.library)
        defer { library.stop() }
        let weather = try await RemoteGraphQLServer.start(.weather)
        defer { weather.stop() }
        #expect(library.url != weather.url)

        let (_, greeting) = try await weather.post("{ hello }")
        try Self.expect(greeting, #"{"data": {"hello": "Hello from weather!"}}"#)

        let (_, body) = try await weather.post(
            """
            query ($city: String!) {
              oslo: forecast(city: $city, days: 2) { city day date condition high low }
              node(id: "station-1") { __typename id ... on Station { name city } }
              stations { id }
            }
            """, variables: try Self.json(#"{"city": "Oslo"}"#))
        try Self.expect(
            body,
            #"""
            {"data": {
              "oslo": [{"city": "Oslo", "day": 1, "date": "2025-06-02T00:00:00Z", "condition": "RAIN", "high": 23.5, "low": 15.5},
                       {"city": "Oslo", "day": 2, "date": "2025-06-03T00:00:00Z", "condition": "SNOW", "high": 11.5, "low": 3.5}],
              "node": {"__typename": "Station", "id": "station-1", "name": "Blindern", "city": "Oslo"},
              "stations": [{"id": "station-1"}, {"id": "station-2"}]}}
            """#)

        let (_, tooLong) = try await weather.post(#"{ forecast(city: "Oslo", days: 10) { day } }"#)
        #expect(tooLong["data"] == .null)
        #expect(tooLong["errors"]?.arrayValue?.first?["path"] == .array([.string("forecast")]))

        let (_, introspection) = try await weather.post(IntrospectionQuery.text)
        let schema = try #require(introspection["data"]?["__schema"])
        #expect(schema["mutationType"] == .null)
        let query = schema["types"]?.arrayValue?.first { $0["name"] == .string("Query") }
        let forecast = query?["fields"]?.arrayValue?.first { $0["name"] == .string("forecast") }
        let days = forecast?["args"]?.arrayValue?.first { $0["name"] == .string("days") }
        #expect(days?["defaultValue"] == .string("3"))
        let weatherTypes = Set(schema["types"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [])
        let (_, libraryIntrospection) = try await library.post(IntrospectionQuery.text)
        let libraryTypes = Set(
            libraryIntrospection["data"]?["__schema"]?["types"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
                ?? [])
        let shared = weatherTypes.intersection(libraryTypes).filter { !$0.hasPrefix("__") }
        #expect(shared == ["Query", "Node", "DateTime", "Header", "ID", "String", "Int", "Boolean"])
    }

    @Test("a delay, settable while the server runs, holds each answer back")
    func delay() async throws {
        let server = try await RemoteGraphQLServer.start(delay: .milliseconds(300))
        defer { server.stop() }
        let clock = ContinuousClock()
        let slow = try await clock.measure { _ = try await server.post("{ hello }") }
        #expect(slow >= .milliseconds(300))

        server.delay = .zero
        let (_, body) = try await server.post("{ hello }")
        try Self.expect(body, #"{"data": {"hello": "Hello from library!"}}"#)
        #expect(server.requests.count == 2)
    }

    @Test("the SDL of each kind")
    func sdl() throws {
        let library = try RemoteGraphQLServer.sdl(of: .library)
        #expect(library.contains("addBook(input: BookInput!): Book!"))
        let weather = try RemoteGraphQLServer.sdl(of: .weather)
        #expect(weather.contains("type Station implements Node {"))
        #expect(!weather.contains("Mutation"))
    }
}

extension Array {
    /// The single element, or nil when there are none or several.
    fileprivate var only: Element? { count == 1 ? first : nil }
}
