SELECT ((SELECT coalesce(json_agg("_r1"."_j" ORDER BY "_r1"."_o0" DESC NULLS FIRST), '[]') FROM (SELECT json_build_object('id', "_t2"."id") AS "_j", "_t2"."id" AS "_o0" FROM "public"."author" AS "_t2" WHERE (("_t2"."name" ILIKE $1::text) AND ("_t2"."followers" >= $2::bigint)) ORDER BY "_o0" DESC NULLS FIRST LIMIT $3::integer) AS "_r1"))::text AS "r0"
-- $1: variable $where.name._ilike as String
-- $2: variable $where.followers._gte as bigint
-- $3: variable $limit as Int
