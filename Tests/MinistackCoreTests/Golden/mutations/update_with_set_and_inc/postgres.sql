UPDATE "public"."author" AS "_t0" SET "bio" = $1::text, "followers" = "_t0"."followers" + $2::bigint, "rating" = "_t0"."rating" + $3::numeric WHERE (("_t0"."is_active" = $4::boolean) AND EXISTS (SELECT 1 FROM "public"."article" AS "_t1" WHERE "_t1"."author_id" = "_t0"."id" AND ("_t1"."published" = $5::boolean))) RETURNING (json_build_object('id', "id", 'name', "name", 'email', "email", 'bio', "bio", 'rating', "rating", 'is_active', "is_active", 'born', "born", 'created_at', "created_at", 'profile', "profile", 'followers', "followers", 'score', "score", 'external_id', "external_id"))::text
-- $1: literal "updated" as String
-- $2: literal 1 as bigint
-- $3: literal 0.5 as numeric
-- $4: literal true as Boolean
-- $5: literal true as Boolean
