SELECT ((SELECT json_build_object('id', "_t1"."id", 'name', "_t1"."name", 'created_at', "_t1"."created_at", 'profile', "_t1"."profile") FROM "public"."author" AS "_t1" WHERE (("_t1"."id" = $1::integer)) LIMIT 1))::text AS "r0"
-- $1: variable $id as Int
