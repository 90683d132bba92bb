#!/usr/bin/env python3
"""cluster_eval.py -- how well `kabar` groups articles into stories.

Three checks, each run through the real CLI (so ingest, store restore and
clustering are measured together):

  examples  kabar ingest examples/corpus, then compare `stories --json` with
            the ground truth listed in examples/README.md (events A-D plus
            singletons): pairwise precision/recall/F1 and B-cubed P/R/F1.
  seeds     kabar summarize --json ../shared/data/seeds/*.txt must give ONE
            story (five outlets, one event).
  newsid    kabar ingest ../shared/data/news-id: story-size distribution,
            the largest stories with their span in days, ingest time, and
            weak labels from detik1000 (its `entity` column, written by an
            LLM per article): the share of same-story pairs that share a
            named entity, against the same share for random pairs in the
            same week.

Usage: python3 bench/cluster_eval.py [--kabar PATH] [--data DIR] [--only examples,seeds,newsid]
                                     [--sample N] [--json]
Exit status 1 when the examples or the seeds miss their expected result.
Uses the Python standard library only; reads ../shared/data and never
copies any of it.
"""
import argparse
import collections
import csv
import datetime
import glob
import itertools
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def kabar_stories(kabar, db, inputs):
    """Ingest inputs into a fresh db; return (stories, seconds)."""
    if os.path.exists(db):
        os.remove(db)
    t0 = time.perf_counter()
    run([kabar, "-q", "--db", db, "ingest"] + inputs, cwd=ROOT)
    dt = time.perf_counter() - t0
    out = run([kabar, "--db", db, "stories", "--json", "--limit", "1000000"], cwd=ROOT).stdout
    return json.loads(out), dt


# --- ground truth of examples/corpus ------------------------------------------

def ground_truth():
    """url -> label from examples/README.md: '**A. ...' sections list the
    members of each event; 'Stories of one article each' lists singletons."""
    text = open(os.path.join(ROOT, "examples", "README.md"), encoding="utf-8").read()
    body = text.split("## Stories (ground truth)", 1)[1].split("\n## ", 1)[0]
    truth, label, single = {}, None, 0
    for line in body.splitlines():
        m = re.match(r"\*\*([A-Z])\. ", line)
        if m:
            label = m.group(1)
            continue
        if line.startswith("**Stories of one article each"):
            label = "single"
            continue
        m = re.match(r"- (https?://\S+?)(?::|\s|$)|- `([^`]+)`", line)
        if not m or label is None:
            continue
        url = m.group(1) or m.group(2)
        if label == "single":
            single += 1
            truth[url] = "S%d" % single
        else:
            truth[url] = label
    return truth


def pairs_of(groups):
    s = set()
    for g in groups:
        for a, b in itertools.combinations(sorted(g), 2):
            s.add((a, b))
    return s


