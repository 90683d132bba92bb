/* store.c -- the SQLite store: schema and migrations, articles, clustering
 * state, stories, and the FTS5 index with kabar's own tokenizer.
 *
 * Owns: one sqlite3 connection, its cached prepared statements, the FTS5
 * tokenizer "kabar" registered on that connection, and the document
 * frequencies added by the open transaction (flushed at commit).
 *
 * Invariants (docs/internals/store.md has the full story):
 *   - articles.url is unique; articles.hash is unique among canonical rows
 *     (duplicate_of IS NULL), so a content copy with a new url is stored with
 *     duplicate_of pointing at the canonical row and a rerun adds nothing.
 *   - articles_fts indexes exactly the canonical articles: its content table
 *     is the view articles_canonical, so 'rebuild' and 'integrity-check'
 *     agree with what store_article_put inserts, and search never shows copies.
 *   - term_df and meta.n_docs count the documents whose terms were recorded
 *     by committed transactions. Increments made inside the open transaction
 *     are kept in memory (one upsert per distinct term at commit instead of
 *     one per term per article) and are NOT visible to store_cluster_load,
 *     which is what the clusterer needs: it counts new documents itself.
 *   - Schema changes only through the migrations[] array below, each step in
 *     its own transaction together with the new PRAGMA user_version.
 *   - meta.stemmer names the stemmer (and term rules) that made the FTS
 *     index and article_terms; a write open rebuilds both when the current
 *     one differs, a read open only reports it (store_index_stale).
 *   - A read open (STORE_OPEN_READ) never writes: no create, no migration,
 *     no journal-mode change, PRAGMA query_only, store_begin refused.
 *
 * Every value read with sqlite3_column_* is copied before the statement is
 * stepped or reset again; every statement is reset after use so no read
 * transaction stays open behind the caller's back. */
#include "store.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "buf.h"
#include "mem.h"
#include "stem.h"
#include "terms.h"

/* --- schema ----------------------------------------------------------------- */

/* Each entry moves the schema from version i to i + 1. Never edit a step that
 * has shipped: append a new one. docs/schema.sql shows the result. */
static const char *const migrations[] = {
    /* 1: articles, stories, clustering state, FTS5 index */
    "CREATE TABLE stories ("
    "  id INTEGER PRIMARY KEY,"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ");"
    "CREATE TABLE articles ("
    "  id INTEGER PRIMARY KEY,"
    "  url TEXT UNIQUE NOT NULL,"
    "  site TEXT,"
    "  title TEXT,"
    "  published TEXT,"
    "  day INTEGER,"
    "  lang TEXT,"
    "  origin TEXT,"
    "  text TEXT NOT NULL,"
    "  clean TEXT NOT NULL,"
    "  hash TEXT NOT NULL,"
    "  duplicate_of INTEGER REFERENCES articles(id),"
    "  story_id INTEGER REFERENCES stories(id),"
    "  added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ");"
    "CREATE UNIQUE INDEX articles_canonical_hash ON articles(hash) WHERE duplicate_of IS NULL;"
    "CREATE INDEX articles_story ON articles(story_id);"
    "CREATE INDEX articles_day ON articles(day);"
    "CREATE INDEX articles_duplicate_of ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;"
    "CREATE TABLE article_terms ("
    "  article_id INTEGER PRIMARY KEY REFERENCES articles(id),"
    "  terms BLOB NOT NULL"
    ");"
    "CREATE TABLE term_df ("
    "  term TEXT PRIMARY KEY,"
    "  df INTEGER NOT NULL"
    ") WITHOUT ROWID;"
    "CREATE TABLE meta ("
    "  key TEXT PRIMARY KEY,"
    "  value"
    ") WITHOUT ROWID;"
    "INSERT INTO meta(key, value) VALUES ('n_docs', 0);"
    "CREATE VIEW articles_canonical AS"
    "  SELECT id, title, clean FROM articles WHERE duplicate_of IS NULL;"
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "  title, clean, content='articles_canonical', content_rowid='id', tokenize='kabar'"
    ");",
};

#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))
_Static_assert(N_MIGRATIONS == STORE_SCHEMA_VERSION, "STORE_SCHEMA_VERSION is the last migration");

/* --- cached statements -------------------------------------------------------- */

enum {
    ST_URL_FIND,
    ST_HASH_FIND,
    ST_ART_INSERT,
    ST_FTS_INSERT,
    ST_TERMS_PUT,
    ST_DF_GET,
    ST_DF_ADD,
    ST_META_GET,
    ST_META_ADD,
    ST_META_SET,
    ST_STORY_UPSERT,
    ST_ART_SET_STORY,
    ST_NEXT_STORY,
    ST_ART_STORY,
    ST_DOCS_RANGE,
    ST_DOCS_ALL,
    ST_STORIES_LIST,
    ST_STORY_META,
    ST_STORY_ARTS,
    ST_STORY_ARTS_TEXT,
    ST_ART_CLEAN,
    ST_SEARCH,
    ST_COUNTS,
    ST_COUNT
};

static const char *const sql_text[ST_COUNT] = {
    [ST_URL_FIND] = "SELECT id FROM articles WHERE url = ?1",
    [ST_HASH_FIND] = "SELECT id FROM articles WHERE hash = ?1 AND duplicate_of IS NULL",
    /* day: days since 1970-01-01 of the date part (julianday of a date is
     * N.5, and 2440587.5 is 1970-01-01), NULL when undated or unparsable */
    [ST_ART_INSERT] =
        "INSERT INTO articles(url, site, title, published, day, lang, origin, text, clean, hash,"
        " duplicate_of) VALUES (?1, ?2, ?3, ?4,"
        " CAST(julianday(substr(?4, 1, 10)) - 2440587.5 AS INTEGER), ?5, ?6, ?7, ?8, ?9, ?10)",
    [ST_FTS_INSERT] = "INSERT INTO articles_fts(rowid, title, clean) VALUES (?1, ?2, ?3)",
    [ST_TERMS_PUT] = "INSERT INTO article_terms(article_id, terms) VALUES (?1, ?2)"
                     " ON CONFLICT(article_id) DO NOTHING",
    [ST_DF_GET] = "SELECT df FROM term_df WHERE term = ?1",
    [ST_DF_ADD] = "INSERT INTO term_df(term, df) VALUES (?1, ?2)"
                  " ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
    [ST_META_GET] = "SELECT value FROM meta WHERE key = ?1",
    [ST_META_SET] = "INSERT INTO meta(key, value) VALUES (?1, ?2)"
                    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    [ST_META_ADD] = "INSERT INTO meta(key, value) VALUES (?1, ?2)"
                    " ON CONFLICT(key) DO UPDATE SET value = value + excluded.value",
    [ST_STORY_UPSERT] = "INSERT INTO stories(id) VALUES (?1) ON CONFLICT(id) DO UPDATE SET"
                        " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
    [ST_ART_SET_STORY] = "UPDATE articles SET story_id = ?2 WHERE id = ?1",
    [ST_NEXT_STORY] = "SELECT coalesce(max(id), 0) + 1 FROM stories",
    [ST_ART_STORY] = "SELECT coalesce(c.story_id, a.story_id, 0) FROM articles a"
                     " LEFT JOIN articles c ON c.id = a.duplicate_of WHERE a.id = ?1",
    [ST_DOCS_RANGE] =
        "SELECT a.id, a.story_id, a.day, t.terms FROM articles a"
        " JOIN article_terms t ON t.article_id = a.id"
        " WHERE a.story_id IN (SELECT story_id FROM articles"
        "   WHERE day BETWEEN ?1 AND ?2 AND story_id IS NOT NULL)"
        " ORDER BY a.day IS NULL, a.day, a.id",
    [ST_DOCS_ALL] = "SELECT a.id, a.story_id, a.day, t.terms FROM articles a"
                    " JOIN article_terms t ON t.article_id = a.id"
                    " WHERE a.story_id IS NOT NULL ORDER BY a.day IS NULL, a.day, a.id",
    /* outlets counted by article_outlet, the rule story.c uses too */
    [ST_STORIES_LIST] = "SELECT story_id, count(DISTINCT kabar_outlet(site, url)) AS n_sites,"
                        " max(published) AS last FROM articles WHERE story_id IS NOT NULL"
                        " GROUP BY story_id ORDER BY n_sites DESC, last IS NULL, last DESC,"
                        " story_id DESC LIMIT ?1",
    [ST_STORY_META] = "SELECT id FROM stories WHERE id = ?1",
    /* canonical articles first, each group oldest first, undated last */
    [ST_STORY_ARTS] = "SELECT id, url, site, title, published, coalesce(duplicate_of, 0)"
                      " FROM articles WHERE story_id = ?1 ORDER BY duplicate_of IS NOT NULL,"
                      " published IS NULL, published, id",
    [ST_STORY_ARTS_TEXT] = "SELECT id, url, site, title, published, coalesce(duplicate_of, 0),"
                           " clean FROM articles WHERE story_id = ?1 ORDER BY"
                           " duplicate_of IS NOT NULL, published IS NULL, published, id",
    [ST_ART_CLEAN] = "SELECT clean FROM articles WHERE id = ?1",
    /* title counts twice as much as the body; bm25() is lower-is-better */
    [ST_SEARCH] = "SELECT a.id, coalesce(a.story_id, 0), a.url, a.title, a.site, a.published,"
                  " snippet(articles_fts, -1, '[', ']', '\xe2\x80\xa6', 12),"
                  " bm25(articles_fts, 2.0, 1.0) AS r"
                  " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
                  " WHERE articles_fts MATCH ?1 AND a.duplicate_of IS NULL"
                  " ORDER BY r, a.id LIMIT ?2",
    [ST_COUNTS] = "SELECT (SELECT count(*) FROM articles WHERE duplicate_of IS NULL),"
                  " (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL),"
                  " (SELECT count(*) FROM stories)",
};

