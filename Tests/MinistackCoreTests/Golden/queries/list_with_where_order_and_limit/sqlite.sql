SELECT (SELECT json_group_array(json("_r1"."_j")) FROM (SELECT json_object('id', "_t2"."id", 'name', "_t2"."name", 'rating', "_t2"."rating") AS "_j", "_t2"."name" AS "_o0" FROM "author" AS "_t2" WHERE ("_t2"."rating" > ?) ORDER BY "_o0" ASC NULLS LAST LIMIT ? OFFSET ?) AS "_r1") AS "r0"
-- $1: literal 1 as numeric
-- $2: literal 10 as Int
-- $3: literal 1 as Int
