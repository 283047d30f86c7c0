SELECT ((SELECT coalesce(json_agg("_r1"."_j"), '[]') FROM (SELECT json_build_object('id', "_t2"."id") AS "_j" FROM "public"."author" AS "_t2" WHERE (("_t2"."name" LIKE $1::text) OR ("_t2"."name" NOT ILIKE $2::text) OR ("_t2"."name" SIMILAR TO $3::text) OR ("_t2"."name" ~* $4::text) OR ("_t2"."email" !~ $5::text))) AS "_r1"))::text AS "r0"
-- $1: literal "A%" as String
-- $2: literal "%z%" as String
-- $3: literal "(Ada|Grace)%" as String
-- $4: literal "^j" as String
-- $5: literal "example" as String