/* --- pending document frequencies --------------------------------------------- */

struct dfent {
    char *term;    /* owned; NULL marks an empty slot */
    size_t len;    /* bytes of term */
    uint64_t hash; /* XXH3 of term */
    uint64_t n;    /* documents (or a flag for sets) */
};

/* Open-addressing hash table term -> count, linear probing, power-of-two
 * capacity kept at most half full. */
struct dfmap {
    struct dfent *v; /* owned array of cap slots */
    size_t n;        /* slots in use */
    size_t cap;      /* slots allocated (0 or a power of two) */
};

static void dfmap_release(struct dfmap *m)
{
    size_t i;
    for (i = 0; i < m->cap; i++) free(m->v[i].term);
    free(m->v);
    m->v = NULL;
    m->n = m->cap = 0;
}

static struct dfent *dfmap_slot(struct dfent *v, size_t cap, const char *t, size_t len,
                                uint64_t h)
{
    size_t i = (size_t)h & (cap - 1);
    while (v[i].term && !(v[i].hash == h && v[i].len == len && memcmp(v[i].term, t, len) == 0))
        i = (i + 1) & (cap - 1);
    return &v[i];
}

static void dfmap_add(struct dfmap *m, const char *t, size_t len, uint64_t n)
{
    uint64_t h = XXH3_64bits(t, len);
    struct dfent *e;

    if ((m->n + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 256, i;
        struct dfent *v = kb_calloc(cap, sizeof *v);
        for (i = 0; i < m->cap; i++)
            if (m->v[i].term) *dfmap_slot(v, cap, m->v[i].term, m->v[i].len, m->v[i].hash) = m->v[i];
        free(m->v);
        m->v = v;
        m->cap = cap;
    }
    e = dfmap_slot(m->v, m->cap, t, len, h);
    if (!e->term) {
        e->term = kb_strndup(t, len);
        e->len = len;
        e->hash = h;
        e->n = 0;
        m->n++;
    }
    e->n += n;
}

/* --- the handle ------------------------------------------------------------- */

struct store {
    sqlite3 *db;                 /* owned connection */
    char *path;                  /* owned; as given to store_open, for messages */
    sqlite3_stmt *st[ST_COUNT];  /* owned; prepared on first use, NULL before */
    struct stemmer *stem;        /* owned; checks which query words carry terms */
    struct dfmap pending_df;     /* df increments of the open transaction */
    uint64_t pending_docs;       /* documents recorded in the open transaction */
    int in_tx;                   /* 1 between store_begin and commit/rollback */
    enum store_open_mode mode;   /* how it was opened */
    int64_t reindexed;           /* canonical articles rebuilt by the open */
    int stale;                   /* read open: index made with another stemmer */
};

static int db_fail(struct store *s, struct kb_err *err, const char *what)
{
    return kb_err_set(err, KB_EDB, "sqlite: %s (store %s: %s)", sqlite3_errmsg(s->db),
                      s->path, what);
}

/* The cached statement k, reset and unbound, or NULL with err filled. */
static sqlite3_stmt *stmt(struct store *s, int k, struct kb_err *err)
{
    if (!s->st[k]) {
        if (sqlite3_prepare_v3(s->db, sql_text[k], -1, SQLITE_PREPARE_PERSISTENT, &s->st[k],
                               NULL) != SQLITE_OK) {
            db_fail(s, err, "preparing a statement");
            s->st[k] = NULL;
            return NULL;
        }
    } else {
        sqlite3_reset(s->st[k]);
        sqlite3_clear_bindings(s->st[k]);
    }
    return s->st[k];
}

/* Release the statement's read/write cursor (keeps it prepared). */
static void done(sqlite3_stmt *st)
{
    if (st) sqlite3_reset(st);
}

static int bind_str(sqlite3_stmt *st, int i, const char *p)
{
    if (!p) return sqlite3_bind_null(st, i);
    return sqlite3_bind_text64(st, i, p, strlen(p), SQLITE_STATIC, SQLITE_UTF8);
}

static int bind_strn(sqlite3_stmt *st, int i, const char *p, size_t len)
{
    return sqlite3_bind_text64(st, i, p ? p : "", p ? len : 0, SQLITE_STATIC, SQLITE_UTF8);
}

/* Copy of a text column, NULL for SQL NULL. */
static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *p;
    if (sqlite3_column_type(st, i) == SQLITE_NULL) return NULL;
    p = sqlite3_column_text(st, i);
    return kb_strndup(p ? (const char *)p : "", (size_t)sqlite3_column_bytes(st, i));
}

static int exec(struct store *s, const char *sql, const char *what, struct kb_err *err)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        kb_err_set(err, KB_EDB, "sqlite: %s (store %s: %s)",
                   msg ? msg : sqlite3_errmsg(s->db), s->path, what);
        sqlite3_free(msg);
        return KB_EDB;
    }
    return 0;
}

/* --- FTS5 tokenizer "kabar" --------------------------------------------------------
 *
 * Runs terms_each with stopwords kept (a phrase query needs every position)
 * and reports each folded+stemmed term with its source token's byte range,
 * so highlight() and snippet() mark the word as written. Documents and
 * queries go through the same code, which is what makes "bangun" find
 * "dibangun". */

struct fts_tok {
    struct stemmer *stem; /* owned */
};

struct fts_call {
    void *ctx;                                                    /* FTS5's, borrowed */
    int (*token)(void *, int, const char *, int, int, int);       /* FTS5's xToken */
    size_t text_len;                                              /* bytes of the text */
};

