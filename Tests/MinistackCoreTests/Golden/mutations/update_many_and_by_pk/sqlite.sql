UPDATE "article" AS "_t0" SET "views" = ? WHERE ("_t0"."id" = ?) RETURNING json_object('id', "id", 'author_id', "author_id", 'title', "title", 'body', "body", 'published', CASE WHEN "published" IS NULL THEN NULL WHEN "published" THEN json('true') ELSE json('false') END, 'views', "views", 'published_at', "published_at", 'metadata', json("metadata"))
-- $1: literal 0 as bigint
-- $2: literal 1 as Int
UPDATE "article" AS "_t0" SET "views" = "_t0"."views" + ? WHERE ("_t0"."views" = ?) RETURNING json_object('id', "id", 'author_id', "author_id", 'title', "title", 'body', "body", 'published', CASE WHEN "published" IS NULL THEN NULL WHEN "published" THEN json('true') ELSE json('false') END, 'views', "views", 'published_at', "published_at", 'metadata', json("metadata"))
-- $1: literal 2 as bigint
-- $2: literal 0 as bigint
UPDATE "tag" AS "_t0" SET "name" = ? WHERE (("_t0"."id" = ?)) RETURNING json_object('id', "id", 'name', "name")
-- $1: literal "cooking" as String
-- $2: literal 3 as Int
