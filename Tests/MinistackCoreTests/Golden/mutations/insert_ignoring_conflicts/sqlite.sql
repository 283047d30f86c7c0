INSERT INTO "tag" AS "_t0" ("name") VALUES (?) ON CONFLICT ("id") DO NOTHING RETURNING json_object('id', "id", 'name', "name")
-- $1: literal "swift" as String