static int fts_create(void *ud, const char **args, int n_args, Fts5Tokenizer **out)
{
    struct fts_tok *t = kb_calloc(1, sizeof *t);
    t->stem = stem_new(KB_LANG_ID);
    if (!t->stem) {
        free(t);
        *out = NULL;
        return SQLITE_ERROR;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void fts_delete(Fts5Tokenizer *p)
{
    struct fts_tok *t = (struct fts_tok *)p;
    if (!t) return;
    stem_free(t->stem);
    free(t);
}

static int fts_emit(void *ctx, const char *term, size_t len, size_t off, size_t tok_len)
{
    struct fts_call *c = ctx;
    /* offsets are within a text FTS5 gave us as an int, so they fit; a term
     * longer than that text cannot happen, but refuse rather than wrap */
    if (len > INT_MAX || off > c->text_len || tok_len > c->text_len - off) return SQLITE_ERROR;
    return c->token(c->ctx, 0, term, (int)len, (int)off, (int)(off + tok_len));
}

static int fts_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n_text,
                        int (*token)(void *, int, const char *, int, int, int))
{
    struct fts_tok *t = (struct fts_tok *)p;
    struct fts_call c;

    if (!text || n_text <= 0) return SQLITE_OK;
    c.ctx = ctx;
    c.token = token;
    c.text_len = (size_t)n_text;
    return terms_each(t->stem, text, (size_t)n_text, TERMS_KEEP_STOP, fts_emit, &c);
}

/* kabar_outlet(site, url): article_outlet in SQL, so that queries count
 * outlets by the same rule as story.c. Deterministic, so usable anywhere. */
static void sql_outlet(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    char key[512];
    size_t n = article_outlet((const char *)sqlite3_value_text(argv[0]),
                              (const char *)sqlite3_value_text(argv[1]), key, sizeof key);
    (void)argc;
    sqlite3_result_text(ctx, key, (int)n, SQLITE_TRANSIENT);
}

static int register_functions(struct store *s, struct kb_err *err)
{
    if (sqlite3_create_function(s->db, "kabar_outlet", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                sql_outlet, NULL, NULL) != SQLITE_OK)
        return kb_err_set(err, KB_EDB, "store: registering kabar_outlet: %s", sqlite3_errmsg(s->db));
    return 0;
}

static int register_tokenizer(struct store *s, struct kb_err *err)
{
    static fts5_tokenizer tok = {fts_create, fts_delete, fts_tokenize};
    sqlite3_stmt *st = NULL;
    fts5_api *api = NULL;

    if (sqlite3_prepare_v2(s->db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return db_fail(s, err, "looking up FTS5 (is it compiled in?)");
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api || api->iVersion < 2)
        return kb_err_set(err, KB_EDB, "sqlite: FTS5 API unavailable (store %s: registering the"
                          " kabar tokenizer)", s->path);
    if (api->xCreateTokenizer(api, "kabar", NULL, &tok, NULL) != SQLITE_OK)
        return db_fail(s, err, "registering the kabar tokenizer");
    return 0;
}

/* --- open / close / migrate ------------------------------------------------------ */

static int user_version(struct store *s, int *v, struct kb_err *err)
{
    sqlite3_stmt *st = NULL;
    int rc;

    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return db_fail(s, err, "reading the schema version");
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        db_fail(s, err, "reading the schema version");
        sqlite3_finalize(st);
        return KB_EDB;
    }
    *v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return 0;
}

static int migrate(struct store *s, struct kb_err *err)
{
    int v, rc;
    char what[64], sql[64];

    rc = user_version(s, &v, err);
    if (rc) return rc;
    if (v > N_MIGRATIONS)
        return kb_err_set(err, KB_EDB, "store %s: schema version %d is newer than this kabar"
                          " knows (%d); upgrade kabar", s->path, v, N_MIGRATIONS);
    while (v < N_MIGRATIONS) {
        snprintf(what, sizeof what, "migrating the schema to version %d", v + 1);
        /* IMMEDIATE: two processes opening a fresh file at once must not both
         * run step 1; the loser waits (busy_timeout), then re-reads the version */
        rc = exec(s, "BEGIN IMMEDIATE", what, err);
        if (rc) return rc;
        rc = user_version(s, &v, err);
        if (!rc && v < N_MIGRATIONS) {
            snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
            rc = exec(s, migrations[v], what, err);
            if (!rc) rc = exec(s, sql, what, err);
        }
        if (!rc) rc = exec(s, "COMMIT", what, err);
        if (rc) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return rc;
        }
        rc = user_version(s, &v, err);
        if (rc) return rc;
    }
    return 0;
}

/* A read open accepts only the schema this build writes: migrating is a
 * write, and reading an older layout with newer statements would fail
 * half-way through with an obscure SQL error. */
static int check_version_read(struct store *s, struct kb_err *err)
{
    int v, rc = user_version(s, &v, err);
    if (rc) return rc;
    if (v == N_MIGRATIONS) return 0;
    if (v == 0)
        return kb_err_set(err, KB_EDB, "store %s: not a kabar database (no schema); create one"
                          " with 'kabar ingest'", s->path);
    if (v < N_MIGRATIONS)
        return kb_err_set(err, KB_EDB, "store %s: schema version %d is older than this kabar"
                          " reads (%d); run 'kabar ingest' (any input) to upgrade it",
                          s->path, v, N_MIGRATIONS);
    return kb_err_set(err, KB_EDB, "store %s: schema version %d is newer than this kabar"
                      " knows (%d); upgrade kabar", s->path, v, N_MIGRATIONS);
}

/* sqlite3_open_v2 flags for a read open of an existing path, or a KB_E*
 * error. A file this process may not write (another user's archive, a
 * read-only mount) is opened read-only; otherwise read-write, so that
 * SQLite can recover a WAL left by a crashed writer and create the -shm
 * file like any other reader. Neither creates the database. */
static int read_flags(const char *path, int *flags, struct kb_err *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return kb_err_set(err, KB_ENOTFOUND, "no database at %s (create one with 'kabar"
                              " ingest')", path);
        return kb_err_set(err, KB_EIO, "store %s: %s", path, strerror(errno));
    }
    if (S_ISDIR(sb.st_mode))
        return kb_err_set(err, KB_EIO, "store %s: is a directory, not a database", path);
    *flags = access(path, W_OK) == 0 ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
    return 0;
}

/* "file:" URI for path with ?immutable=1, every byte outside the URI's
 * unreserved set and '/' percent-encoded (so '?', '#', '%' in a name are
 * the name). NULL when path is absurdly long. */
static char *immutable_uri(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    struct buf b;
    const unsigned char *p;
    int rc;

    buf_init(&b, 65536);
    rc = buf_puts(&b, "file:");
    for (p = (const unsigned char *)path; *p && !rc; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '/' || *p == '-' || *p == '.' || *p == '_' || *p == '~') {
            rc = buf_putc(&b, (char)*p);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            rc = buf_append(&b, e, 3);
        }
    }
    if (!rc) rc = buf_puts(&b, "?immutable=1");
    if (rc) {
        buf_release(&b);
        return NULL;
    }
    return buf_take(&b);
}

/* A read-only connection to a WAL database needs the -shm and -wal files
 * to exist or be creatable (sqlite.org/wal.html, "Read-Only Databases").
 * Another user's archive, in a directory we may not write, after its
 * writer exited (which removes both), has neither: every read then fails
 * with SQLITE_READONLY_DIRECTORY (or _CANTINIT). With no -wal file every
 * committed page is in the main file, so the file alone is the database:
 * reopen it immutable (no locks, no -shm). A writer that starts while we
 * read could checkpoint under us, which immutable does not notice; such a
 * reader is a one-shot command, and the alternative is not reading at all.
 * Returns 0 (s->db usable) or an error. */
static int open_readonly_wal(struct store *s, int flags, struct kb_err *err)
{
    char wal[4096];
    char *uri;
    struct stat sb;
    int rc = sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);

    /* SQLITE_READONLY_CANTINIT or _DIRECTORY, as the case may be */
    if (rc == SQLITE_OK || flags != SQLITE_OPEN_READONLY ||
        (sqlite3_extended_errcode(s->db) & 0xff) != SQLITE_READONLY)
        return 0; /* other problems surface, with their message, below */
    if ((size_t)snprintf(wal, sizeof wal, "%s-wal", s->path) >= sizeof wal ||
        stat(wal, &sb) == 0)
        return db_fail(s, err, "reading a read-only database in WAL mode");
    uri = immutable_uri(s->path);
    if (!uri) return kb_err_set(err, KB_EINVAL, "store: database path too long");
    sqlite3_close_v2(s->db);
    s->db = NULL;
    rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    free(uri);
    if (rc != SQLITE_OK) {
        if (s->db) return db_fail(s, err, "opening the database read-only");
        return kb_err_set(err, KB_ENOMEM, "sqlite: out of memory (store %s: opening)", s->path);
    }
    sqlite3_extended_result_codes(s->db, 1);
    return 0;
}

static int check_fingerprint(struct store *s, struct kb_err *err);

struct store *store_open_mode(const char *path, enum store_open_mode mode, struct kb_err *err)
{
    struct store *s;
    int rc, flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

