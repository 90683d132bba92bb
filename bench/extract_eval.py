#!/usr/bin/env python3
"""extract_eval.py -- quality of `kabar extract` against ../shared/data/extraction,
with readability-lxml (Debian python3-readability) measured in the same run.

Sets and metrics:
  trafilatura-eval  990 pages with "with" / "without" text segments. Per page,
                    each "with" segment found in the output is a true
                    positive (else a false negative), each "without" segment
                    found is a false positive (else a true negative);
                    precision/recall/F1 over the summed counts, as
                    trafilatura's own comparison does. "strict" looks the
                    segment up in the raw output; "ws" first collapses
                    whitespace runs to one space on both sides (segments were
                    cut from rendered text, where a line break is a space).
  cleaneval         CleanEval dev+final; the article-extraction-benchmark
                    metric: lower-cased \\w+ tokens, 4-gram shingles (with
                    counts), precision and recall per page, averaged over
                    pages, F1 of the two averages. Gold: the URL line and the
                    <p>/<h>/<l> markers are removed.
  readability       Mozilla Readability's test pages; the same shingle metric
                    against the text of expected.html (Readability's own
                    output: a regression reference, not human gold).

kabar runs as one process per 200 files (`kabar extract --json FILE...`).
readability-lxml results are cached in bench/out/ (delete to recompute).

usage: bench/extract_eval.py [--kabar ./kabar] [--data ../shared/data/extraction]
                             [--sets trafilatura,cleaneval,readability] [--no-ref]
                             [--dump DIR]
"""
import argparse
import collections
import gzip
import json
import multiprocessing
import os
import re
import subprocess
import sys

TOKEN_RE = re.compile(r"\w+", re.UNICODE)
WS_RE = re.compile(r"\s+", re.UNICODE)
CHUNK = 200


def read_bytes(path):
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    return data


def run_kabar(kabar, paths):
    """path -> text for every path (empty text when kabar rejected it)."""
    out = {}
    for i in range(0, len(paths), CHUNK):
        chunk = paths[i:i + CHUNK]
        p = subprocess.run([kabar, "extract", "--json", "--"] + chunk, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
        if p.returncode not in (0, 1):
            sys.stderr.write(p.stderr.decode("utf-8", "replace"))
            raise SystemExit("kabar extract failed with status %d" % p.returncode)
        for line in p.stdout.decode("utf-8").split("\n"):
            if not line:
                continue
            o = json.loads(line)
            out[o["path"]] = o["text"] or ""
    return {p: out.get(p, "") for p in paths}


def _readability_one(path):
    import lxml.html
    from readability import Document
    try:
        html = read_bytes(path)
        summary = Document(html).summary()
        return path, lxml.html.fromstring(summary).text_content()
    except Exception:  # readability raises on some pages; count as empty
        return path, ""


def run_readability(paths, cache):
    if cache and os.path.exists(cache):
        with open(cache, encoding="utf-8") as f:
            got = json.load(f)
        if all(p in got for p in paths):
            return got
    with multiprocessing.Pool() as pool:
        got = dict(pool.map(_readability_one, paths, chunksize=8))
    if cache:
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        with open(cache, "w", encoding="utf-8") as f:
            json.dump(got, f)
    return got


def html_text(path):
    import lxml.html
    try:
        return lxml.html.fromstring(read_bytes(path)).text_content()
    except Exception:
        return ""


# ---- metrics -----------------------------------------------------------

def shingles(text, n=4):
    toks = TOKEN_RE.findall((text or "").lower())
    return collections.Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)))


def shingle_pr(gold, pred):
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    fp = sum(p.values()) - tp
    fn = sum(g.values()) - tp
    prec = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    rec = tp / (tp + fn) if tp + fn else 1.0
    return prec, rec


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def shingle_table(golds, preds):
    ps, rs = [], []
    for k, gold in golds.items():
        p, r = shingle_pr(gold, preds.get(k, ""))
        ps.append(p)
        rs.append(r)
    P, R = sum(ps) / len(ps), sum(rs) / len(rs)
    return P, R, f1(P, R)


def segment_counts(items, preds, normalise):
    tp = fn = fp = tn = 0
    for path, item in items.items():
        res = preds.get(path, "")
        if normalise:
            res = WS_RE.sub(" ", res)
        for seg in item["with"]:
            s = WS_RE.sub(" ", seg).strip() if normalise else seg
            if s in res:
                tp += 1
            else:
                fn += 1
        for seg in item["without"]:
            s = WS_RE.sub(" ", seg).strip() if normalise else seg
            if s in res:
                fp += 1
            else:
                tn += 1
    P = tp / (tp + fp) if tp + fp else 0.0
    R = tp / (tp + fn) if tp + fn else 0.0
    return P, R, f1(P, R)


# ---- sets --------------------------------------------------------------

