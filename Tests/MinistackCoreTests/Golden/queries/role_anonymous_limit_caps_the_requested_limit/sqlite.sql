SELECT (SELECT json_group_array(json("_r1"."_j")) FROM (SELECT json_object('id', "_t2"."id") AS "_j" FROM "article" AS "_t2" WHERE ("_t2"."published" = ?) LIMIT min(?, 3)) AS "_r1") AS "r0", (SELECT json_group_array(json("_r3"."_j")) FROM (SELECT json_object('articles', json((SELECT json_group_array(json("_r5"."_j")) FROM (SELECT json_object('title', "_t6"."title") AS "_j" FROM "article" AS "_t6" WHERE "_t6"."author_id" = "_t4"."id" AND ("_t6"."published" = ?) LIMIT 3) AS "_r5"))) AS "_j" FROM "author" AS "_t4") AS "_r3") AS "r1"
-- $1: literal true as Boolean
-- $2: literal 10 as Int
-- $3: literal true as Boolean
