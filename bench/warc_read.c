/* warc_read.c -- time the WARC reader alone (no extraction, no store).
 *
 *   build/bench/warc_read [-v] [-n] FILE...
 *
 * Reads every record of each file with warc_next and decodes the payload of
 * every response/resource record with warc_payload (de-chunking and
 * gzip/deflate content decoding included), which is the reader's whole share
 * of `kabar ingest`. Prints one line per file: records, problems, the fatal
 * error if any, input bytes, wall seconds, records/s and MB/s (of the file as
 * stored, so a gzip WARC is compared with `zcat FILE` on the same bytes).
 * -v lists the records (offset, type, status, payload bytes, content type,
 * URI); -n skips payload decoding. bench/warc_speed.sh drives it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "warc.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    int i, verbose = 0, decode = 1, status = 0;

    for (i = 1; i < argc; i++) {
        const char *path = argv[i];
        struct warc_reader *w;
        struct warc_record rec;
        struct kb_err err;
        struct stat st;
        size_t n = 0, skipped = 0, payload_bytes = 0;
        double t0, dt;
        FILE *f;
        int rc;

        if (strcmp(path, "-v") == 0) { verbose = 1; continue; }
        if (strcmp(path, "-n") == 0) { decode = 0; continue; }
        f = fopen(path, "rb");
        if (!f || fstat(fileno(f), &st) != 0) {
            fprintf(stderr, "warc_read: %s: cannot open\n", path);
            if (f) fclose(f);
            status = 1;
            continue;
        }
        w = warc_reader_new_file(f, path, 0);
        t0 = now();
        kb_err_clear(&err);
        while ((rc = warc_next(w, &rec, &err)) != 0) {
            struct warc_payload p;
            if (rc < 0) break;
            if (rc == WARC_SKIPPED) {
                skipped++;
                if (verbose) printf("  skipped: %s\n", err.msg);
                continue;
            }
            n++;
            memset(&p, 0, sizeof p);
            if (decode && (rec.type == WARC_RESPONSE || rec.type == WARC_RESOURCE) &&
                warc_payload(w, &rec, &p, NULL) == 0)
                payload_bytes += p.body_len;
            if (verbose)
                printf("  @%llu(%llu) %s%s %d %zu/%zu %s %s\n", (unsigned long long)rec.file_offset,
                       (unsigned long long)rec.offset, rec.type_name, rec.resynced ? "(resynced)" : "",
                       p.http_status, p.body_len, rec.block_len,
                       p.content_type ? p.content_type : (rec.content_type ? rec.content_type : "-"),
                       rec.target_uri ? rec.target_uri : "-");
        }
        dt = now() - t0;
        printf("%s: %zu records, %zu skipped, %.3f MB in, %.3f MB payload, %.4f s, %.0f records/s, %.1f MB/s%s%s\n",
               path, n, skipped, (double)st.st_size / 1e6, (double)payload_bytes / 1e6, dt,
               dt > 0 ? (double)n / dt : 0.0, dt > 0 ? (double)st.st_size / 1e6 / dt : 0.0,
               rc < 0 ? "; error: " : "", rc < 0 ? err.msg : "");
        warc_reader_free(w);
        fclose(f);
    }
    return status;
}
