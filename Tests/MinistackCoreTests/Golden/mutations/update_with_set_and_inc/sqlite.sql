UPDATE "author" AS "_t0" SET "bio" = ?, "followers" = "_t0"."followers" + ?, "rating" = "_t0"."rating" + ? WHERE (("_t0"."is_active" = ?) AND EXISTS (SELECT 1 FROM "article" AS "_t1" WHERE "_t1"."author_id" = "_t0"."id" AND ("_t1"."published" = ?))) RETURNING json_object('id', "id", 'name', "name", 'email', "email", 'bio', "bio", 'rating', "rating", 'is_active', CASE WHEN "is_active" IS NULL THEN NULL WHEN "is_active" THEN json('true') ELSE json('false') END, 'born', "born", 'created_at', "created_at", 'profile', json("profile"), 'followers', "followers", 'score', json(ministack_float("score")), 'external_id', "external_id")
-- $1: literal "updated" as String
-- $2: literal 1 as bigint
-- $3: literal 0.5 as numeric
-- $4: literal true as Boolean
-- $5: literal true as Boolean