def prf(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def score_clustering(pred, truth):
    """pred, truth: item -> label over the same items. Pairwise and B-cubed."""
    items = sorted(truth)
    by = lambda lab: [[i for i in items if lab[i] == l] for l in set(lab[i] for i in items)]
    pp, tp = pairs_of(by(pred)), pairs_of(by(truth))
    hit = len(pp & tp)
    p = hit / len(pp) if pp else 1.0
    r = hit / len(tp) if tp else 1.0
    bp = br = 0.0
    for i in items:
        same_p = {j for j in items if pred[j] == pred[i]}
        same_t = {j for j in items if truth[j] == truth[i]}
        both = len(same_p & same_t)
        bp += both / len(same_p)
        br += both / len(same_t)
    bp /= len(items)
    br /= len(items)
    return {"pair_p": p, "pair_r": r, "pair_f1": prf(p, r), "b3_p": bp, "b3_r": br, "b3_f1": prf(bp, br)}


def eval_examples(kabar, tmp):
    truth = ground_truth()
    stories, _ = kabar_stories(kabar, os.path.join(tmp, "examples.db"), ["examples/corpus"])
    pred = {}
    for s in stories:
        for a in s["articles"]:
            pred[a["url"]] = s["id"]
    missing = sorted(set(truth) - set(pred))
    for u in missing:  # an article kabar lost counts as a story of its own
        pred[u] = "missing:" + u
    sc = score_clustering({u: pred[u] for u in truth}, truth)
    sc["stories"] = len(stories)
    sc["expected_stories"] = len(set(truth.values()))
    sc["missing"] = missing
    wrong = []
    for s in stories:
        labs = collections.Counter(truth.get(a["url"], "?") for a in s["articles"])
        if len(labs) > 1:
            wrong.append({"story": s["title"], "labels": dict(labs)})
    for lab in sorted(set(truth.values())):
        ids = {pred[u] for u in truth if truth[u] == lab}
        if len(ids) > 1:
            wrong.append({"event": lab, "split_into": len(ids)})
    sc["errors"] = wrong
    return sc


def eval_seeds(kabar, data):
    files = sorted(glob.glob(os.path.join(data, "seeds", "*.txt")))
    if not files:
        return None
    out = json.loads(run([kabar, "summarize", "--json"] + files, cwd=ROOT).stdout)
    return {"files": len(files), "stories": len(out), "sizes": [len(s["articles"]) for s in out]}


# --- news-id ----------------------------------------------------------------------

def day_of(s):
    return datetime.date.fromisoformat(s[:10]) if s else None


def detik_labels(data):
    """tautan -> (set of folded entity names, date) from detik1000's LLM columns."""
    path = os.path.join(data, "news-id", "detik1000", "data_berita.csv")
    if not os.path.exists(path):
        return {}
    csv.field_size_limit(1 << 30)
    out = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            try:
                ent = json.loads(row.get("entity") or "{}")
            except ValueError:
                continue
            names = set()
            for v in ent.values() if isinstance(ent, dict) else []:
                for n in v if isinstance(v, list) else []:
                    if isinstance(n, str) and len(n) > 2:
                        names.add(n.strip().lower())
            out[row["tautan"].strip()] = names
    return out


def eval_newsid(kabar, data, tmp, sample, seed=1):
    src = os.path.join(data, "news-id")
    if not os.path.isdir(src):
        return None
    stories, secs = kabar_stories(kabar, os.path.join(tmp, "newsid.db"), [src])
    sizes = sorted((len(s["articles"]) for s in stories), reverse=True)
    n_art = sum(sizes)
    hist = collections.OrderedDict()
    for lo, hi in [(1, 1), (2, 2), (3, 4), (5, 9), (10, 19), (20, 49), (50, 10 ** 9)]:
        k = "%d" % lo if lo == hi else ("%d+" % lo if hi > 10 ** 8 else "%d-%d" % (lo, hi))
        hist[k] = sum(1 for x in sizes if lo <= x <= hi)

    def span(s):
        a, b = day_of(s.get("first_published")), day_of(s.get("last_published"))
        return (b - a).days if a and b else None

    big = sorted(stories, key=lambda s: -len(s["articles"]))[:8]
    spans = [span(s) for s in stories if len(s["articles"]) > 1 and span(s) is not None]
    res = {
        "articles": n_art, "stories": len(stories), "singletons": hist["1"],
        "hist": hist, "ingest_s": round(secs, 2),
        "largest": [{"n": len(s["articles"]), "span_days": span(s), "title": s["title"][:70]} for s in big],
        "max_span_days": max(spans) if spans else 0,
        "multi_over_30d": sum(1 for x in spans if x > 30),
        "share_in_20plus": round(sum(x for x in sizes if x >= 20) / n_art, 3) if n_art else 0,
    }
    # weak labels: detik1000's per-article entity lists
    lab = detik_labels(data)
    if lab:
        in_story, pairs = 0, 0
        members = collections.defaultdict(list)
        when = {}
        for s in stories:
            for a in s["articles"]:
                if a["url"] in lab:
                    members[s["id"]].append(a["url"])
                    when[a["url"]] = s.get("first_published")
        for urls in members.values():
            for a, b in itertools.combinations(urls, 2):
                pairs += 1
                in_story += bool(lab[a] & lab[b])
        rnd = random.Random(seed)
        allu = list(when)
        rshare, rn = 0, 0
        for _ in range(20000):
            a, b = rnd.sample(allu, 2)
            rn += 1
            rshare += bool(lab[a] & lab[b])
        res["detik_pairs"] = pairs
        res["detik_pairs_share_entity"] = round(in_story / pairs, 3) if pairs else None
        res["detik_random_share_entity"] = round(rshare / rn, 3)
    if sample:
        rnd = random.Random(seed)
        multi = [s for s in stories if len(s["articles"]) > 1]
        res["sample"] = [{"n": len(s["articles"]), "title": s["title"][:80],
                          "urls": [a["url"] for a in s["articles"][:4]]}
                         for s in rnd.sample(multi, min(sample, len(multi)))]
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kabar", default=os.path.join(ROOT, "build", "kabar"))
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--only", default="examples,seeds,newsid")
    ap.add_argument("--sample", type=int, default=0, help="print N random multi-article news-id stories")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    kabar = os.path.abspath(a.kabar)
    data = os.path.abspath(a.data)
    parts = set(a.only.split(","))
    res, ok = {}, True
    with tempfile.TemporaryDirectory(prefix="kabar-cl-") as tmp:
        if "examples" in parts:
            res["examples"] = eval_examples(kabar, tmp)
            ok &= res["examples"]["pair_f1"] == 1.0
        if "seeds" in parts:
            res["seeds"] = eval_seeds(kabar, data)
            if res["seeds"] is None:
                print("seeds: %s/seeds absent, skipped" % data, file=sys.stderr)
            else:
                ok &= res["seeds"]["stories"] == 1
        if "newsid" in parts:
            res["newsid"] = eval_newsid(kabar, data, tmp, a.sample)
            if res["newsid"] is None:
                print("newsid: %s/news-id absent, skipped" % data, file=sys.stderr)
    if a.json:
        print(json.dumps(res, indent=1, ensure_ascii=False))
        return 0 if ok else 1
    e = res.get("examples")
    if e:
        print("examples: %d stories (expected %d)  pairwise P %.3f R %.3f F1 %.3f  B3 P %.3f R %.3f F1 %.3f"
              % (e["stories"], e["expected_stories"], e["pair_p"], e["pair_r"], e["pair_f1"],
                 e["b3_p"], e["b3_r"], e["b3_f1"]))
        for w in e["errors"]:
            print("  error:", w)
    s = res.get("seeds")
    if s:
        print("seeds: %d files -> %d stories %s" % (s["files"], s["stories"], s["sizes"]))
    n = res.get("newsid")
    if n:
        print("news-id: %d articles -> %d stories, %d singletons, ingest %.2f s" %
              (n["articles"], n["stories"], n["singletons"], n["ingest_s"]))
        print("  sizes:", ", ".join("%s: %d" % kv for kv in n["hist"].items()))
        print("  longest span %d days; multi-article stories over 30 days: %d; share of articles in 20+ stories: %.3f"
              % (n["max_span_days"], n["multi_over_30d"], n["share_in_20plus"]))
        for b in n["largest"]:
            print("  largest: %4d articles %4s days  %s" % (b["n"], b["span_days"], b["title"]))
        if "detik_pairs" in n:
            print("  detik1000 same-story pairs sharing an LLM-listed entity: %s of %d (random pairs: %s)"
                  % (n["detik_pairs_share_entity"], n["detik_pairs"], n["detik_random_share_entity"]))
        for x in n.get("sample", []):
            print("  sample: %d  %s" % (x["n"], x["title"]))
            for u in x["urls"]:
                print("          ", u)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