    if (!path || !*path) {
        kb_err_set(err, KB_EINVAL, "store: no database path");
        return NULL;
    }
    if (mode != STORE_OPEN_WRITE && mode != STORE_OPEN_READ) {
        kb_err_set(err, KB_EINVAL, "store: bad open mode %d", (int)mode);
        return NULL;
    }
    if (mode == STORE_OPEN_READ && read_flags(path, &flags, err)) return NULL;
    s = kb_calloc(1, sizeof *s);
    s->path = kb_strdup(path);
    s->mode = mode;
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        if (s->db) db_fail(s, err, "opening the database");
        else kb_err_set(err, KB_ENOMEM, "sqlite: out of memory (store %s: opening)", path);
        store_close(s);
        return NULL;
    }
    sqlite3_extended_result_codes(s->db, 1);
    rc = mode == STORE_OPEN_READ ? open_readonly_wal(s, flags, err) : 0;
    if (rc) {
        store_close(s);
        return NULL;
    }
    /* a concurrent writer (another `kabar ingest`) makes us wait up to 5 s
     * instead of failing at once with SQLITE_BUSY */
    sqlite3_busy_timeout(s->db, 5000);
    if (mode == STORE_OPEN_WRITE) {
        /* WAL: readers never block the writer and a crash leaves committed
         * batches intact; NORMAL sync is durable across application crashes
         * and loses at most the last commits on power loss, never
         * consistency. The journal mode is persistent, set by writers only. */
        rc = exec(s, "PRAGMA journal_mode = WAL", "enabling WAL", err);
        if (!rc) rc = exec(s, "PRAGMA synchronous = NORMAL", "setting synchronous", err);
    } else {
        /* a read command must never change the file, even by a bug */
        rc = exec(s, "PRAGMA query_only = 1", "making the connection read-only", err);
    }
    if (!rc) rc = exec(s, "PRAGMA foreign_keys = ON", "enabling foreign keys", err);
    /* 32 MiB page cache (negative = KiB): the FTS index and term_df are hot */
    if (!rc) rc = exec(s, "PRAGMA cache_size = -32768", "sizing the cache", err);
    if (!rc) rc = exec(s, "PRAGMA temp_store = MEMORY", "setting temp_store", err);
    if (!rc) rc = register_tokenizer(s, err);
    if (!rc) rc = register_functions(s, err);
    if (!rc) rc = mode == STORE_OPEN_WRITE ? migrate(s, err) : check_version_read(s, err);
    if (!rc) {
        s->stem = stem_new(KB_LANG_ID);
        if (!s->stem) rc = kb_err_set(err, KB_EIO, "store %s: no Indonesian stemmer", path);
    }
    if (!rc) rc = check_fingerprint(s, err);
    if (rc) {
        store_close(s);
        return NULL;
    }
    return s;
}

struct store *store_open(const char *path, struct kb_err *err)
{
    return store_open_mode(path, STORE_OPEN_WRITE, err);
}

int64_t store_reindexed(const struct store *s)
{
    return s ? s->reindexed : 0;
}

int store_index_stale(const struct store *s)
{
    return s ? s->stale : 0;
}

void store_close(struct store *s)
{
    int k;
    if (!s) return;
    if (s->in_tx) store_rollback(s);
    for (k = 0; k < ST_COUNT; k++) sqlite3_finalize(s->st[k]);
    if (s->db) sqlite3_close_v2(s->db);
    dfmap_release(&s->pending_df);
    stem_free(s->stem);
    free(s->path);
    free(s);
}

int store_schema_version(struct store *s, int *version, struct kb_err *err)
{
    return user_version(s, version, err);
}

/* --- transactions ------------------------------------------------------------ */

int store_begin(struct store *s, struct kb_err *err)
{
    int rc;
    if (s->in_tx) return kb_err_set(err, KB_EINVAL, "store %s: transaction already open", s->path);
    if (s->mode == STORE_OPEN_READ)
        return kb_err_set(err, KB_EINVAL, "store %s: opened for reading only", s->path);
    /* IMMEDIATE takes the write lock now, so a second writer waits here
     * (busy_timeout) instead of failing half-way through a batch */
    rc = exec(s, "BEGIN IMMEDIATE", "starting a batch transaction", err);
    if (rc) return rc;
    s->in_tx = 1;
    s->pending_docs = 0;
    return 0;
}

static int flush_df(struct store *s, struct kb_err *err)
{
    sqlite3_stmt *st;
    size_t i;

    for (i = 0; i < s->pending_df.cap; i++) {
        const struct dfent *e = &s->pending_df.v[i];
        if (!e->term) continue;
        st = stmt(s, ST_DF_ADD, err);
        if (!st) return KB_EDB;
        bind_strn(st, 1, e->term, e->len);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)e->n);
        if (sqlite3_step(st) != SQLITE_DONE) {
            db_fail(s, err, "updating document frequencies");
            done(st);
            return KB_EDB;
        }
        done(st);
    }
    if (s->pending_docs) {
        st = stmt(s, ST_META_ADD, err);
        if (!st) return KB_EDB;
        bind_str(st, 1, "n_docs");
        sqlite3_bind_int64(st, 2, (sqlite3_int64)s->pending_docs);
        if (sqlite3_step(st) != SQLITE_DONE) {
            db_fail(s, err, "updating the document count");
            done(st);
            return KB_EDB;
        }
        done(st);
    }
    return 0;
}

int store_commit(struct store *s, struct kb_err *err)
{
    int rc;
    if (!s->in_tx) return kb_err_set(err, KB_EINVAL, "store %s: commit without a transaction", s->path);
    rc = flush_df(s, err);
    if (!rc) rc = exec(s, "COMMIT", "committing a batch", err);
    if (rc) return rc; /* still open: the caller rolls back */
    s->in_tx = 0;
    dfmap_release(&s->pending_df);
    s->pending_docs = 0;
    return 0;
}

void store_rollback(struct store *s)
{
    if (!s) return;
    if (sqlite3_get_autocommit(s->db) == 0) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_tx = 0;
    dfmap_release(&s->pending_df);
    s->pending_docs = 0;
}

/* --- articles ------------------------------------------------------------------ */

/* Look up one int64 for key; 1 found, 0 absent, KB_EDB. */
static int find_id(struct store *s, int k, const char *key, int64_t *id, const char *what,
                   struct kb_err *err)
{
    sqlite3_stmt *st = stmt(s, k, err);
    int rc;
    if (!st) return KB_EDB;
    bind_str(st, 1, key);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        done(st);
        return 1;
    }
    done(st);
    if (rc == SQLITE_DONE) return 0;
    return db_fail(s, err, what);
}

int store_article_put(struct store *s, const struct article *a, const char *clean,
                      size_t clean_len, const char *hash, int64_t *id,
                      enum store_outcome *outcome, struct kb_err *err)
{
    sqlite3_stmt *st;
    int64_t canon = 0;
    int rc;
    char host[256];
    const char *site;

    if (!a || !a->url || !a->text || !clean || !hash)
        return kb_err_set(err, KB_EINVAL, "store: article without url, text or hash");
    rc = find_id(s, ST_URL_FIND, a->url, id, "looking up an article url", err);
    if (rc < 0) return rc;
    if (rc == 1) {
        *outcome = STORE_DUP;
        return 0;
    }
    rc = find_id(s, ST_HASH_FIND, hash, &canon, "looking up a content hash", err);
    if (rc < 0) return rc;

    /* the outlet of an article without a declared site is its url's host,
     * the same rule story.c uses to count sites */
    site = a->site;
    if (!site && article_site_from_url(a->url, host, sizeof host) == 0) site = host;

    st = stmt(s, ST_ART_INSERT, err);
    if (!st) return KB_EDB;
    bind_str(st, 1, a->url);
    bind_str(st, 2, site);
    bind_str(st, 3, a->title);
    bind_str(st, 4, a->published);
    bind_str(st, 5, a->lang);
    bind_str(st, 6, a->origin);
    bind_strn(st, 7, a->text, a->text_len);
    bind_strn(st, 8, clean, clean_len);
    bind_str(st, 9, hash);
    if (rc == 1) sqlite3_bind_int64(st, 10, canon);
    else sqlite3_bind_null(st, 10);
    if (sqlite3_step(st) != SQLITE_DONE) {
        char what[300];
        snprintf(what, sizeof what, "storing article %.250s", a->url);
        db_fail(s, err, what);
        done(st);
        return KB_EDB;
    }
    done(st);
    *id = sqlite3_last_insert_rowid(s->db);
    if (rc == 1) {
        *outcome = STORE_COPY;
        return 0;
    }

