INSERT INTO "public"."tag" AS "_t0" DEFAULT VALUES RETURNING (json_build_object('id', "id", 'name', "name"))::text