def set_trafilatura(root):
    d = os.path.join(root, "trafilatura-eval")
    with open(os.path.join(d, "evaldata.json"), encoding="utf-8") as f:
        data = json.load(f)
    items = {}
    for url, item in data.items():
        for sub in ("eval", "cache"):
            p = os.path.join(d, sub, item["file"] + ".gz")
            if os.path.exists(p):
                items[p] = item
                break
            p = os.path.join(d, sub, item["file"])
            if os.path.exists(p):
                items[p] = item
                break
    return items


def set_cleaneval(root):
    golds = {}
    for part in ("cleaneval-dev", "cleaneval-final"):
        d = os.path.join(root, "cleaneval", part)
        gdir = os.path.join(d, "GoldStandard")
        for name in sorted(os.listdir(gdir)):
            num = name.split(".")[0]
            inp = os.path.join(d, "input", num + ".html.gz")
            if not os.path.exists(inp):
                continue
            gold = read_bytes(os.path.join(gdir, name)).decode("utf-8", "replace")
            gold = re.sub(r"^\s*URL:[^\n]*\n", "", gold)
            gold = re.sub(r"<[phl]>", " ", gold)
            golds[inp] = gold
    return golds


def set_readability(root):
    d = os.path.join(root, "readability-testpages", "test-pages")
    golds = {}
    for name in sorted(os.listdir(d)):
        src = os.path.join(d, name, "source.html.gz")
        exp = os.path.join(d, name, "expected.html.gz")
        if os.path.exists(src) and os.path.exists(exp):
            golds[src] = html_text(exp)
    return golds


def row(name, P, R, F):
    print("%-34s %9.3f %9.3f %9.3f" % (name, P, R, F))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kabar", default="./kabar")
    ap.add_argument("--data", default="../shared/data/extraction")
    ap.add_argument("--sets", default="trafilatura,cleaneval,readability")
    ap.add_argument("--no-ref", action="store_true", help="skip readability-lxml")
    ap.add_argument("--dump", help="write kabar's texts and per-page scores here")
    a = ap.parse_args()
    if not os.path.isdir(a.data):
        print("extract_eval: %s not found; nothing to measure" % a.data)
        return 0
    cache_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out")
    sets = a.sets.split(",")

    if "trafilatura" in sets:
        items = set_trafilatura(a.data)
        paths = sorted(items)
        kb = run_kabar(a.kabar, paths)
        print("== trafilatura-eval: %d pages, segment metric (published: trafilatura 0.924, "
              "jusText 0.862, readability-lxml 0.826)" % len(paths))
        print("%-34s %9s %9s %9s" % ("", "precision", "recall", "F1"))
        row("kabar (ws)", *segment_counts(items, kb, True))
        row("kabar (strict)", *segment_counts(items, kb, False))
        # even-numbered pages were studied while tuning, odd ones held out
        halves = [("even", {p: items[p] for p in paths[0::2]}), ("odd, held out", {p: items[p] for p in paths[1::2]})]
        for hname, half in halves:
            row("kabar (ws) %s" % hname, *segment_counts(half, kb, True))
        if not a.no_ref:
            ref = run_readability(paths, os.path.join(cache_dir, "readability_trafilatura.json"))
            row("readability-lxml (ws)", *segment_counts(items, ref, True))
            row("readability-lxml (strict)", *segment_counts(items, ref, False))
            for hname, half in halves:
                row("readability-lxml (ws) %s" % hname, *segment_counts(half, ref, True))
        if a.dump:
            os.makedirs(a.dump, exist_ok=True)
            with open(os.path.join(a.dump, "trafilatura.jsonl"), "w", encoding="utf-8") as f:
                for p in paths:
                    it = items[p]
                    t = WS_RE.sub(" ", kb[p])
                    miss = [s for s in it["with"] if WS_RE.sub(" ", s).strip() not in t]
                    bad = [s for s in it["without"] if WS_RE.sub(" ", s).strip() in t]
                    f.write(json.dumps({"path": p, "missing": miss, "unwanted": bad,
                                        "len": len(kb[p])}, ensure_ascii=False) + "\n")
        print()

    for name, loader in (("cleaneval", set_cleaneval), ("readability", set_readability)):
        if name not in sets:
            continue
        golds = loader(a.data)
        paths = sorted(golds)
        kb = run_kabar(a.kabar, paths)
        label = "CleanEval dev+final" if name == "cleaneval" else "readability test pages (vs expected.html)"
        print("== %s: %d pages, 4-gram shingles, averaged per page" % (label, len(paths)))
        print("%-34s %9s %9s %9s" % ("", "precision", "recall", "F1"))
        row("kabar", *shingle_table(golds, kb))
        if not a.no_ref:
            ref = run_readability(paths, os.path.join(cache_dir, "readability_%s.json" % name))
            row("readability-lxml", *shingle_table(golds, ref))
        if a.dump:
            os.makedirs(a.dump, exist_ok=True)
            with open(os.path.join(a.dump, name + ".jsonl"), "w", encoding="utf-8") as f:
                for p in paths:
                    pr, rc = shingle_pr(golds[p], kb[p])
                    f.write(json.dumps({"path": p, "p": round(pr, 3), "r": round(rc, 3)}) + "\n")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
