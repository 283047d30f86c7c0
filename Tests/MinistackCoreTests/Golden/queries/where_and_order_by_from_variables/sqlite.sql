SELECT (SELECT json_group_array(json("_r1"."_j")) FROM (SELECT json_object('id', "_t2"."id") AS "_j", "_t2"."id" AS "_o0" FROM "author" AS "_t2" WHERE ((lower("_t2"."name") LIKE lower(?) ESCAPE '\') AND ("_t2"."followers" >= ?)) ORDER BY "_o0" DESC NULLS FIRST LIMIT ?) AS "_r1") AS "r0"
-- $1: variable $where.name._ilike as String
-- $2: variable $where.followers._gte as bigint
-- $3: variable $limit as Int
