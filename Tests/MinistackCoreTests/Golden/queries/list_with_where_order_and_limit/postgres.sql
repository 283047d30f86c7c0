SELECT ((SELECT coalesce(json_agg("_r1"."_j" ORDER BY "_r1"."_o0" ASC NULLS LAST), '[]') FROM (SELECT json_build_object('id', "_t2"."id", 'name', "_t2"."name", 'rating', "_t2"."rating") AS "_j", "_t2"."name" AS "_o0" FROM "public"."author" AS "_t2" WHERE ("_t2"."rating" > $1::numeric) ORDER BY "_o0" ASC NULLS LAST LIMIT $2::integer OFFSET $3::integer) AS "_r1"))::text AS "r0"
-- $1: literal 1 as numeric
-- $2: literal 10 as Int
-- $3: literal 1 as Int
