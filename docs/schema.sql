-- kabar store schema, version 1 (PRAGMA user_version = 1).
--
-- For readers: this is the schema src/store.c creates, written out in one
-- place. The source of truth is the migrations[] array in src/store.c; every
-- change there appends a step and is mirrored here. See docs/internals/store.md.
--
-- Connection settings (every open): journal_mode=WAL, synchronous=NORMAL,
-- foreign_keys=ON, busy_timeout=5000 ms. articles_fts needs the "kabar"
-- FTS5 tokenizer, which only kabar registers: the sqlite3 shell can read every
-- other table but cannot query or write articles_fts.

-- One row per story (a cluster of articles about one event).
CREATE TABLE stories (
  id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))  -- last article added
);

-- One row per article url ever ingested: canonical articles and their copies.
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  url TEXT UNIQUE NOT NULL,              -- the rerun/idempotence key
  site TEXT,                             -- outlet; the url's host when the input had none
  title TEXT,                            -- as given, or derived by ingest from the text
  published TEXT,                        -- 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM:SS' (date.h), NULL if unknown
  day INTEGER,                           -- days since 1970-01-01 of published, NULL if undated
  lang TEXT,                             -- declared language, NULL if unknown
  origin TEXT,                           -- 'FILE:LINE' it was read from
  text TEXT NOT NULL,                    -- body as read
  clean TEXT NOT NULL,                   -- body after clean.h, one paragraph per line
  hash TEXT NOT NULL,                    -- dedup.h hash of clean (32 hex digits)
  duplicate_of INTEGER REFERENCES articles(id),  -- canonical article when this is a copy
  story_id INTEGER REFERENCES stories(id),       -- NULL until clustered
  added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
-- one canonical article per content; copies share its hash
CREATE UNIQUE INDEX articles_canonical_hash ON articles(hash) WHERE duplicate_of IS NULL;
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_day ON articles(day);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;

-- Term counts of each canonical article (clustering input), one compact blob
-- per article: repeated { LEB128 byte length, term bytes, LEB128 count }.
-- Terms are folded + stemmed, stopwords dropped (terms.h), at most 64 bytes.
CREATE TABLE article_terms (
  article_id INTEGER PRIMARY KEY REFERENCES articles(id),
  terms BLOB NOT NULL
);

-- Document frequency of each term over the rows of article_terms.
CREATE TABLE term_df (
  term TEXT PRIMARY KEY,
  df INTEGER NOT NULL
) WITHOUT ROWID;

-- Small named values: 'n_docs' = rows of article_terms counted into term_df;
-- 'stemmer' = the fingerprint of the stemmer and term rules that built
-- articles_fts and article_terms (stem_fingerprint() + ' terms/'
-- STORE_TERMS_VERSION), written by kabar's first write open, not by the
-- migration; a write open with another stemmer rebuilds both.
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value
) WITHOUT ROWID;
INSERT INTO meta(key, value) VALUES ('n_docs', 0);

-- What the search index holds: canonical articles only.
CREATE VIEW articles_canonical AS
  SELECT id, title, clean FROM articles WHERE duplicate_of IS NULL;

-- Full-text index, external content (the text lives once, in articles).
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, clean, content='articles_canonical', content_rowid='id', tokenize='kabar'
);
