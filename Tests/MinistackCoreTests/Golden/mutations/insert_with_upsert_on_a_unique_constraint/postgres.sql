INSERT INTO "public"."tag" AS "_t0" ("name") VALUES ($1::text) ON CONFLICT ON CONSTRAINT "tag_name_key" DO UPDATE SET "name" = EXCLUDED."name" WHERE ("_t0"."id" > $2::integer) RETURNING (json_build_object('id', "id", 'name', "name"))::text
-- $1: literal "swift" as String
-- $2: literal 2 as Int
