import Foundation
import GraphQL
import OrderedCollections
import Synchronization

/// The `library` remote schema: books and authors, in memory, seeded on every start.
///
/// ```graphql
/// type Query {
///   hello: String!                                   # "Hello from <name>!"
///   book(id: ID!): Book
///   books(genre: Genre, first: Int): [Book!]!         # seed order, then added books
///   search(text: String!): [SearchResult!]!           # books by title, then authors by name
///   node(id: ID!): Node
///   now: DateTime!                                    # always 2025-06-01T12:00:00Z
///   failing: String                                   # always an error, code FAILING
///   partialBooks: [Book]                              # book-1..3; book-2's published errors
///   brokenBooks: [Book!]                              # book-1..3; book-2's title errors: null
///   echoHeaders: [Header!]!
/// }
/// type Mutation { addBook(input: BookInput!): Book! }
/// ```
///
/// Seed: authors `author-1` Ursula K. Le Guin, `author-2` Carl Sagan, `author-3` Mary Beard;
/// books `book-1` A Wizard of Earthsea (FICTION, Le Guin), `book-2` The Left Hand of Darkness
/// (FICTION, Le Guin), `book-3` Cosmos (SCIENCE, Sagan), `book-4` SPQR (HISTORY, Beard, no
/// `published`). Added books get ids `book-5`, `book-6`, … in the order the mutations run.
///
/// GraphQLSwift 4.3.0 cannot answer a list with a null item (the response becomes one error,
/// "GraphQL.MapError error 0"), so no field here makes one; `RemoteGraphQLServer.answerNext`
/// serves such a body when a test needs it.
enum RemoteLibrarySchema {
    struct Book: Sendable {
        var id: String
        var title: String
        var genre: String
        var authorID: String
        var tags: [String]
        var published: Date?
        /// Fields whose resolving fails, with the error message (for `partialBooks` and `brokenBooks`).
        var failures: [String: String] = [:]
    }

    struct Author: Sendable {
        var id: String
        var name: String
    }

    struct Shelf: Sendable {
        var books: [Book]
        var authors: [Author]

        func book(_ id: String) -> Book? { books.first { $0.id == id } }
        func author(_ id: String) -> Author? { authors.first { $0.id == id } }
    }

    /// The shelf of one server, shared by its resolvers.
    final class Store: Sendable {
        let shelf = Mutex(seed)
    }

    static let seed = Shelf(
        books: [
            Book(
                id: "book-1", title: "A Wizard of Earthsea", genre: "FICTION", authorID: "author-1",
                tags: ["fantasy", "classic"], published: RemoteSchemaParts.date("1968-11-01T00:00:00Z")),
            Book(
                id: "book-2", title: "The Left Hand of Darkness", genre: "FICTION", authorID: "author-1",
                tags: ["science fiction"], published: RemoteSchemaParts.date("1969-03-01T00:00:00Z")),
            Book(
                id: "book-3", title: "Cosmos", genre: "SCIENCE", authorID: "author-2", tags: ["astronomy"],
                published: RemoteSchemaParts.date("1980-10-12T00:00:00Z")),
            Book(id: "book-4", title: "SPQR", genre: "HISTORY", authorID: "author-3", tags: ["rome"], published: nil),
        ],
        authors: [
            Author(id: "author-1", name: "Ursula K. Le Guin"), Author(id: "author-2", name: "Carl Sagan"),
            Author(id: "author-3", name: "Mary Beard"),
        ])

    static let now = RemoteSchemaParts.date("2025-06-01T12:00:00Z")

