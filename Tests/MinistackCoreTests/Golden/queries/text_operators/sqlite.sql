SELECT (SELECT json_group_array(json("_r1"."_j")) FROM (SELECT json_object('id', "_t2"."id") AS "_j" FROM "author" AS "_t2" WHERE (("_t2"."name" LIKE ? ESCAPE '\') OR (lower("_t2"."name") NOT LIKE lower(?) ESCAPE '\') OR (ministack_similar("_t2"."name", ?)) OR (ministack_regexp("_t2"."name", ?, 'i')) OR (NOT ministack_regexp("_t2"."email", ?, '')))) AS "_r1") AS "r0"
-- $1: literal "A%" as String
-- $2: literal "%z%" as String
-- $3: literal "(Ada|Grace)%" as String
-- $4: literal "^j" as String
-- $5: literal "example" as String
