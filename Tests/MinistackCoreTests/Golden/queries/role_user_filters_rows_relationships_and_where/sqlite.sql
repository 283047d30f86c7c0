SELECT (SELECT json_group_array(json("_r1"."_j")) FROM (SELECT json_object('id', "_t2"."id", 'author', json((SELECT json_object('name', "_t5"."name") FROM "author" AS "_t5" WHERE "_t5"."id" = "_t2"."author_id" AND ("_t5"."id" = ?) LIMIT 1)), 'comments', json((SELECT json_group_array(json("_r6"."_j")) FROM (SELECT json_object('body', "_t7"."body") AS "_j" FROM "comment" AS "_t7" WHERE "_t7"."article_id" = "_t2"."id" AND EXISTS (SELECT 1 FROM "article" AS "_t8" WHERE "_t8"."id" = "_t7"."article_id" AND ("_t8"."author_id" = ?))) AS "_r6"))) AS "_j", (SELECT "_t9"."name" FROM "author" AS "_t9" WHERE "_t9"."id" = "_t2"."author_id" AND ("_t9"."id" = ?) LIMIT 1) AS "_o0" FROM "article" AS "_t2" WHERE EXISTS (SELECT 1 FROM "comment" AS "_t3" WHERE "_t3"."article_id" = "_t2"."id" AND ((lower("_t3"."body") LIKE lower(?) ESCAPE '\') AND EXISTS (SELECT 1 FROM "article" AS "_t4" WHERE "_t4"."id" = "_t3"."article_id" AND ("_t4"."author_id" = ?)))) AND ("_t2"."author_id" = ?) ORDER BY "_o0" ASC NULLS LAST) AS "_r1") AS "r0"
-- $1: session x-hasura-user-id as Int
-- $2: session x-hasura-user-id as Int
-- $3: session x-hasura-user-id as Int
-- $4: literal "%a%" as String
-- $5: session x-hasura-user-id as Int
-- $6: session x-hasura-user-id as Int
