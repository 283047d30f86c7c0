INSERT INTO "public"."tag" AS "_t0" ("name") VALUES ($1::text) ON CONFLICT ON CONSTRAINT "tag_pkey" DO NOTHING RETURNING (json_build_object('id', "id", 'name', "name"))::text
-- $1: literal "swift" as String
