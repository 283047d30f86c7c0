DELETE FROM "comment" AS "_t0" WHERE ("_t0"."author_id" IS NULL) RETURNING json_object('id', "id", 'article_id', "article_id", 'author_id', "author_id", 'body', "body", 'created_at', "created_at")
DELETE FROM "article_tag" AS "_t0" WHERE (("_t0"."article_id" = ?) AND ("_t0"."tag_id" = ?)) RETURNING json_object('article_id', "article_id", 'tag_id', "tag_id")
-- $1: literal 1 as Int
-- $2: literal 2 as Int
