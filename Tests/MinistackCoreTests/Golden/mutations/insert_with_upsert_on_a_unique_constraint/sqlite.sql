INSERT INTO "tag" AS "_t0" ("name") VALUES (?) ON CONFLICT ("name") DO UPDATE SET "name" = EXCLUDED."name" WHERE ("_t0"."id" > ?) RETURNING json_object('id', "id", 'name', "name")
-- $1: literal "swift" as String
-- $2: literal 2 as Int
