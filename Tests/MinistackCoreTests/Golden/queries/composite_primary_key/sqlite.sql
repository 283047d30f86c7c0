SELECT (SELECT json_object('article', json((SELECT json_object('title', "_t2"."title") FROM "article" AS "_t2" WHERE "_t2"."id" = "_t1"."article_id" LIMIT 1)), 'tag', json((SELECT json_object('name', "_t3"."name") FROM "tag" AS "_t3" WHERE "_t3"."id" = "_t1"."tag_id" LIMIT 1))) FROM "article_tag" AS "_t1" WHERE (("_t1"."article_id" = ?) AND ("_t1"."tag_id" = ?)) LIMIT 1) AS "r0"
-- $1: literal 1 as Int
-- $2: literal 2 as Int