    st = stmt(s, ST_FTS_INSERT, err);
    if (!st) return KB_EDB;
    sqlite3_bind_int64(st, 1, *id);
    bind_str(st, 2, a->title);
    bind_strn(st, 3, clean, clean_len);
    if (sqlite3_step(st) != SQLITE_DONE) {
        char what[300];
        snprintf(what, sizeof what, "indexing article %.250s", a->url);
        db_fail(s, err, what);
        done(st);
        return KB_EDB;
    }
    done(st);
    *outcome = STORE_ADDED;
    return 0;
}

int store_article_find(struct store *s, const char *url, int64_t *id, struct kb_err *err)
{
    if (!url) return 0;
    return find_id(s, ST_URL_FIND, url, id, "looking up an article url", err);
}

int store_article_find_hash(struct store *s, const char *hash, int64_t *id, struct kb_err *err)
{
    if (!hash) return 0;
    return find_id(s, ST_HASH_FIND, hash, id, "looking up a content hash", err);
}

int store_article_story(struct store *s, int64_t article, int64_t *story, struct kb_err *err)
{
    sqlite3_stmt *st = stmt(s, ST_ART_STORY, err);
    int rc;
    if (!st) return KB_EDB;
    sqlite3_bind_int64(st, 1, article);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *story = sqlite3_column_int64(st, 0);
        done(st);
        return 0;
    }
    done(st);
    if (rc == SQLITE_DONE)
        return kb_err_set(err, KB_ENOTFOUND, "store %s: no article %lld", s->path, (long long)article);
    return db_fail(s, err, "looking up an article's story");
}

/* --- clustering state ------------------------------------------------------------
 *
 * article_terms.terms is a compact blob: for each term, LEB128(len), the
 * term's bytes, LEB128(count). One row per article instead of one per term
 * keeps an ingest batch to a few thousand row writes. */

