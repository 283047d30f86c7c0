SELECT ((SELECT coalesce(json_agg("_r1"."_j"), '[]') FROM (SELECT json_build_object('id', "_t2"."id", 'body', CASE WHEN ("_t2"."author_id" = $1::integer) THEN "_t2"."body" ELSE NULL END) AS "_j" FROM "public"."article" AS "_t2" WHERE (("_t2"."published" = $2::boolean) OR ("_t2"."author_id" = $3::integer))) AS "_r1"))::text AS "r0"
-- $1: session x-hasura-user-id as Int
-- $2: literal true as Boolean
-- $3: session x-hasura-user-id as Int
