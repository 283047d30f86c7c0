SELECT (SELECT json_object('id', "_t1"."id", 'name', "_t1"."name", 'created_at', "_t1"."created_at", 'profile', json("_t1"."profile")) FROM "author" AS "_t1" WHERE (("_t1"."id" = ?)) LIMIT 1) AS "r0"
-- $1: variable $id as Int
