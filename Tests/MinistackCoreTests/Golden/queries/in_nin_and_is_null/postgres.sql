SELECT ((SELECT coalesce(json_agg("_r1"."_j"), '[]') FROM (SELECT json_build_object('id', "_t2"."id") AS "_j" FROM "public"."author" AS "_t2" WHERE (("_t2"."id" IN ($1::integer, $2::integer, $3::integer)) AND ("_t2"."email" IS NULL) AND (1 = 1) AND (1 = 0))) AS "_r1"))::text AS "r0"
-- $1: literal 1 as Int
-- $2: literal 2 as Int
-- $3: literal 3 as Int
