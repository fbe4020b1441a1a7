#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Scores Rushes' shot, gradual-transition and video-QC detectors on the
labelled corpus made by generate_eval.py, next to FFmpeg's scdet (default
threshold and its best threshold on the same clips). Independent of the C++
code: it reads `rushes analyze --json` and scdet's own log.

Usage: evaluate.py [--skip-scdet] RUSHES_BINARY CORPUS_DIR
"""
import json
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path


def match(truth, found, tolerance):
    """1-to-1 greedy matching of frame numbers within a tolerance."""
    found = sorted(found)
    used = [False] * len(found)
    hits = 0
    for t in sorted(truth):
        best = None
        for i, f in enumerate(found):
            if not used[i] and abs(f - t) <= tolerance and (best is None or abs(f - t) < abs(found[best] - t)):
                best = i
        if best is not None:
            used[best] = True
            hits += 1
    return hits


def prf(hits, n_truth, n_found):
    p = hits / n_found if n_found else 1.0
    r = hits / n_truth if n_truth else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def gradual_frames(truth):
    # A gradual transition is found when a reported boundary lands inside it.
    return [(g["start_frame"], g["end_frame"]) for g in truth.get("gradual", [])]


def scdet_frames(clip, fps, threshold):
    log = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(clip), "-vf", f"scdet=threshold={threshold}",
                          "-an", "-f", "null", "-"], capture_output=True, text=True).stderr
    return [round(Fraction(m) * fps) for m in re.findall(r"lavfi\.scd\.time: ([0-9.]+)", log)]


def score_cuts(clips, cuts_by_clip, tolerance):
    hits = n_truth = n_found = flash_false = 0
    for name, truth in clips.items():
        found = cuts_by_clip[name]
        # Cuts inside labelled gradual transitions are neither right nor wrong for the hard-cut score.
        inside = [f for f in found if any(a <= f <= b for a, b in gradual_frames(truth))]
        found = [f for f in found if f not in inside]
        hits += match(truth["cuts"], found, tolerance)
        n_truth += len(truth["cuts"])
        n_found += len(found)
        flashes = {fl["start_frame"] + k for fl in truth.get("flashes", []) for k in range(fl["frames"] + 1)}
        flash_false += sum(1 for f in found if f in flashes)
    return prf(hits, n_truth, n_found) + (flash_false,)


GRADUAL_KINDS = ("dissolve", "fade_in", "fade_out", "wipe")


def reported_gradual(result, fps):
    """Reported gradual transitions as (kind, first frame, last frame), from the frames if
    given, else from start_s/end_s (the fixed shape of the JSON)."""
    out = []
    for t in result["transitions"]:
        if t["kind"] not in GRADUAL_KINDS:
            continue
        start = t.get("start_frame", round(t["start_s"] * fps))
        end = t.get("end_frame", round(t["end_s"] * fps))
        out.append((t["kind"], start, end))
    return out


def match_gradual(truth, found):
    """1-to-1: each labelled transition takes the unused report that overlaps it most
    (README: a hit when a reported interval overlaps [start_frame, end_frame])."""
    used, pairs = set(), []
    for g in sorted(truth, key=lambda g: g["start_frame"]):
        best, best_overlap = None, 0
        for i, (_, a, b) in enumerate(found):
            overlap = min(b, g["end_frame"]) - max(a, g["start_frame"]) + 1
            if i not in used and overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is not None:
            used.add(best)
        pairs.append((g, found[best] if best is not None else None))
    unmatched = [f for i, f in enumerate(found) if i not in used]
    return pairs, unmatched


def score_gradual(clips, results):
    per_kind = {k: [0, 0, 0, 0] for k in GRADUAL_KINDS}  # truths, found, reported, reported that matched
    hits = n_truth = n_found = kind_right = 0
    cuts_inside = 0
    false = []
    start_errors, end_errors = [], []
    for name, truth in clips.items():
        fps = float(Fraction(truth["fps"]))
        found = reported_gradual(results[name], fps)
        pairs, unmatched = match_gradual(truth.get("gradual", []), found)
        for g, f in pairs:
            per_kind[g["kind"]][0] += 1
            n_truth += 1
            if f is not None:
                per_kind[g["kind"]][1] += 1
                hits += 1
                kind_right += f[0] == g["kind"]
                per_kind[f[0]][3] += 1
                start_errors.append(abs(f[1] - g["start_frame"]))
                end_errors.append(abs(f[2] - g["end_frame"]))
        for f in found:
            per_kind[f[0]][2] += 1
        n_found += len(found)
        false += [(name,) + f for f in unmatched]
        # The cut list must not repeat a transition that is reported as gradual.
        cuts = [t["frame"] for t in results[name]["transitions"] if t["kind"] == "cut"]
        cuts_inside += sum(1 for c in cuts if any(a <= c <= b for _, a, b in found))
    p, r, f = prf(hits, n_truth, n_found)
    print(f"gradual transitions (hit = reported interval overlaps the labelled one, 1-to-1): "
          f"precision {p:.3f} recall {r:.3f} F1 {f:.3f} ({hits}/{n_truth} found, {n_found} reported; "
          f"kind right for {kind_right}/{hits}; cuts reported inside a reported transition: {cuts_inside})")
    if start_errors:
        def median(v):
            v = sorted(v)
            return v[len(v) // 2]
        print(f"  edges of the hits, frames off: start median {median(start_errors)} max {max(start_errors)}; "
              f"end median {median(end_errors)} max {max(end_errors)}; both within 2 frames for "
              f"{sum(1 for a, b in zip(start_errors, end_errors) if a <= 2 and b <= 2)}/{len(start_errors)}")
    for kind, (t, h, rep, rep_hit) in per_kind.items():
        recall = h / t if t else float("nan")
        precision = rep_hit / rep if rep else float("nan")
        print(f"  {kind:<9} recall {recall:.3f} ({h}/{t})   precision of '{kind}' reports {precision:.3f} "
              f"({rep_hit}/{rep})")
    for name, kind, a, b in false:
        print(f"  false: {name} {kind} frames {a}-{b}")


def interval_hits(truth_runs, found_runs, tolerance_s):
    hits = 0
    for t in truth_runs:
        if any(abs(f["start_s"] - t["start_s"]) <= tolerance_s and abs(f["end_s"] - t["end_s"]) <= tolerance_s
               for f in found_runs):
            hits += 1
    return hits


def main():
    args = sys.argv[1:]
    skip_scdet = "--skip-scdet" in args
    args = [a for a in args if a != "--skip-scdet"]
    if len(args) != 2:
        sys.exit(__doc__)
    rushes, corpus = Path(args[0]), Path(args[1])
    names = json.loads((corpus / "manifest.json").read_text())["clips"]
    names = [n["file"] if isinstance(n, dict) else n for n in names]
    clips, ours, results = {}, {}, {}
    for name in names:
        truth = json.loads((corpus / (name + ".json")).read_text())
        clips[name] = truth
        out = subprocess.run([str(rushes), "analyze", str(corpus / name), "--json", "-"], capture_output=True,
                             text=True, check=True).stdout
        results[name] = json.loads(out)
        ours[name] = [t["frame"] for t in results[name]["transitions"] if t["kind"] == "cut"]

    print(f"{'detector':<32} {'tol':>3} {'precision':>9} {'recall':>7} {'F1':>6} {'false cuts on flashes':>22}")
    for tol in (0, 1):
        p, r, f, fl = score_cuts(clips, ours, tol)
        print(f"{'rushes hard cuts':<32} {tol:>3} {p:>9.3f} {r:>7.3f} {f:>6.3f} {fl:>22}")
    best = None
    for threshold in () if skip_scdet else (10, 2, 3, 4, 5, 6, 8, 12, 15, 20, 30):
        fps_of = {n: Fraction(clips[n]["fps"]) for n in names}
        found = {n: scdet_frames(corpus / n, fps_of[n], threshold) for n in names}
        scores = [score_cuts(clips, found, tol) for tol in (0, 1)]
        if threshold == 10:
            for tol, (p, r, f, fl) in zip((0, 1), scores):
                print(f"{'scdet default (threshold 10)':<32} {tol:>3} {p:>9.3f} {r:>7.3f} {f:>6.3f} {fl:>22}")
        if best is None or scores[1][2] > best[1][1][2]:
            best = (threshold, scores)
    if best:
        for tol, (p, r, f, fl) in zip((0, 1), best[1]):
            print(f"{f'scdet best (threshold {best[0]})':<32} {tol:>3} {p:>9.3f} {r:>7.3f} {f:>6.3f} {fl:>22}")

    print()
    score_gradual(clips, results)
    print()
    for kind in ("black", "freeze"):
        n_truth = hits = n_found = 0
        for name, truth in clips.items():
            t_runs = [q for q in truth.get("qc", []) if q["kind"] == kind]
            f_runs = [q for q in results[name]["qc"] if q["kind"] == kind]
            if kind == "freeze":  # black holds are frozen too; the truth says to ignore those
                blacks = [q for q in truth.get("qc", []) if q["kind"] == "black"]
                f_runs = [q for q in f_runs if not any(abs(q["start_s"] - b["start_s"]) < 0.1 for b in blacks)]
            fps = float(Fraction(truth["fps"]))
            hits += interval_hits(t_runs, f_runs, 1.0 / fps + 1e-6)
            n_truth += len(t_runs)
            n_found += len(f_runs)
        p, r, f = prf(hits, n_truth, n_found)
        print(f"QC {kind:<8} boundaries within 1 frame: precision {p:.3f} recall {r:.3f} F1 {f:.3f} "
              f"({hits}/{n_truth} found, {n_found} reported)")


if __name__ == "__main__":
    main()
