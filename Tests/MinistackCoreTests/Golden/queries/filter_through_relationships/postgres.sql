SELECT ((SELECT coalesce(json_agg("_r1"."_j"), '[]') FROM (SELECT json_build_object('id', "_t2"."id") AS "_j" FROM "public"."author" AS "_t2" WHERE ((EXISTS (SELECT 1 FROM "public"."article" AS "_t3" WHERE "_t3"."author_id" = "_t2"."id" AND ("_t3"."published" = $1::boolean)) AND (((SELECT count(*) FROM "public"."article" AS "_t4" WHERE "_t4"."author_id" = "_t2"."id" AND ("_t4"."views" > $2::bigint)) >= $3::integer))) AND EXISTS (SELECT 1 FROM "public"."comment" AS "_t5" WHERE "_t5"."author_id" = "_t2"."id" AND EXISTS (SELECT 1 FROM "public"."article" AS "_t6" WHERE "_t6"."id" = "_t5"."article_id" AND ("_t6"."title" LIKE $4::text))))) AS "_r1"))::text AS "r0"
-- $1: literal true as Boolean
-- $2: literal 10 as bigint
-- $3: literal 2 as Int
-- $4: literal "%Engine%" as String
