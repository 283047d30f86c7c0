INSERT INTO "tag" AS "_t0" DEFAULT VALUES RETURNING json_object('id', "id", 'name', "name")