static int put_varint(struct buf *b, uint64_t v)
{
    char tmp[10];
    size_t n = 0;
    do {
        tmp[n++] = (char)((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
        v >>= 7;
    } while (v);
    return buf_append(b, tmp, n);
}

/* Read a varint from p[*i..len); -1 when truncated or over 64 bits. */
static int get_varint(const unsigned char *p, size_t len, size_t *i, uint64_t *v)
{
    unsigned shift = 0;
    *v = 0;
    while (*i < len && shift < 64) {
        unsigned char c = p[(*i)++];
        *v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) return 0;
        shift += 7;
    }
    return -1;
}

/* Append the blob of terms t[0..n) to b. 0 or KB_ETOOBIG. */
static int encode_terms(struct buf *b, const struct cluster_term *t, size_t n)
{
    size_t i;
    int rc = 0;
    for (i = 0; i < n && !rc; i++) {
        rc = put_varint(b, t[i].len);
        if (!rc) rc = buf_append(b, t[i].term, t[i].len);
        if (!rc) rc = put_varint(b, t[i].count);
    }
    return rc;
}

int store_terms_put(struct store *s, int64_t article, const struct cluster_term *t, size_t n,
                    struct kb_err *err)
{
    struct buf b = BUF_INIT;
    sqlite3_stmt *st;
    size_t i;
    int rc;

    if (!s->in_tx)
        return kb_err_set(err, KB_EINVAL, "store %s: store_terms_put outside a transaction", s->path);
    rc = encode_terms(&b, t, n);
    if (rc) {
        buf_release(&b);
        return kb_err_set(err, rc, "store: terms of article %lld too large", (long long)article);
    }
    st = stmt(s, ST_TERMS_PUT, err);
    if (!st) {
        buf_release(&b);
        return KB_EDB;
    }
    sqlite3_bind_int64(st, 1, article);
    sqlite3_bind_blob64(st, 2, b.ptr ? b.ptr : "", b.len, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) {
        db_fail(s, err, "storing article terms");
        done(st);
        buf_release(&b);
        return KB_EDB;
    }
    done(st);
    buf_release(&b);
    if (sqlite3_changes(s->db) == 0)
        return kb_err_set(err, KB_EINVAL, "store %s: terms of article %lld already recorded",
                          s->path, (long long)article);
    for (i = 0; i < n; i++) dfmap_add(&s->pending_df, t[i].term, t[i].len, 1);
    s->pending_docs++;
    return 0;
}

struct term_vec {
    struct cluster_term *v; /* owned array; term pointers borrow from the decoded blob */
    size_t n;
    size_t cap;
};

/* Decode blob p[0..len) into tv (terms point into p). -1 when malformed. */
static int decode_terms(const unsigned char *p, size_t len, struct term_vec *tv)
{
    size_t i = 0;
    tv->n = 0;
    while (i < len) {
        uint64_t tl, cnt;
        if (get_varint(p, len, &i, &tl) || tl > len - i) return -1;
        if (tv->n == tv->cap) {
            tv->cap = tv->cap ? tv->cap * 2 : 256;
            tv->v = kb_realloc(tv->v, tv->cap * sizeof *tv->v);
        }
        tv->v[tv->n].term = (const char *)p + i;
        tv->v[tv->n].len = (size_t)tl;
        i += (size_t)tl;
        if (get_varint(p, len, &i, &cnt) || cnt > UINT32_MAX) return -1;
        tv->v[tv->n].count = (uint32_t)cnt;
        tv->n++;
    }
    return 0;
}

static int meta_int(struct store *s, const char *key, int64_t *v, struct kb_err *err)
{
    sqlite3_stmt *st = stmt(s, ST_META_GET, err);
    int rc;
    if (!st) return KB_EDB;
    bind_str(st, 1, key);
    rc = sqlite3_step(st);
    *v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    done(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_fail(s, err, "reading meta");
    return 0;
}

struct restored {
    int64_t story; /* story id */
    int64_t day;   /* CLUSTER_NO_DAY when undated */
    size_t off;    /* bytes into the blob arena */
    size_t len;    /* bytes of the terms blob */
};

int store_cluster_load(struct store *s, struct cluster *c, int64_t day_from, int64_t day_to,
                       struct kb_err *err)
{
    struct dfmap need = {NULL, 0, 0};
    struct term_vec tv = {NULL, 0, 0};
    struct buf blobs = BUF_INIT;
    struct restored *docs = NULL;
    size_t n_docs_r = 0, cap_docs = 0, i;
    sqlite3_stmt *st;
    int64_t n_docs;
    int rc, all = day_from == CLUSTER_NO_DAY && day_to == CLUSTER_NO_DAY;

    rc = meta_int(s, "n_docs", &n_docs, err);
    if (rc) return rc;
    cluster_set_ndocs(c, n_docs > 0 ? (uint64_t)n_docs : 0);

    /* pass 1: read the members' term blobs; restoring must wait until the
     * df table is in place, because the clusterer weights each restored
     * member with the idf it knows at that moment */
    st = stmt(s, all ? ST_DOCS_ALL : ST_DOCS_RANGE, err);
    if (!st) return KB_EDB;
    if (!all) {
        sqlite3_bind_int64(st, 1, day_from == CLUSTER_NO_DAY ? INT64_MIN : day_from);
        sqlite3_bind_int64(st, 2, day_to == CLUSTER_NO_DAY ? INT64_MAX : day_to);
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const void *p = sqlite3_column_blob(st, 3);
        size_t len = (size_t)sqlite3_column_bytes(st, 3);
        struct restored *d;
        if (n_docs_r == cap_docs) {
            cap_docs = cap_docs ? cap_docs * 2 : 256;
            docs = kb_realloc(docs, cap_docs * sizeof *docs);
        }
        d = &docs[n_docs_r];
        d->story = sqlite3_column_int64(st, 1);
        d->day = sqlite3_column_type(st, 2) == SQLITE_NULL ? CLUSTER_NO_DAY
                                                          : sqlite3_column_int64(st, 2);
        d->off = blobs.len;
        d->len = len;
        if (len && buf_append(&blobs, p, len)) {
            rc = kb_err_set(err, KB_ETOOBIG, "store %s: story members too large to load", s->path);
            break;
        }
        if (decode_terms((const unsigned char *)buf_cstr(&blobs) + d->off, len, &tv)) {
            rc = kb_err_set(err, KB_EDB, "store %s: corrupt terms of article %lld", s->path,
                            (long long)sqlite3_column_int64(st, 0));
            break;
        }
        for (i = 0; i < tv.n; i++) dfmap_add(&need, tv.v[i].term, tv.v[i].len, 0);
        n_docs_r++;
    }
    done(st);
    if (rc != SQLITE_DONE) {
        if (rc > 0) rc = db_fail(s, err, "loading story members");
        goto out;
    }
    rc = 0;

    /* df only for the terms the clusterer will meet: those of the restored
     * members and of the documents recorded in this (open) batch; a full
     * term_df scan would grow with the whole archive */
    for (i = 0; i < s->pending_df.cap; i++)
        if (s->pending_df.v[i].term)
            dfmap_add(&need, s->pending_df.v[i].term, s->pending_df.v[i].len, 0);
    for (i = 0; i < need.cap && !rc; i++) {
        const struct dfent *e = &need.v[i];
        int step;
        if (!e->term) continue;
        st = stmt(s, ST_DF_GET, err);
        if (!st) {
            rc = KB_EDB;
            break;
        }
        bind_strn(st, 1, e->term, e->len);
        step = sqlite3_step(st);
        if (step == SQLITE_ROW) {
            int64_t df = sqlite3_column_int64(st, 0);
            if (df > 0) cluster_set_df(c, e->term, e->len, (uint64_t)df);
        } else if (step != SQLITE_DONE) {
            rc = db_fail(s, err, "reading document frequencies");
        }
        done(st);
    }

    /* pass 2: restore the members, oldest first (the query's order) */
    for (i = 0; i < n_docs_r && !rc; i++) {
        const struct restored *d = &docs[i];
        if (decode_terms((const unsigned char *)buf_cstr(&blobs) + d->off, d->len, &tv)) {
            rc = kb_err_set(err, KB_EDB, "store %s: corrupt terms", s->path);
            break;
        }
        cluster_restore(c, d->story, d->day, tv.v, tv.n);
    }
out:
    dfmap_release(&need);
    free(tv.v);
    free(docs);
    buf_release(&blobs);
    return rc;
}

int store_story_assign(struct store *s, int64_t article, int64_t story, struct kb_err *err)
{
    sqlite3_stmt *st;

    if (story <= 0) return kb_err_set(err, KB_EINVAL, "store: bad story id %lld", (long long)story);
    st = stmt(s, ST_STORY_UPSERT, err);
    if (!st) return KB_EDB;
    sqlite3_bind_int64(st, 1, story);
    if (sqlite3_step(st) != SQLITE_DONE) {
        db_fail(s, err, "creating a story");
        done(st);
        return KB_EDB;
    }
    done(st);
    st = stmt(s, ST_ART_SET_STORY, err);
    if (!st) return KB_EDB;
    sqlite3_bind_int64(st, 1, article);
    sqlite3_bind_int64(st, 2, story);
    if (sqlite3_step(st) != SQLITE_DONE) {
        db_fail(s, err, "assigning an article to a story");
        done(st);
        return KB_EDB;
    }
    done(st);
    if (sqlite3_changes(s->db) != 1)
        return kb_err_set(err, KB_ENOTFOUND, "store %s: no article %lld to assign", s->path,
                          (long long)article);
    return 0;
}

int store_next_story_id(struct store *s, int64_t *id, struct kb_err *err)
{
    sqlite3_stmt *st = stmt(s, ST_NEXT_STORY, err);
    if (!st) return KB_EDB;
    if (sqlite3_step(st) != SQLITE_ROW) {
        db_fail(s, err, "finding a free story id");
        done(st);
        return KB_EDB;
    }
    *id = sqlite3_column_int64(st, 0);
    done(st);
    return 0;
}

/* --- stemmer fingerprint and reindex ------------------------------------------
 *
 * The search index and the clustering terms hold stems, so they are only
 * valid for the stemmer that made them. meta.stemmer records that
 * stemmer's fingerprint (stem_fingerprint plus STORE_TERMS_VERSION). A
 * write open that finds another one on a non-empty store rebuilds both in
 * one IMMEDIATE transaction: the FTS index with 'rebuild' (it re-reads the
 * canonical articles through the content view and tokenizes them with this
 * connection's "kabar" tokenizer), and every article_terms row from
 * cluster_doc_terms over the stored title and clean text, the way ingest
 * made it, followed by term_df and meta.n_docs from scratch. Story
 * assignments are kept: they are the stories readers know; only the terms
 * future batches are compared with change. A read open cannot write, so it
 * only sets stale. */

#define FP_KEY "stemmer"
#define FP_MAX 160 /* bytes of a stored fingerprint, with the NUL */
/* ingest.c records terms of 1..64 bytes (its MAX_TERM_LEN); the rebuild
 * must drop the same ones, or its counts would differ from a fresh ingest */
#define REINDEX_MAX_TERM 64

static void fingerprint(const struct store *s, char *out, size_t cap)
{
    snprintf(out, cap, "%s terms/%d", stem_fingerprint(s->stem), STORE_TERMS_VERSION);
}

/* meta[key] as a new string in *out (NULL when absent). */
static int meta_text(struct store *s, const char *key, char **out, struct kb_err *err)
{
    sqlite3_stmt *st = stmt(s, ST_META_GET, err);
    int rc;
    *out = NULL;
    if (!st) return KB_EDB;
    bind_str(st, 1, key);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *out = col_dup(st, 0);
    done(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_fail(s, err, "reading meta");
    return 0;
}

/* meta[key] = text, or = num when text is NULL. */
static int meta_set(struct store *s, const char *key, const char *text, int64_t num,
                    struct kb_err *err)
{
    sqlite3_stmt *st = stmt(s, ST_META_SET, err);
    if (!st) return KB_EDB;
    bind_str(st, 1, key);
    if (text) bind_str(st, 2, text);
    else sqlite3_bind_int64(st, 2, num);
    if (sqlite3_step(st) != SQLITE_DONE) {
        db_fail(s, err, "writing meta");
        done(st);
        return KB_EDB;
    }
    done(st);
    return 0;
}

struct word_ref {
    const char *p; /* borrowed from the words buffer */
    size_t len;
};

static int collect_word(void *ctx, const char *term, size_t len, size_t off, size_t tok_len)
{
    struct buf *words = ctx;
    if (len == 0 || len > REINDEX_MAX_TERM) return 0;
    /* [len byte][bytes]; len <= 64 fits a byte */
    if (buf_putc(words, (char)len) || buf_append(words, term, len)) return -1;
    return 0;
}

static int cmp_word_ref(const void *x, const void *y)
{
    const struct word_ref *a = x, *b = y;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->p, b->p, n);
    if (c) return c;
    return a->len < b->len ? -1 : a->len > b->len;
}

/* The terms blob of one article (sorted distinct terms with counts) into
 * blob, each distinct term counted once more in df. words is scratch. */
static int article_blob(struct store *s, const char *title, const char *text, size_t len,
                        struct buf *words, struct buf *blob, struct dfmap *df)
{
    struct word_ref *w;
    struct cluster_term *ct;
    size_t n_w = 0, n_u = 0, pos, i;
    int rc;

    buf_reset(words);
    buf_reset(blob);
    if (cluster_doc_terms(s->stem, title, text, len, collect_word, words)) return KB_ETOOBIG;
    for (pos = 0; pos < words->len; pos += 1 + (unsigned char)words->ptr[pos]) n_w++;
    w = kb_malloc((n_w ? n_w : 1) * sizeof *w);
    ct = kb_malloc((n_w ? n_w : 1) * sizeof *ct);
    for (pos = 0, i = 0; pos < words->len; pos += 1 + (unsigned char)words->ptr[pos], i++) {
        w[i].p = words->ptr + pos + 1;
        w[i].len = (unsigned char)words->ptr[pos];
    }
    qsort(w, n_w, sizeof *w, cmp_word_ref);
    for (i = 0; i < n_w;) {
        size_t j = i + 1;
        while (j < n_w && cmp_word_ref(&w[i], &w[j]) == 0) j++;
        ct[n_u].term = w[i].p;
        ct[n_u].len = w[i].len;
        ct[n_u].count = j - i > UINT32_MAX ? UINT32_MAX : (uint32_t)(j - i);
        dfmap_add(df, w[i].p, w[i].len, 1);
        n_u++;
        i = j;
    }
    rc = encode_terms(blob, ct, n_u);
    free(ct);
    free(w);
    return rc;
}

/* Recompute article_terms, term_df and meta.n_docs with s->stem. Inside the
 * caller's transaction. */
static int reindex_terms(struct store *s, struct kb_err *err)
{
    struct dfmap df = {NULL, 0, 0};
    struct buf words = BUF_INIT, blob = BUF_INIT;
    sqlite3_stmt *q = NULL, *get = NULL, *upd = NULL;
    int64_t *ids = NULL;
    size_t n_ids = 0, cap = 0, i;
    int rc = 0, step;

    /* the ids first: rows are rewritten below, and SQLite leaves a scan
     * over a table being updated undefined */
    if (sqlite3_prepare_v2(s->db, "SELECT article_id FROM article_terms ORDER BY article_id", -1,
                           &q, NULL) != SQLITE_OK)
        return db_fail(s, err, "listing articles to reindex");
    while ((step = sqlite3_step(q)) == SQLITE_ROW) {
        if (n_ids == cap) {
            cap = cap ? cap * 2 : 1024;
            ids = kb_realloc(ids, cap * sizeof *ids);
        }
        ids[n_ids++] = sqlite3_column_int64(q, 0);
    }
    sqlite3_finalize(q);
    if (step != SQLITE_DONE) {
        free(ids);
        return db_fail(s, err, "listing articles to reindex");
    }
    if (sqlite3_prepare_v2(s->db, "SELECT title, clean FROM articles WHERE id = ?1", -1, &get,
                           NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "UPDATE article_terms SET terms = ?2 WHERE article_id = ?1",
                           -1, &upd, NULL) != SQLITE_OK) {
        rc = db_fail(s, err, "preparing the reindex");
        goto out;
    }
    for (i = 0; i < n_ids && !rc; i++) {
        sqlite3_reset(get);
        sqlite3_bind_int64(get, 1, ids[i]);
        step = sqlite3_step(get);
        if (step == SQLITE_DONE) continue; /* a terms row without article: nothing to redo */
        if (step != SQLITE_ROW) {
            rc = db_fail(s, err, "reading an article to reindex");
            break;
        }
        /* column pointers stay valid until get is stepped or reset, which
         * happens only after article_blob has copied what it needs */
        rc = article_blob(s, (const char *)sqlite3_column_text(get, 0),
                          (const char *)sqlite3_column_text(get, 1),
                          (size_t)sqlite3_column_bytes(get, 1), &words, &blob, &df);
        if (rc) {
            rc = kb_err_set(err, rc, "store %s: terms of article %lld too large", s->path,
                            (long long)ids[i]);
            break;
        }
        sqlite3_reset(upd);
        sqlite3_bind_int64(upd, 1, ids[i]);
        sqlite3_bind_blob64(upd, 2, blob.ptr ? blob.ptr : "", blob.len, SQLITE_STATIC);
        if (sqlite3_step(upd) != SQLITE_DONE) rc = db_fail(s, err, "rewriting article terms");
    }
    sqlite3_reset(get);
    if (!rc) rc = exec(s, "DELETE FROM term_df", "clearing document frequencies", err);
    for (i = 0; i < df.cap && !rc; i++) {
        const struct dfent *e = &df.v[i];
        sqlite3_stmt *st;
        if (!e->term) continue;
        st = stmt(s, ST_DF_ADD, err);
        if (!st) {
            rc = KB_EDB;
            break;
        }
        bind_strn(st, 1, e->term, e->len);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)e->n);
        if (sqlite3_step(st) != SQLITE_DONE) rc = db_fail(s, err, "writing document frequencies");
        done(st);
    }
    if (!rc) rc = meta_set(s, "n_docs", NULL, (int64_t)n_ids, err);
out:
    sqlite3_finalize(get);
    sqlite3_finalize(upd);
    free(ids);
    buf_release(&words);
    buf_release(&blob);
    dfmap_release(&df);
    return rc;
}