    static func make(name: String) throws -> GraphQLSchema {
        let store = Store()
        let dateTime = try RemoteSchemaParts.dateTime()
        let header = try RemoteSchemaParts.header()
        let genre = try GraphQLEnumType(
            name: "Genre",
            values: [
                "FICTION": GraphQLEnumValue(value: "FICTION"),
                "SCIENCE": GraphQLEnumValue(value: "SCIENCE"),
                "HISTORY": GraphQLEnumValue(value: "HISTORY", description: "Also biography."),
            ])
        let node = try RemoteSchemaParts.node { value in
            switch value {
            case is Book: "Book"
            case is Author: "Author"
            default: nil
            }
        }
        let book = try GraphQLObjectType(name: "Book", description: "A book on the shelf.", interfaces: [node])
        let author = try GraphQLObjectType(name: "Author", interfaces: [node])
        book.fields = {
            [
                "id": field(GraphQLNonNull(GraphQLID)) { source, _, _, _ in try cast(source, Book.self).id },
                "title": field(GraphQLNonNull(GraphQLString)) { source, _, _, info in
                    try unlessFailing(source, info).title
                },
                "genre": field(GraphQLNonNull(genre)) { source, _, _, _ in try cast(source, Book.self).genre },
                "author": field(GraphQLNonNull(author)) { source, _, _, _ in
                    let id = try cast(source, Book.self).authorID
                    return store.shelf.withLock { $0.author(id) }
                },
                "tags": field(GraphQLNonNull(GraphQLList(GraphQLNonNull(GraphQLString)))) { source, _, _, _ in
                    RemoteSchemaParts.list(try cast(source, Book.self).tags)
                },
                "published": field(dateTime, description: "When it was first published, if known.") {
                    source, _, _, info in try unlessFailing(source, info).published
                },
            ]
        }
        author.fields = {
            [
                "id": field(GraphQLNonNull(GraphQLID)) { source, _, _, _ in try cast(source, Author.self).id },
                "name": field(GraphQLNonNull(GraphQLString)) { source, _, _, _ in try cast(source, Author.self).name },
                "books": field(GraphQLNonNull(GraphQLList(GraphQLNonNull(book)))) { source, _, _, _ in
                    let id = try cast(source, Author.self).id
                    return RemoteSchemaParts.list(store.shelf.withLock { $0.books.filter { $0.authorID == id } })
                },
            ]
        }
        let searchResult = try GraphQLUnionType(
            name: "SearchResult",
            resolveType: { value, _ in
                guard value is Book || value is Author else { throw RemoteFieldError("not a SearchResult: \(value)") }
                return value is Book ? "Book" : "Author"
            },
            types: [book, author])
        let authorInput = try GraphQLInputObjectType(
            name: "AuthorInput", fields: ["name": InputObjectField(type: GraphQLNonNull(GraphQLString))])
        let bookInput = try GraphQLInputObjectType(
            name: "BookInput",
            description: "A new book, by an author on the shelf (`authorId`) or a new one (`newAuthor`).",
            fields: [
                "title": InputObjectField(type: GraphQLNonNull(GraphQLString)),
                "genre": InputObjectField(type: GraphQLNonNull(genre)),
                "tags": InputObjectField(type: GraphQLList(GraphQLNonNull(GraphQLString))),
                "published": InputObjectField(type: dateTime),
                "authorId": InputObjectField(type: GraphQLID),
                "newAuthor": InputObjectField(type: authorInput),
            ])

        let query = try GraphQLObjectType(
            name: "Query",
            fields: [
                "hello": field(GraphQLNonNull(GraphQLString)) { _, _, _, _ in "Hello from \(name)!" },
                "book": field(book, args: ["id": GraphQLArgument(type: GraphQLNonNull(GraphQLID))]) {
                    _, args, _, _ in
                    let id = args["id"].string ?? ""
                    return store.shelf.withLock { $0.book(id) }
                },
                "books": field(
                    GraphQLNonNull(GraphQLList(GraphQLNonNull(book))),
                    description: "The books in shelf order, of one genre if given, at most `first` if given.",
                    args: ["genre": GraphQLArgument(type: genre), "first": GraphQLArgument(type: GraphQLInt)]
                ) { _, args, _, info in
                    var books = store.shelf.withLock { $0.books }
                    if let genre = args["genre"].string { books = books.filter { $0.genre == genre } }
                    if let first = args["first"].int {
                        guard first >= 0 else {
                            throw RemoteSchemaParts.fieldError("first must not be negative", code: "BAD_ARGUMENT", info)
                        }
                        books = Array(books.prefix(first))
                    }
                    return RemoteSchemaParts.list(books)
                },
                "search": field(
                    GraphQLNonNull(GraphQLList(GraphQLNonNull(searchResult))),
                    description: "Books whose title, then authors whose name, contain the text (any case).",
                    args: ["text": GraphQLArgument(type: GraphQLNonNull(GraphQLString))]
                ) { _, args, _, _ in
                    let text = args["text"].string ?? ""
                    let (books, authors) = store.shelf.withLock { shelf in
                        (
                            shelf.books.filter { $0.title.localizedCaseInsensitiveContains(text) },
                            shelf.authors.filter { $0.name.localizedCaseInsensitiveContains(text) }
                        )
                    }
                    return RemoteSchemaParts.list(books.map { $0 as any Sendable } + authors.map { $0 as any Sendable })
                },
                "node": field(node, args: ["id": GraphQLArgument(type: GraphQLNonNull(GraphQLID))]) {
                    _, args, _, _ in
                    let id = args["id"].string ?? ""
                    return store.shelf.withLock { shelf -> (any Sendable)? in shelf.book(id) ?? shelf.author(id) }
                },
                "now": field(GraphQLNonNull(dateTime), description: "Always 2025-06-01T12:00:00Z.") { _, _, _, _ in
                    now
                },
                "failing": field(GraphQLString, description: "Always fails, with extensions.code FAILING.") {
                    _, _, _, info in
                    throw RemoteSchemaParts.fieldError("failing always fails", code: "FAILING", info)
                },
                "partialBooks": field(
                    GraphQLList(book),
                    description: "book-1, book-2 and book-3, where book-2's published fails: that one is null."
                ) { _, _, _, _ in
                    var books = Array(store.shelf.withLock { $0.books }.prefix(3))
                    books[1].failures["published"] = "the publication date of \(books[1].id) is unavailable"
                    return RemoteSchemaParts.list(books)
                },
                "brokenBooks": field(
                    GraphQLList(GraphQLNonNull(book)),
                    description: "book-1, book-2 and book-3, where book-2's title fails: the whole list is null."
                ) { _, _, _, _ in
                    var books = Array(store.shelf.withLock { $0.books }.prefix(3))
                    books[1].failures["title"] = "the title of \(books[1].id) is unavailable"
                    return RemoteSchemaParts.list(books)
                },
                "echoHeaders": RemoteSchemaParts.echoHeaders(header),
            ])
        let mutation = try GraphQLObjectType(
            name: "Mutation",
            fields: [
                "addBook": field(
                    GraphQLNonNull(book), description: "Adds a book at the end of the shelf.",
                    args: ["input": GraphQLArgument(type: GraphQLNonNull(bookInput))]
                ) { _, args, _, info in
                    let input = args["input"]
                    return try store.shelf.withLock { shelf in
                        let authorID: String
                        if let id = input["authorId"].string {
                            guard shelf.author(id) != nil else {
                                throw RemoteSchemaParts.fieldError("no author has id \(id)", code: "NOT_FOUND", info)
                            }
                            authorID = id
                        } else if let name = input["newAuthor"]["name"].string {
                            authorID = "author-\(shelf.authors.count + 1)"
                            shelf.authors.append(Author(id: authorID, name: name))
                        } else {
                            throw RemoteSchemaParts.fieldError(
                                "addBook needs authorId or newAuthor", code: "BAD_ARGUMENT", info)
                        }
                        let book = Book(
                            id: "book-\(shelf.books.count + 1)", title: input["title"].string ?? "",
                            genre: input["genre"].string ?? "", authorID: authorID,
                            tags: input["tags"].array?.compactMap(\.string) ?? [],
                            published: input["published"].string.flatMap(RemoteSchemaParts.parseDate))
                        shelf.books.append(book)
                        return book
                    }
                }
            ])
        return try GraphQLSchema(query: query, mutation: mutation, types: [book, author])
    }

    private static func field(
        _ type: any GraphQLOutputType, description: String? = nil, args: GraphQLArgumentConfigMap = [:],
        resolve: @escaping GraphQLFieldResolve
    ) -> GraphQLField {
        RemoteSchemaParts.field(type, description: description, args: args, resolve: resolve)
    }

    /// The book, or the error of the field being resolved when the book lists it as failing.
    private static func unlessFailing(_ source: any Sendable, _ info: GraphQLResolveInfo) throws -> Book {
        let book = try cast(source, Book.self)
        if let message = book.failures[info.fieldName] {
            throw RemoteSchemaParts.fieldError(message, code: "UNAVAILABLE", info)
        }
        return book
    }

    private static func cast<T>(_ source: any Sendable, _ type: T.Type) throws -> T {
        guard let value = source as? T else { throw RemoteFieldError("expected a \(T.self), got \(source)") }
        return value
    }
}
