SELECT ((SELECT coalesce(json_agg("_r1"."_j"), '[]') FROM (SELECT json_build_object('id', "_t2"."id") AS "_j" FROM "public"."author" AS "_t2" WHERE (NOT (("_t2"."is_active" = $1::boolean) OR (1 = 1) OR (1 = 0)))) AS "_r1"))::text AS "r0"
-- $1: literal false as Boolean
