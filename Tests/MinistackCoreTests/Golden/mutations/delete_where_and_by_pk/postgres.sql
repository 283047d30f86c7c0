DELETE FROM "public"."comment" AS "_t0" WHERE ("_t0"."author_id" IS NULL) RETURNING (json_build_object('id', "id", 'article_id', "article_id", 'author_id', "author_id", 'body', "body", 'created_at', "created_at"))::text
DELETE FROM "public"."article_tag" AS "_t0" WHERE (("_t0"."article_id" = $1::integer) AND ("_t0"."tag_id" = $2::integer)) RETURNING (json_build_object('article_id', "article_id", 'tag_id', "tag_id"))::text
-- $1: literal 1 as Int
-- $2: literal 2 as Int
