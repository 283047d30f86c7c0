SELECT (SELECT json_group_array(json("_r1"."_j")) FROM (SELECT json_object('id', "_t2"."id") AS "_j" FROM "author" AS "_t2" WHERE (NOT (("_t2"."is_active" = ?) OR (1 = 1) OR (1 = 0)))) AS "_r1") AS "r0"
-- $1: literal false as Boolean
