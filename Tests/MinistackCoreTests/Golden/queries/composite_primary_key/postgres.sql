SELECT ((SELECT json_build_object('article', (SELECT json_build_object('title', "_t2"."title") FROM "public"."article" AS "_t2" WHERE "_t2"."id" = "_t1"."article_id" LIMIT 1), 'tag', (SELECT json_build_object('name', "_t3"."name") FROM "public"."tag" AS "_t3" WHERE "_t3"."id" = "_t1"."tag_id" LIMIT 1)) FROM "public"."article_tag" AS "_t1" WHERE (("_t1"."article_id" = $1::integer) AND ("_t1"."tag_id" = $2::integer)) LIMIT 1))::text AS "r0"
-- $1: literal 1 as Int
-- $2: literal 2 as Int
