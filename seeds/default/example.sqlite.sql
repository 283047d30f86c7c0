-- ministack example project: a small blog (SQLite).
-- Loaded by `ministack serve` into a fresh database, and the fixture of the integration
-- tests. Keep the data section identical to example.postgres.sql. The declared types
-- name the Postgres types so ministack maps each column to the same GraphQL scalar
-- (BIGINT → bigint, NUMERIC → numeric, TIMESTAMPTZ → timestamptz, JSONB → jsonb, …).

CREATE TABLE author (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT UNIQUE,
  bio TEXT,
  rating NUMERIC,
  is_active BOOLEAN NOT NULL DEFAULT true,
  born DATE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  profile JSONB,
  followers BIGINT NOT NULL DEFAULT 0,
  score DOUBLE PRECISION,
  external_id UUID NOT NULL UNIQUE
);

CREATE TABLE article (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES author (id),
  title TEXT NOT NULL,
  body TEXT,
  published BOOLEAN NOT NULL DEFAULT false,
  views BIGINT NOT NULL DEFAULT 0,
  published_at TIMESTAMPTZ,
  metadata JSONB
);

CREATE TABLE tag (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE article_tag (
  article_id INTEGER NOT NULL REFERENCES article (id),
  tag_id INTEGER NOT NULL REFERENCES tag (id),
  PRIMARY KEY (article_id, tag_id)
);

CREATE TABLE comment (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES article (id),
  author_id INTEGER REFERENCES author (id),
  body TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Data: identical in example.sqlite.sql and example.postgres.sql.
-- Timestamps are written as Postgres prints them in UTC (6 fractional digits, none
-- ending in 0, so Postgres never shortens them); jsonb keys are written in jsonb's own
-- order (shorter keys first) so both databases return the same text.

INSERT INTO author (id, name, email, bio, rating, is_active, born, created_at, profile, followers, score, external_id) VALUES
  (1, 'Ada Lovelace', 'ada@example.com', 'Wrote the first program.', 4.5, true, '1815-12-10', '2024-01-02T03:04:05.123456+00:00', '{"tags": ["math", "poetry"], "social": {"github": "ada", "twitter": null}}', 9007199254740993, 98.5, 'c0a80101-0000-4000-8000-000000000001'),
  (2, 'José Álvarez', 'jose@example.com', 'Escribe sobre café y código.', -1.25, true, '1990-05-17', '2024-02-03T04:05:06.234567+00:00', '{"lang": "es", "levels": [1, 2, 3]}', 1500, -3.5, 'c0a80101-0000-4000-8000-000000000002'),
  (3, '山田 太郎', NULL, '日本のエンジニア', 3.75, false, NULL, '2024-03-04T05:06:07.345671+00:00', '{"lang": "ja", "address": {"zip": "100-0001", "city": "東京"}}', 0, 0.25, 'c0a80101-0000-4000-8000-000000000003'),
  (4, 'Brian O''Brien', 'obrien@example.com', NULL, NULL, true, '1975-03-14', '2024-04-05T06:07:08.456781+00:00', NULL, 42, NULL, 'c0a80101-0000-4000-8000-000000000004'),
  (5, 'Grace Hopper', 'grace@example.com', '100% debugging_expert', 5, false, '1906-12-09', '2024-05-06T07:08:09.567891+00:00', '{"tags": [], "awards": [{"name": "National Medal of Technology", "year": 1991}]}', 123456, 72.125, 'c0a80101-0000-4000-8000-000000000005'),
  (6, 'Zoe Quiet', NULL, NULL, NULL, true, NULL, '2024-06-07T08:09:10.678901+00:00', NULL, 0, NULL, 'c0a80101-0000-4000-8000-000000000006');

INSERT INTO article (id, author_id, title, body, published, views, published_at, metadata) VALUES
  (1, 1, 'Notes on the Analytical Engine', 'The engine weaves algebraic patterns.', true, 100, '2024-01-10T09:00:00.100001+00:00', '{"words": 1200, "topics": ["math", "engines"]}'),
  (2, 1, 'Poetical Science', NULL, true, 100, '2024-01-11T09:00:00.200001+00:00', NULL),
  (3, 1, 'Draft: Bernoulli numbers', 'Work in progress.', false, 0, NULL, '{"draft": true}'),
  (4, 1, '100% Pure_Math', 'Contains % and _ characters.', true, 250, '2024-01-12T09:00:00.300001+00:00', '{"words": 300, "source": {"url": "https://example.com/pure", "pages": [1, 2]}, "topics": ["math", "programming"]}'),
  (5, 2, 'Café con leche', 'Una historia del café.', true, 100, '2024-02-10T10:30:00.400001+00:00', '{"lang": "es"}'),
  (6, 2, 'Programación en Swift', NULL, false, 0, NULL, NULL),
  (7, 2, 'It''s a quote', 'He said ''hello''.', true, 5000, '2024-02-12T10:30:00.500001+00:00', NULL),
  (8, 3, '日本語の記事', 'こんにちは世界', true, 250, '2024-03-10T11:45:00.600001+00:00', '{"lang": "ja", "words": 800}'),
  (9, 3, '東京ガイド', 'Where to eat in Tokyo.', false, 0, NULL, '{"tags": ["旅行"], "rating": {"avg": 4.5, "count": 2}}'),
  (10, 4, 'O''Brien''s Irish Stew', 'Potatoes, lamb, patience.', true, 42, '2024-04-10T12:00:00.700001+00:00', NULL),
  (11, 5, 'COBOL Forever', 'Common business-oriented language.', true, 100, '2024-05-10T13:15:00.800001+00:00', '{"words": 50, "nested": {"deep": {"level": 3}}}'),
  (12, 5, 'The first bug', NULL, false, 7, NULL, NULL);

INSERT INTO tag (id, name) VALUES
  (1, 'math'),
  (2, 'programming'),
  (3, 'food'),
  (4, 'travel'),
  (5, 'history');

INSERT INTO article_tag (article_id, tag_id) VALUES
  (1, 1),
  (1, 2),
  (2, 1),
  (3, 1),
  (4, 1),
  (4, 2),
  (5, 3),
  (6, 2),
  (8, 4),
  (9, 3),
  (9, 4),
  (11, 2);

INSERT INTO comment (id, article_id, author_id, body, created_at) VALUES
  (1, 1, 2, 'Brilliant!', '2024-01-10T12:00:00.000001+00:00'),
  (2, 1, 3, '素晴らしい', '2024-01-10T13:00:00.000002+00:00'),
  (3, 1, NULL, 'Anonymous says hi', '2024-01-10T14:00:00.000003+00:00'),
  (4, 1, 5, 'I''d like more details', '2024-01-11T08:00:00.000004+00:00'),
  (5, 2, 1, 'Thanks for reading', '2024-01-12T08:00:00.000005+00:00'),
  (6, 4, 2, '100% agree_with this', '2024-01-13T08:00:00.000006+00:00'),
  (7, 4, NULL, '¿Qué?', '2024-01-13T09:00:00.000007+00:00'),
  (8, 5, 1, 'Love café', '2024-02-11T08:00:00.000008+00:00'),
  (9, 5, 4, 'Needs more milk', '2024-02-11T09:00:00.000009+00:00'),
  (10, 7, 5, 'It''s fine', '2024-02-13T08:00:00.000011+00:00'),
  (11, 8, 2, '日本語が上手ですね', '2024-03-11T08:00:00.000012+00:00'),
  (12, 8, 3, 'ありがとう', '2024-03-11T09:00:00.000013+00:00'),
  (13, 10, 1, 'Delicious', '2024-04-11T08:00:00.000014+00:00'),
  (14, 11, 4, 'COBOL lives', '2024-05-11T08:00:00.000015+00:00'),
  (15, 11, NULL, 'anonymous again', '2024-05-11T09:00:00.000016+00:00');
