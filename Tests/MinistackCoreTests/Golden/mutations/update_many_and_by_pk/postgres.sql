UPDATE "public"."article" AS "_t0" SET "views" = $1::bigint WHERE ("_t0"."id" = $2::integer) RETURNING (json_build_object('id', "id", 'author_id', "author_id", 'title', "title", 'body', "body", 'published', "published", 'views', "views", 'published_at', "published_at", 'metadata', "metadata"))::text
-- $1: literal 0 as bigint
-- $2: literal 1 as Int
UPDATE "public"."article" AS "_t0" SET "views" = "_t0"."views" + $1::bigint WHERE ("_t0"."views" = $2::bigint) RETURNING (json_build_object('id', "id", 'author_id', "author_id", 'title', "title", 'body', "body", 'published', "published", 'views', "views", 'published_at', "published_at", 'metadata', "metadata"))::text
-- $1: literal 2 as bigint
-- $2: literal 0 as bigint
UPDATE "public"."tag" AS "_t0" SET "name" = $1::text WHERE (("_t0"."id" = $2::integer)) RETURNING (json_build_object('id', "id", 'name', "name"))::text
-- $1: literal "cooking" as String
-- $2: literal 3 as Int