static int check_fingerprint(struct store *s, struct kb_err *err)
{
    char want[FP_MAX];
    char *have = NULL;
    int64_t n_art = 0;
    int rc;

    fingerprint(s, want, sizeof want);
    rc = meta_text(s, FP_KEY, &have, err);
    if (!rc && (!have || strcmp(have, want) != 0)) rc = store_counts(s, &n_art, NULL, NULL, err);
    if (rc || (have && strcmp(have, want) == 0)) {
        free(have);
        return rc;
    }
    free(have);
    if (s->mode == STORE_OPEN_READ) {
        /* an empty store has no index to be wrong; a store without a
         * fingerprint predates it, so its stemmer is unknown */
        s->stale = n_art > 0;
        return 0;
    }
    /* IMMEDIATE, then look again: a concurrent open may have rebuilt it */
    rc = exec(s, "BEGIN IMMEDIATE", "starting the reindex", err);
    if (rc) return rc;
    rc = meta_text(s, FP_KEY, &have, err);
    if (!rc && (!have || strcmp(have, want) != 0)) {
        rc = store_counts(s, &n_art, NULL, NULL, err);
        if (!rc && n_art > 0) {
            rc = exec(s, "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
                      "rebuilding the search index", err);
            if (!rc) rc = reindex_terms(s, err);
        }
        if (!rc) rc = meta_set(s, FP_KEY, want, 0, err);
        if (!rc && n_art > 0) s->reindexed = n_art;
    }
    free(have);
    if (!rc) rc = exec(s, "COMMIT", "committing the reindex", err);
    if (rc) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        s->reindexed = 0;
    }
    return rc;
}

/* --- stories ------------------------------------------------------------------ */

/* Append at most room bytes of w[0..len) to b, never cutting a UTF-8
 * sequence; returns bytes appended via *used. 0 or KB_ETOOBIG. */
static int append_clipped(struct buf *b, const char *w, size_t len, size_t room, size_t *used)
{
    if (len > room) {
        len = room;
        /* back up over continuation bytes (10xxxxxx) to a lead byte */
        while (len > 0 && ((unsigned char)w[len] & 0xc0) == 0x80) len--;
    }
    *used = len;
    return buf_append(b, w, len);
}

/* Derived titles stay one line long whatever the text holds. */
#define TITLE_MAX 200 /* bytes, before the ellipsis */

/* The first ~12 words of text (one line's worth), with "…" when cut. */
static char *first_words(const char *text, size_t len)
{
    struct buf b = BUF_INIT;
    size_t i = 0, words = 0, used = 0;
    int rc = 0;

    while (i < len && words < 12 && !rc) {
        size_t j;
        while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
            i++;
        j = i;
        while (j < len && text[j] != ' ' && text[j] != '\t' && text[j] != '\n' && text[j] != '\r'
               && text[j] != '\0')
            j++;
        if (j == i) break;
        if (words) rc = buf_putc(&b, ' ');
        if (!rc) rc = append_clipped(&b, text + i, j - i, b.len < TITLE_MAX ? TITLE_MAX - b.len : 0,
                                     &used);
        words++;
        i += used;
        if (i < j) { /* a giant "word": cut, and the ellipsis below says so */
            if (used == 0 && b.len) buf_truncate(&b, b.len - 1);
            break;
        }
    }
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) i++;
    if (!rc && i < len && text[i] != '\0') rc = buf_puts(&b, "\xe2\x80\xa6");
    if (rc || b.len == 0) {
        buf_release(&b);
        return NULL;
    }
    return buf_take(&b);
}

/* Fill out (story_init'ed by the caller) with story id's articles. */
static int fill_story(struct store *s, int64_t id, int with_text, struct story *out,
                      struct kb_err *err)
{
    sqlite3_stmt *st = stmt(s, ST_STORY_META, err);
    int rc;
    size_t i;
    const struct story_article *first_canon = NULL;

    if (!st) return KB_EDB;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    done(st);
    if (rc == SQLITE_DONE)
        return kb_err_set(err, KB_ENOTFOUND, "store %s: no story %lld", s->path, (long long)id);
    if (rc != SQLITE_ROW) return db_fail(s, err, "loading a story");
    out->id = id;

