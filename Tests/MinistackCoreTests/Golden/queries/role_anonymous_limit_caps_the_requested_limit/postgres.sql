SELECT ((SELECT coalesce(json_agg("_r1"."_j"), '[]') FROM (SELECT json_build_object('id', "_t2"."id") AS "_j" FROM "public"."article" AS "_t2" WHERE ("_t2"."published" = $1::boolean) LIMIT LEAST($2::integer, 3)) AS "_r1"))::text AS "r0", ((SELECT coalesce(json_agg("_r3"."_j"), '[]') FROM (SELECT json_build_object('articles', (SELECT coalesce(json_agg("_r5"."_j"), '[]') FROM (SELECT json_build_object('title', "_t6"."title") AS "_j" FROM "public"."article" AS "_t6" WHERE "_t6"."author_id" = "_t4"."id" AND ("_t6"."published" = $3::boolean) LIMIT 3) AS "_r5")) AS "_j" FROM "public"."author" AS "_t4") AS "_r3"))::text AS "r1"
-- $1: literal true as Boolean
-- $2: literal 10 as Int
-- $3: literal true as Boolean
