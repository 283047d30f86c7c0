SELECT (SELECT json_group_array(json("_r1"."_j")) FROM (SELECT json_object('id', "_t2"."id") AS "_j" FROM "author" AS "_t2" WHERE (("_t2"."id" IN (?, ?, ?)) AND ("_t2"."email" IS NULL) AND (1 = 1) AND (1 = 0))) AS "_r1") AS "r0"
-- $1: literal 1 as Int
-- $2: literal 2 as Int
-- $3: literal 3 as Int