    st = stmt(s, with_text ? ST_STORY_ARTS_TEXT : ST_STORY_ARTS, err);
    if (!st) return KB_EDB;
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *text = NULL;
        size_t text_len = 0;
        char *url = col_dup(st, 1), *site = col_dup(st, 2), *title = col_dup(st, 3);
        char *pub = col_dup(st, 4);
        if (with_text) {
            text = (const char *)sqlite3_column_text(st, 6);
            text_len = (size_t)sqlite3_column_bytes(st, 6);
        }
        /* story_add_article copies every string (text included) before the
         * next step invalidates the column pointers */
        story_add_article(out, sqlite3_column_int64(st, 0), url ? url : "", site, title, pub,
                          sqlite3_column_int64(st, 5), text, text_len);
        free(url);
        free(site);
        free(title);
        free(pub);
    }
    done(st);
    if (rc != SQLITE_DONE) return db_fail(s, err, "loading a story's articles");

    story_update_meta(out);
    /* title: the earliest canonical article that has one; articles are in
     * that order already (canonical first, oldest first) */
    for (i = 0; i < out->n_articles && !out->title; i++) {
        const struct story_article *a = &out->articles[i];
        if (a->duplicate_of) break;
        if (!first_canon) first_canon = a;
        if (a->title && *a->title) out->title = kb_strdup(a->title);
    }
    if (!out->title) {
        if (!first_canon && out->n_articles) first_canon = &out->articles[0];
        if (first_canon && first_canon->text) {
            out->title = first_words(first_canon->text, first_canon->text_len);
        } else if (first_canon) {
            st = stmt(s, ST_ART_CLEAN, err);
            if (!st) return KB_EDB;
            sqlite3_bind_int64(st, 1, first_canon->id);
            rc = sqlite3_step(st);
            if (rc == SQLITE_ROW)
                out->title = first_words((const char *)sqlite3_column_text(st, 0),
                                         (size_t)sqlite3_column_bytes(st, 0));
            done(st);
            if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_fail(s, err, "deriving a title");
        }
    }
    return 0;
}

int store_stories_list(struct store *s, size_t limit, struct story **out, size_t *n,
                       struct kb_err *err)
{
    sqlite3_stmt *st = stmt(s, ST_STORIES_LIST, err);
    int64_t *ids = NULL;
    size_t n_ids = 0, cap = 0, i;
    struct story *v;
    int rc;

    *out = NULL;
    *n = 0;
    if (!st) return KB_EDB;
    sqlite3_bind_int64(st, 1, limit == 0 || (uint64_t)limit > (uint64_t)INT64_MAX ? -1 : (sqlite3_int64)limit);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n_ids == cap) {
            cap = cap ? cap * 2 : 64;
            ids = kb_realloc(ids, cap * sizeof *ids);
        }
        ids[n_ids++] = sqlite3_column_int64(st, 0);
    }
    done(st);
    if (rc != SQLITE_DONE) {
        free(ids);
        return db_fail(s, err, "listing stories");
    }
    v = kb_calloc(n_ids ? n_ids : 1, sizeof *v);
    for (i = 0; i < n_ids; i++) {
        story_init(&v[i]);
        rc = fill_story(s, ids[i], 0, &v[i], err);
        if (rc) {
            store_stories_free(v, i + 1);
            free(ids);
            return rc;
        }
    }
    free(ids);
    *out = v;
    *n = n_ids;
    return 0;
}

void store_stories_free(struct story *v, size_t n)
{
    size_t i;
    if (!v) return;
    for (i = 0; i < n; i++) story_release(&v[i]);
    free(v);
}

int store_story_load(struct store *s, int64_t id, struct story *out, struct kb_err *err)
{
    int rc;
    story_init(out);
    rc = fill_story(s, id, 1, out, err);
    if (rc) story_release(out);
    return rc;
}

/* --- search ------------------------------------------------------------------ */

static int any_term(void *ctx, const char *term, size_t len, size_t off, size_t tok_len)
{
    return 1;
}

/* The user's words as an FTS5 query: each word a quoted string (so AND, OR,
 * NEAR, *, ^, : and parentheses in user input are plain text), joined by
 * spaces (implicit AND). Words that carry no term (pure punctuation) are
 * dropped, since an empty phrase would match nothing. */
static int fts_query(struct store *s, const char *q, struct buf *out)
{
    size_t i = 0, len = strlen(q);
    int rc = 0;

    while (i < len && !rc) {
        size_t j, k;
        while (i < len && (q[i] == ' ' || q[i] == '\t' || q[i] == '\n' || q[i] == '\r')) i++;
        j = i;
        while (j < len && q[j] != ' ' && q[j] != '\t' && q[j] != '\n' && q[j] != '\r') j++;
        if (j > i && terms_each(s->stem, q + i, j - i, TERMS_KEEP_STOP, any_term, NULL)) {
            if (out->len) rc = buf_putc(out, ' ');
            if (!rc) rc = buf_putc(out, '"');
            for (k = i; k < j && !rc; k++)
                rc = q[k] == '"' ? buf_append(out, "\"\"", 2) : buf_putc(out, q[k]);
            if (!rc) rc = buf_putc(out, '"');
        }
        i = j;
    }
    return rc;
}

int store_search(struct store *s, const char *query, size_t limit, struct search_hit **out,
                 size_t *n, struct kb_err *err)
{
    struct buf q;
    sqlite3_stmt *st;
    struct search_hit *v = NULL;
    size_t cap = 0, k = 0;
    int rc;

    *out = NULL;
    *n = 0;
    if (!query) return kb_err_set(err, KB_EINVAL, "search: no query");
    buf_init(&q, 16384);
    if (fts_query(s, query, &q)) {
        buf_release(&q);
        return kb_err_set(err, KB_ETOOBIG, "search: query too long");
    }
    if (q.len == 0) { /* nothing searchable: no hits, not an error */
        buf_release(&q);
        return 0;
    }
    st = stmt(s, ST_SEARCH, err);
    if (!st) {
        buf_release(&q);
        return KB_EDB;
    }
    sqlite3_bind_text64(st, 1, q.ptr, q.len, SQLITE_STATIC, SQLITE_UTF8);
    sqlite3_bind_int64(st, 2, limit == 0 || (uint64_t)limit > (uint64_t)INT64_MAX ? -1 : (sqlite3_int64)limit);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct search_hit *h;
        char *title;
        if (k == cap) {
            cap = cap ? cap * 2 : 16;
            v = kb_realloc(v, cap * sizeof *v);
        }
        h = &v[k++];
        h->article = sqlite3_column_int64(st, 0);
        h->story = sqlite3_column_int64(st, 1);
        h->url = col_dup(st, 2);
        if (!h->url) h->url = kb_strdup("");
        title = col_dup(st, 3);
        h->title = title ? title : kb_strdup("");
        h->site = col_dup(st, 4);
        h->published = col_dup(st, 5);
        h->snippet = col_dup(st, 6);
        if (!h->snippet) h->snippet = kb_strdup("");
        h->score = -sqlite3_column_double(st, 7);
    }
    done(st);
    if (rc != SQLITE_DONE) {
        char what[200];
        snprintf(what, sizeof what, "searching for %.150s", query);
        db_fail(s, err, what);
        store_hits_free(v, k);
        buf_release(&q);
        return KB_EDB;
    }
    buf_release(&q);
    *out = v;
    *n = k;
    return 0;
}

void store_hits_free(struct search_hit *v, size_t n)
{
    size_t i;
    if (!v) return;
    for (i = 0; i < n; i++) {
        free(v[i].url);
        free(v[i].title);
        free(v[i].site);
        free(v[i].published);
        free(v[i].snippet);
    }
    free(v);
}

int store_counts(struct store *s, int64_t *articles, int64_t *copies, int64_t *stories,
                 struct kb_err *err)
{
    sqlite3_stmt *st = stmt(s, ST_COUNTS, err);
    if (!st) return KB_EDB;
    if (sqlite3_step(st) != SQLITE_ROW) {
        db_fail(s, err, "counting articles and stories");
        done(st);
        return KB_EDB;
    }
    if (articles) *articles = sqlite3_column_int64(st, 0);
    if (copies) *copies = sqlite3_column_int64(st, 1);
    if (stories) *stories = sqlite3_column_int64(st, 2);
    done(st);
    return 0;
}

int store_check(struct store *s, struct kb_err *err)
{
    sqlite3_stmt *st = NULL;
    int rc;
    char *res = NULL;

    if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
        return db_fail(s, err, "checking integrity");
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) res = col_dup(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) {
        free(res);
        return db_fail(s, err, "checking integrity");
    }
    if (!res || strcmp(res, "ok") != 0) {
        kb_err_set(err, KB_EDB, "store %s: integrity check: %.300s", s->path, res ? res : "?");
        free(res);
        return KB_EDB;
    }
    free(res);
    /* the FTS index must hold exactly the canonical articles */
    return exec(s, "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')",
                "checking the search index", err);
}
