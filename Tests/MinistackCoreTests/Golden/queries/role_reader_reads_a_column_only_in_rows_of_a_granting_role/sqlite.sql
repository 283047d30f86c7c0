SELECT (SELECT json_group_array(json("_r1"."_j")) FROM (SELECT json_object('id', "_t2"."id", 'body', CASE WHEN ("_t2"."author_id" = ?) THEN "_t2"."body" ELSE NULL END) AS "_j" FROM "article" AS "_t2" WHERE (("_t2"."published" = ?) OR ("_t2"."author_id" = ?))) AS "_r1") AS "r0"
-- $1: session x-hasura-user-id as Int
-- $2: literal true as Boolean
-- $3: session x-hasura-user-id as Int
