#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Labelled evaluation corpus for Rushes' shot and highlight detectors.

Usage: generate_eval.py [--force] [--quiet] [--jobs N] OUTDIR

For every clip this writes OUTDIR/<name>.mp4 (H.264 + AAC, 320x180, 25 fps)
and OUTDIR/<name>.mp4.json (its truth), and finally OUTDIR/manifest.json
(clip names and label counts).
tests/eval/README.md describes the clips, the truth schema and how the
tolerances are meant.

* Truth comes from the recipe: every shot, transition, flash, freeze, black
  hold, silence, roar and line of speech is placed at an exact frame (video)
  or sample (audio), and the truth is computed from those numbers, never
  measured.  Only the loudness (ffmpeg's ebur128 on the finished file) and
  the voiced extent of each espeak-ng line (read from the WAV it wrote) are
  measured.
* Every clip is verified after it is built, and any mismatch aborts with a
  non-zero exit (so a wrong truth file is never written): ffprobe frame count,
  frame rate and duration; every labelled hard cut must be the frame-difference
  peak of its neighbourhood (scdet's MAFD); ffmpeg's blackdetect, freezedetect
  and silencedetect (the DESIGN.md rules) must find exactly the labelled QC
  intervals, within one frame / 20 ms; the audio master must be clipped
  exactly inside the labelled clipping intervals and nowhere else.
* Deterministic: bitexact flags, no metadata, single-threaded encoders and
  filters, fixed noise seeds; espeak-ng is deterministic.  Keyframes are on a
  fixed 2 s grid (no scene-cut keyframes), so a detector cannot read the cuts
  off the packet flags.
* Idempotent and fast when warm: a clip is skipped when its media and truth
  exist and OUTDIR/.stamps/<name> holds the same recipe hash (recipe + tool
  versions + content hash of every opencv-doc file it reads) and media sha256.
* Atomic: everything is produced under OUTDIR/.tmp/ and moved into place with
  os.replace(); the stamp is written last, so a killed run is simply redone.

Inputs: lavfi sources (mandelbrot, life, cellauto, testsrc2, anoisesrc,
sine), espeak-ng, and the sample media of Debian's opencv-doc package, read
in place from /usr/share/doc/opencv-doc/examples/data (Apache-2.0 AND
BSD-3-Clause, see /usr/share/doc/opencv-doc/copyright); nothing of it is
copied into the repository.  Python 3 standard library only.
"""

import argparse
import array
import concurrent.futures
import fcntl
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import wave

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
from genlib import GeneratorError as EvalError, ffprobe_json, file_sha256, json_bytes, run, write_atomic  # noqa: E402

# Bump when a helper below changes the output bytes or truth of every clip.
GENERATOR_REV = 1

W, H, FPS = 320, 180, 25
SR = 48000
SPF = SR // FPS                       # audio samples per video frame (1920)
MIN_SHOT = 20                         # frames: 0.8 s, the shortest shot we make
DATA = "/usr/share/doc/opencv-doc/examples/data"

# Bed and event levels.  anoisesrc's pink noise has an RMS level 14.16 dB
# below 20*log10(amplitude) and never exceeds the amplitude (measured with
# astats over 20 s); the bed sits at -40 dBFS RMS.  A roar of +G dB over the
# bed is the same noise at G dB more amplitude, so its strength is exact.
PINK_RMS_DB = -14.16
BED_DB = -40.0
STRENGTH_FULL_DB = 24.0               # strength = gain over bed / 24 dB
QC_MIN = 2.2                          # s: QC intervals are at least this long
NEAR_MAX = 1.2                        # s: near misses are at most this long

BITEXACT = ["-fflags", "+bitexact", "-flags:v", "+bitexact",
            "-flags:a", "+bitexact", "-map_metadata", "-1"]
ONE_THREAD = ["-threads", "1", "-filter_threads", "1",
              "-filter_complex_threads", "1"]
# Keyframes every 10 s (x264's default keyint) and never at scene changes.
# An I-frame re-encodes a frozen picture with a different quantisation error
# (MAFD ~0.5 % against the frame before it, about -45 dB), which would split
# a freeze for a -60 dB rule, so freezes are placed between keyframes; see
# Clip.add.
GOP = 250
X264 = ["-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high",
        "-crf", "20", "-pix_fmt", "yuv420p", "-g", str(GOP),
        "-sc_threshold", "0", "-bf", "3"]
AAC = ["-c:a", "aac", "-b:a", "128k", "-ar", str(SR), "-ac", "2"]

PROG = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "generate_eval.py"




def db_to_amp(db):
    return 10.0 ** (db / 20.0)


def pink_amp_for_rms_db(rms_db):
    return db_to_amp(rms_db - PINK_RMS_DB)


def s_of_frame(f):
    return round(f / FPS, 6)


def s_of_sample(n):
    return round(n / SR, 6)


# --------------------------------------------------------------------------
# Sources.  Each is plain data; source_chain() turns it into filters that
# produce frames [a, b) of it as 320x180 yuv420p at 25 fps.
# --------------------------------------------------------------------------

def mandel(x, y, s0, s1=None, secs=60, outer="normalized_iteration_count",
           inner="mincol", maxiter=1024):
    """mandelbrot zooming from scale s0 towards s1 over `secs` seconds."""
    s1 = s0 / 10 if s1 is None else s1
    return {"k": "lavfi", "look": "mandelbrot",
            "expr": f"mandelbrot=s={W}x{H}:r={FPS}:start_x={x}:start_y={y}:"
                    f"start_scale={s0}:end_scale={s1}:end_pts={secs}:"
                    f"maxiter={maxiter}:outer={outer}:inner={inner}"}


def life(seed, life_color, death_color, mold_color, ratio=0.12, mold=8):
    return {"k": "lavfi", "look": "life",
            "expr": f"life=s={W}x{H}:r={FPS}:seed={seed}:ratio={ratio}:"
                    f"mold={mold}:life_color={life_color}:"
                    f"death_color={death_color}:mold_color={mold_color}"}


def cellauto(rule, seed, post="", ratio=0.5):
    e = (f"cellauto=s={W}x{H}:r={FPS}:rule={rule}:random_seed={seed}:"
         f"random_fill_ratio={ratio}:scroll=1:full=1")
    return {"k": "lavfi", "look": "cellauto", "expr": e + (f",{post}" if post else "")}


def testsrc(hue=0):
    e = f"testsrc2=s={W}x{H}:r={FPS}"
    if hue:
        e += f",hue=h={hue}"
    return {"k": "lavfi", "look": "testsrc2", "expr": e}


def color(c):
    return {"k": "color", "c": c}


# Megamind.avi (720x528, 270 frames) holds four shots of its own, found with
# scdet and checked frame by frame: frame 0 is black, then [1,98) woman,
# [98,154) man, [154,200) woman, [200,270) close-up with glasses.  We only
# ever take frames from inside one of them.
MEGA_SHOTS = [(1, 98), (98, 154), (154, 200), (200, 270)]


def movie(path, start, crop, post="", shots=None):
    """Frames of an opencv-doc video from `start`, played one source frame
    per output frame (re-timed to 25 fps, so nothing is duplicated), cropped
    to the 16:9 `crop` = (w, h, x, y) and scaled to 320x180."""
    return {"k": "movie", "path": path, "start": start, "crop": list(crop),
            "post": post, "shots": shots}


def mega(shot, offset=0, crop=(720, 405, 0, 30), post=""):
    a, b = MEGA_SHOTS[shot]
    return movie("Megamind.avi", a + offset, crop, post, shots=[a, b])


VT_FRAMES = 795        # vtest.avi: 768x576, 10 fps, one static camera


def vtest(start, framing="wide", post=""):
    crops = {"wide": (768, 432, 0, 72), "left": (400, 225, 0, 200),
             "right": (448, 252, 320, 170), "far": (384, 216, 200, 0)}
    return movie("vtest.avi", start, crops[framing], post, shots=[0, VT_FRAMES])


def tree(start=0):
    return movie("tree.avi", start, (320, 180, 0, 30), shots=[0, 68])


def still(image, z=(1.0, 1.25), cx=(0.5, 0.5), cy=(0.5, 0.5), grab=None):
    """A slow zoom/drift over a still: zoompan over the image cover-fitted
    to 1280x720, zoom z[0]->z[1] and centre (cx, cy) moving linearly over
    the shot.  `grab` = (video, frame, crop) takes the still from a video
    frame instead; image "mandelbrot:..." renders a 1280x720 mandelbrot."""
    return {"k": "still", "image": image, "z": list(z), "cx": list(cx),
            "cy": list(cy), "grab": grab}


def pan(image, keys, canvas=(3840, 1440), window=(1280, 720), video=None,
        video_start=0, y=0.5):
    """A camera pan: a window of `window` size moving over the cover-fitted
    `canvas` with its left edge at keys [(frame, x fraction of the travel),
    ...] (cosine-eased between keys), scaled to 320x180.  With `video` the
    canvas is that opencv-doc video (moving content) instead of a still.
    The still canvas is 4x the output size, so the even-pixel steps of crop
    are 1/4 output pixel and slow pans do not judder."""
    return {"k": "pan", "image": image, "keys": [list(k) for k in keys],
            "canvas": list(canvas), "window": list(window), "video": video,
            "video_start": video_start, "y": y}


def _esc_path(p):
    if not re.fullmatch(r"[A-Za-z0-9_./-]+", p):
        raise EvalError(f"path not usable in a filter graph: {p!r}")
    return p


# Frame n at exactly n/25 s.  settb first: concat and xfade output other
# time bases, where setpts=N alone would squeeze the frames together.
RETIME = f"settb=expr=1/{FPS},setpts=N"


def _norm(n):
    """Re-time to exactly 25 fps (one output frame per input frame), force
    the shared format, and cut to exactly n frames."""
    return (f"{RETIME},fps={FPS},setsar=1,format=yuv420p,"
            f"trim=end_frame={n}")


def _eased(keys, var):
    """Piecewise cosine-eased interpolation through keys [(t, v), ...]."""
    expr = f"{keys[-1][1]}"
    for (t0, v0), (t1, v1) in reversed(list(zip(keys, keys[1:]))):
        seg = (f"{v0}+({v1}-{v0})*(1-cos(PI*({var}-{t0})/{t1 - t0}))/2"
               if v1 != v0 else f"{v0}")
        expr = f"if(lt({var},{t1}),{seg},{expr})"
    return expr


def source_chain(src, a, b, total):
    """Filters producing frames [a, b) of `src` (total = the shot's full
    length, which zoom/pan expressions are normalised to)."""
    n = b - a
    k = src["k"]
    if k == "lavfi":
        return f"{src['expr']},trim=start_frame={a}:end_frame={b},{_norm(n)}"
    if k == "color":
        return f"color=c={src['c']}:s={W}x{H}:r={FPS},{_norm(n)}"
    if k == "movie":
        path = _esc_path(os.path.join(DATA, src["path"]))
        s = src["start"]
        lo, hi = src["shots"]
        if not (lo <= s + a and s + b <= hi):
            raise EvalError(f"{src['path']}: frames [{s + a},{s + b}) leave "
                            f"its shot [{lo},{hi})")
        cw, ch, cx, cy = src["crop"]
        if cw * 9 != ch * 16:
            raise EvalError(f"{src['path']}: crop {cw}x{ch} is not 16:9")
        post = f",{src['post']}" if src["post"] else ""
        return (f"movie={path},trim=start_frame={s + a}:end_frame={s + b},"
                f"crop={cw}:{ch}:{cx}:{cy},scale={W}:{H}{post},{_norm(n)}")
    if k == "still":
        g = src["grab"]
        if src["image"].startswith("mandelbrot:"):
            head = (f"mandelbrot=s=1280x720:r={FPS}:{src['image'][11:]},"
                    f"trim=end_frame=1")
        elif g:
            path = _esc_path(os.path.join(DATA, g[0]))
            cw, ch, cx, cy = g[2]
            head = (f"movie={path},trim=start_frame={g[1]}:end_frame={g[1] + 1},"
                    f"crop={cw}:{ch}:{cx}:{cy},scale=1280:720")
        else:
            path = _esc_path(os.path.join(DATA, src["image"]))
            head = (f"movie={path},scale=1280:720:force_original_aspect_ratio="
                    f"increase,crop=1280:720")
        z0, z1 = src["z"]
        d = max(total - 1, 1)
        z = f"{z0}+({z1}-{z0})*on/{d}"
        x = (f"iw*({src['cx'][0]}+({src['cx'][1]}-{src['cx'][0]})*on/{d})"
             f"-iw/zoom/2")
        y = (f"ih*({src['cy'][0]}+({src['cy'][1]}-{src['cy'][0]})*on/{d})"
             f"-ih/zoom/2")
        return (f"{head},setsar=1,format=yuv420p,zoompan=z='{z}':x='{x}':y='{y}':"
                f"d={total}:s={W}x{H}:fps={FPS},"
                f"trim=start_frame={a}:end_frame={b},{_norm(n)}")
    if k == "pan":
        cw, chh = src["canvas"]
        ww, wh = src["window"]
        if ww * 9 != wh * 16:
            raise EvalError("pan window is not 16:9")
        travel_x, travel_y = cw - ww, chh - wh
        keys = [(t, round(f * travel_x, 3)) for t, f in src["keys"]]
        x = _eased(keys, "n")
        y = round(src["y"] * travel_y, 3)
        if src["video"]:
            path = _esc_path(os.path.join(DATA, src["video"]))
            vs = src["video_start"]
            head = (f"movie={path},trim=start_frame={vs}:end_frame={vs + total},"
                    f"scale={cw}:{chh}:force_original_aspect_ratio=increase,"
                    f"crop={cw}:{chh},settb=expr=1/{FPS},setpts=N")
        else:
            path = _esc_path(os.path.join(DATA, src["image"]))
            head = (f"movie={path},scale={cw}:{chh}:force_original_aspect_ratio="
                    f"increase,crop={cw}:{chh},tpad=stop_mode=clone:"
                    f"stop={total - 1},settb=expr=1/{FPS},setpts=N")
        return (f"{head},crop={ww}:{wh}:x='{x}':y={y},scale={W}:{H},"
                f"trim=start_frame={a}:end_frame={b},{_norm(n)}")
    raise EvalError(f"unknown source kind {k}")


def source_files(src):
    """opencv-doc files a source reads (for the recipe hash)."""
    out = []
    for key in ("path", "video"):
        if src.get(key):
            out.append(src[key])
    if src["k"] == "still":
        if src.get("grab"):
            out.append(src["grab"][0])
        elif not src["image"].startswith("mandelbrot:"):
            out.append(src["image"])
    if src["k"] == "pan" and not src.get("video"):
        out.append(src["image"])
    return out


# --------------------------------------------------------------------------
# Timeline builder: a clip is a list of items (shots) joined by hard cuts or
# xfade transitions, plus flashes on the finished picture and an audio track
# of bed, silences, roars, speech and clipped tones.  The builder computes
# every truth position as the items are added.
# --------------------------------------------------------------------------

XFADE_KIND = {"fade": "dissolve", "dissolve": "dissolve",
              "fadeblack": "dissolve", "fadewhite": "dissolve",
              "wipeleft": "wipe", "wiperight": "wipe", "wipeup": "wipe",
              "wipedown": "wipe"}

SPEECH_STYLES = {
    # espeak-ng options; excited = raised pitch, fast and loud.
    "excited": ["-p", "80", "-s", "190", "-a", "180"],
    "calm": ["-p", "40", "-s", "140", "-a", "100"],
}


class Clip:
    def __init__(self, name, seed):
        self.name = name
        self.seed = seed
        self.items = []          # {"src", "frames", "freeze", "fade_in", ...}
        self.frames = 0
        self.cuts = []
        self.gradual = []
        self.whips = []
        self.qc_video = []       # black / freeze in frames
        self.flashes = []
        self.interviews = []
        self.silences = []       # [start_sample, end_sample)
        self.audio = []
        self.busy = []           # frame ranges where no flash may go
        self.near = []           # QC-like intervals below the threshold

    # ---- video -----------------------------------------------------------
    def add(self, src, frames, join="cut", fade_in=None, fade_out=None,
            freeze=None, whips=(), interview=False):
        """Append a shot of `frames` source frames (plus `freeze`=(f, k):
        source frame f held for k more frames).  join: "cut" or
        (xfade_transition, frames).  fade_in/fade_out = (colour, frames)
        with the fade filter.  whips = [(a, b)] local frames of fast pans
        (for the truth; the motion is the source's).  Returns the output
        frame where the shot starts."""
        hold = freeze[1] if freeze else 0
        length = frames + hold
        if length < MIN_SHOT:
            raise EvalError(f"{self.name}: shot of {length} frames < {MIN_SHOT}")
        solid = src["k"] == "color"
        head = src["c"] if solid else ("pic" if not fade_in else fade_in[0])
        tail = src["c"] if solid else ("pic" if not fade_out else fade_out[0])
        item = {"src": src, "frames": frames, "freeze": list(freeze) if freeze else None,
                "fade_in": list(fade_in) if fade_in else None,
                "fade_out": list(fade_out) if fade_out else None,
                "whips": [list(w) for w in whips], "join": None,
                "head": head, "tail": tail}
        if not self.items:
            start = 0
            item["join"] = "first"
        elif join == "cut":
            start = self.frames
            item["join"] = "cut"
            if self.items[-1]["tail"] != head or head == "pic":
                self.cuts.append(start)
            self.busy.append((start - 6, start + 6))
        else:
            trans, d = join
            prev = self.items[-1]
            if d >= min(self.items[-1]["len"], length) - 4:
                raise EvalError(f"{self.name}: xfade {d} too long for its shots")
            start = self.frames - d
            if self.gradual and self.gradual[-1]["end_frame"] >= start:
                raise EvalError(f"{self.name}: overlapping transitions at {start}")
            kind = XFADE_KIND[trans]
            if prev["tail"] in ("black", "white") and prev["src"]["k"] == "color":
                kind = "fade_in"
            elif solid:
                kind = "fade_out"
            # Frame `start` is still all A, start+1 .. start+d-1 are mixed,
            # start+d is the first frame that is all B (checked with
            # signalstats on black/white sources, FFmpeg 5.1).
            self._gradual(kind, f"xfade:{trans}", start + 1, start + d)
            item["join"] = [trans, d]
        item["len"] = length
        item["start"] = start
        self.items.append(item)
        self.frames = start + length
        if fade_in:
            # fade filter, start_frame 0: frame 0 is all colour, 1 .. n-1
            # ramp, n is the full picture.
            self._gradual("fade_in", f"fade:{fade_in[0]}", start + 1,
                          start + fade_in[1])
        if fade_out:
            # fade out from L-1-n: frames L-n .. L-2 ramp, L-1 is all colour.
            n = fade_out[1]
            self._gradual("fade_out", f"fade:{fade_out[0]}",
                          start + length - n, start + length - 1)
        if freeze:
            f, k = freeze
            fs = start + f
            self.busy.append((fs - 6, fs + k + 7))
            # Source frame f and its k copies: k+1 identical frames.
            self._qc_or_near("freeze", fs, fs + k + 1)
            if any(fs < kf < fs + k + 1 for kf in range(0, fs + k + 1, GOP)):
                raise EvalError(f"{self.name}: freeze [{fs},{fs + k + 1}) "
                                f"spans a keyframe (every {GOP} frames)")
        if solid and src["c"] == "black" and (start == 0 or start in self.cuts):
            # Black holds count as QC black only when cut in and out (fades
            # make the blackdetect boundary depend on the picture); the
            # caller checks that the next join is a cut too.
            self._qc_or_near("black", start, start + length)
        for a, b in whips:
            self.whips.append({"start_frame": start + a, "end_frame": start + b})
            self.busy.append((start + a - 6, start + b + 6))
        if interview:
            # From the first frame that is all this shot to the first that
            # is not (see recipe() for a transition out).
            a = start if item["join"] in ("cut", "first") else start + item["join"][1]
            self.interviews.append({"start_frame": a, "end_frame": start + length,
                                    "item": len(self.items) - 1})
        return start

    def _qc_or_near(self, kind, a, b):
        """QC intervals are >= 2.2 s, near misses <= 1.2 s: nothing sits
        on the 2 s threshold, where frame/sample rounding would decide."""
        if b - a >= round(QC_MIN * FPS):
            self.qc_video.append({"kind": kind, "start_frame": a, "end_frame": b})
        elif b - a <= round(NEAR_MAX * FPS):
            self.near.append({"kind": kind, "start_frame": a, "end_frame": b})
        else:
            raise EvalError(f"{self.name}: {kind} of {b - a} frames is too "
                            f"close to the 2 s QC threshold")

    def _gradual(self, kind, style, a, b):
        self.gradual.append({"kind": kind, "style": style, "start_frame": a,
                             "end_frame": b})
        self.busy.append((a - 6, b + 6))

    def flash(self, at, styles):
        """Flash at output frame `at`: one frame per entry of styles
        ("white" = full white, "bright" = strongly brightened)."""
        n = len(styles)
        if not 1 <= n <= 3:
            raise EvalError("a flash is 1-3 frames")
        for lo, hi in self.busy:
            if at < hi and at + n > lo:
                raise EvalError(f"{self.name}: flash at {at} too close to a "
                                f"cut/transition/freeze/whip [{lo},{hi})")
        item = next(i for i in self.items if i["start"] <= at < i["start"] + i["len"])
        if (item["src"]["k"] == "color" or at + n + 6 > item["start"] + item["len"]
                or at - 6 < item["start"]):
            raise EvalError(f"{self.name}: flash at {at} not inside a picture shot")
        self.flashes.append({"start_frame": at, "frames": n, "styles": list(styles)})
        self.busy.append((at - 4, at + n + 4))

    # ---- audio -----------------------------------------------------------
    def silence(self, start_s, dur_s):
        a = round(start_s * SR)
        self.silences.append([a, a + round(dur_s * SR)])

    def roar(self, start_s, gain_db, attack_s, sustain_s, decay_s):
        self.audio.append({"k": "roar", "start": round(start_s * SR),
                           "attack": round(attack_s * SR),
                           "sustain": round(sustain_s * SR),
                           "decay": round(decay_s * SR), "gain_db": gain_db,
                           "seed": self.seed * 100 + len(self.audio)})

    def speech(self, start_s, style, texts, gain_db, voice="en-us+m3",
               gap_s=0.3):
        """espeak-ng lines spoken one after the other from start_s, `gap_s`
        after the end of each line's WAV (positions are resolved when the
        WAVs exist; the truth has each line's voiced extent)."""
        self.audio.append({"k": "speech", "start": round(start_s * SR),
                           "style": style, "texts": list(texts),
                           "gain_db": gain_db, "voice": voice,
                           "gap": round(gap_s * SR)})

    def tone(self, start_s, dur_s, freq, gain):
        """A sine at 1/8 full scale times `gain`; gain > 8 clips."""
        self.audio.append({"k": "tone", "start": round(start_s * SR),
                           "len": round(dur_s * SR), "freq": freq, "gain": gain})

    def recipe(self):
        # A black QC hold must be cut out as well as in.
        # (A short black hold that fades out is simply not a near miss.)
        for q in self.qc_video + list(self.near):
            if q["kind"] != "black":
                continue
            if q["end_frame"] != self.frames and q["end_frame"] not in self.cuts:
                if q in self.near:
                    self.near.remove(q)
                else:
                    raise EvalError(f"{self.name}: black hold at "
                                    f"{q['start_frame']} must end with a cut")
        ivs = []
        for iv in self.interviews:
            nxt = iv["item"] + 1
            end = iv["end_frame"]
            if nxt < len(self.items) and self.items[nxt]["join"] != "cut":
                end = self.items[nxt]["start"] + 1
            ivs.append({"start_frame": iv["start_frame"], "end_frame": end})
        for a, b in self.silences:
            if a < 0 or b > self.frames * SPF:
                raise EvalError(f"{self.name}: silence outside the clip")
            if not (b - a >= round(QC_MIN * SR) or b - a <= round(NEAR_MAX * SR)):
                raise EvalError(f"{self.name}: silence of {(b - a) / SR} s is "
                                f"too close to the 2 s QC threshold")
        return {"name": self.name + ".mp4", "frames": self.frames,
                "seed": self.seed, "items": self.items,
                "flashes": self.flashes, "silences": self.silences,
                "audio": self.audio,
                "truth": {"cuts": self.cuts, "gradual": self.gradual,
                          "whip_pans": self.whips, "qc_video": self.qc_video,
                          "near_misses": self.near,
                          "interviews": ivs}}


def at(clip):
    """Current end of the clip's video, in seconds."""
    return clip.frames / FPS


# --------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------

# Mandelbrot places (x, y, scale).
M_FULL = (-0.743643887037151, 0.131825904205330, 3.0)
M_SEAHORSE = (-0.7453, 0.1127, 0.012)
M_SEAHORSE2 = (-0.7463, 0.1102, 0.010)       # next door: same colours
M_ELEPHANT = (0.2925, 0.0149, 0.02)
M_SPIRAL = (-0.1011, 0.9563, 0.02)
M_MINI = (-1.7497, 0.0, 0.03)

CALM_LINES = [
    "We prepared well this week, and I think the team followed the plan.",
    "The second half was more difficult, but we kept our shape and stayed patient.",
    "Conditions were fine today. The pitch was good and the crowd was fair.",
    "I want to thank the staff for their work. Now we rest and look at the next game.",
    "It is a long season. We take every match as it comes and learn from it.",
    "Here is the view from the north stand, where the supporters gather before kick off.",
    "The club was founded more than a century ago, and the ground has been rebuilt twice.",
    "In the first half there were few chances for either side.",
    "Yes, I am happy with the result.",
    "We will see what happens next week.",
    "The players worked hard today, and they deserved it.",
]
EXCITED_LINES = [
    "Goal! What a strike! Absolutely unbelievable!",
    "He shoots! He scores! Oh what a moment, incredible!",
    "Yes! Yes! That is magnificent! The stadium is on its feet!",
    "Look at that! Brilliant! Simply brilliant!",
]


def build_clips():
    clips = []

    # 1. Hard cuts only, 24 of them, between all kinds of content; several
    # pairs share their colours (the hard cases are marked "similar").
    c = Clip("cuts_mixed", 1)
    c.add(mandel(*M_FULL), 62)
    c.add(vtest(0), 48)
    c.add(life(11, "#F0E060", "#301010", "#804020"), 35)
    c.add(mega(0, 5), 70)
    c.add(mega(2, 10), 33)                                   # similar: woman / woman
    c.add(still("starry_night.jpg", (1.0, 1.3), (0.4, 0.55)), 55)
    c.add(cellauto(110, 3), 30)
    c.add(testsrc(), 20)
    c.add(vtest(100, "left"), 60)
    c.add(vtest(190, "right"), 45)                           # similar: same lawn
    c.add(mandel(*M_SEAHORSE), 52)
    c.add(mandel(*M_SEAHORSE2), 38)                          # similar: next door
    c.add(still("fruits.jpg", (1.1, 1.0), (0.5, 0.45)), 44)
    c.add(still("orange.jpg", (1.0, 1.15)), 33)              # similar: orange
    c.add(tree(0), 50)
    c.add(life(12, "#40C0FF", "#000030", "#103060", ratio=0.2), 27)
    c.add(mega(3, 0), 64)
    c.add(still("baboon.jpg", (1.2, 1.5), (0.5, 0.5), (0.35, 0.5)), 40)
    c.add(cellauto(30, 9, "hue=h=120"), 24)
    c.add(still("mandelbrot:start_x=-0.7453:start_y=0.1127:start_scale=0.05:"
                "maxiter=512", (1.0, 1.6), (0.5, 0.6), (0.5, 0.4)), 70)
    c.add(vtest(500), 58)
    c.add(still("building.jpg", (1.0, 1.2), (0.3, 0.6)), 36)
    c.add(testsrc(180), 29)
    c.add(mega(1, 2), 50)
    c.add(still("leuvenA.jpg", (1.15, 1.0)), 61)
    c.speech(3.0, "calm", [CALM_LINES[5]], 10)
    c.speech(27.0, "calm", [CALM_LINES[6]], 8, voice="en-us+f2")
    c.roar(15.0, 12, 0.5, 0.4, 2.5)
    clips.append(c)

    # 2. Gradual transitions: dissolves 0.4-2 s, fades to/from black and
    # white (fade filter and xfade), dips through black/white, wipes.
    c = Clip("transitions", 2)
    c.add(color("black"), 25)
    c.add(still("starry_night.jpg", (1.0, 1.2)), 90, join=("fade", 20))
    c.add(vtest(40), 80, join=("dissolve", 35))
    c.add(mandel(*M_ELEPHANT), 60)
    c.add(life(21, "#FFFFFF", "#202040", "#6060A0"), 70, join=("fade", 10))
    c.add(still("fruits.jpg", (1.0, 1.2), (0.45, 0.55)), 75, join=("wipeleft", 15),
          fade_out=("black", 25))
    c.add(color("black"), 20)
    c.add(mega(0, 0), 90, fade_in=("black", 20))
    c.add(cellauto(90, 5, "hue=h=200"), 60, join=("wiperight", 25))
    c.add(still("aero3.jpg", (1.05, 1.25)), 70, join=("fadewhite", 30))
    c.add(testsrc(90), 50)
    c.add(vtest(300, "left"), 80, join=("fadeblack", 40))
    c.add(still("chicky_512.png", (1.0, 1.3), (0.5, 0.5), (0.45, 0.55)), 65,
          join=("wipeup", 12))
    c.add(mandel(*M_SEAHORSE), 90, join=("fade", 50))
    c.add(color("white"), 45, join=("fade", 20))
    c.add(still("butterfly.jpg", (1.2, 1.0)), 70, join=("fade", 15))
    c.add(mega(3, 2), 65, join=("wipedown", 20))
    c.add(still("squirrel_cls.jpg", (1.0, 1.2), (0.45, 0.5)), 70, join=("dissolve", 25))
    c.add(vtest(420, "right"), 60)
    c.add(still("smarties.png", (1.0, 1.1)), 80, join=("fade", 45), fade_out=("white", 15))
    c.add(color("white"), 20)
    c.add(mandel(*M_MINI), 75, fade_in=("white", 12))
    c.add(tree(5), 60, join=("wipeleft", 10), fade_out=("black", 30))
    c.add(color("black"), 25)
    c.speech(4.0, "calm", [CALM_LINES[7]], 10)
    c.speech(30.0, "calm", [CALM_LINES[2]], 10, voice="en-us+f2")
    clips.append(c)

    # 3. Press-photo flashes inside continuous shots, and whip pans: none of
    # them is a cut.  Crowd noise rises around the flash clusters.
    c = Clip("flashes_pans", 3)
    s = c.add(vtest(0), 200)
    c.flash(s + 30, ["white"])
    c.flash(s + 70, ["white", "bright"])
    c.flash(s + 120, ["white", "white", "bright"])
    c.flash(s + 165, ["bright"])
    s = c.add(still("messi5.jpg", (1.0, 1.35), (0.45, 0.42), (0.5, 0.4)), 150)
    c.flash(s + 25, ["white"])
    c.flash(s + 60, ["white", "white"])
    c.flash(s + 100, ["bright"])
    c.flash(s + 128, ["bright", "bright", "bright"])
    s = c.add(pan("leuvenA.jpg", [(0, 0.0), (45, 0.2), (53, 0.95), (130, 1.0)]),
              130, whips=[(45, 53)])
    c.flash(s + 20, ["white"])
    c.flash(s + 100, ["white", "bright"])
    s = c.add(mega(0, 2), 90)
    c.flash(s + 30, ["white"])
    c.flash(s + 60, ["white", "bright"])
    s = c.add(pan(None, [(0, 0.1), (70, 0.3), (77, 1.0), (150, 0.9)],
                  canvas=(960, 540), window=(480, 270), video="vtest.avi",
                  video_start=250), 150, whips=[(70, 77)])
    c.flash(s + 40, ["white"])
    c.flash(s + 110, ["bright", "white"])
    s = c.add(mandel(*M_SPIRAL), 100)
    c.flash(s + 50, ["white"])
    s = c.add(pan("starry_night.jpg", [(0, 0.0), (40, 0.05), (46, 0.9), (95, 0.85),
                                       (100, 0.1), (160, 0.15)], y=0.3),
              160, whips=[(40, 46), (95, 100)])
    c.flash(s + 130, ["white"])
    c.add(vtest(600, "right"), 80)
    c.roar(2.2, 18, 0.4, 1.0, 3.0)
    c.roar(10.5, 6, 0.8, 0.5, 2.0)
    c.roar(26.0, 12, 0.3, 0.6, 2.5)
    c.speech(17.0, "calm", [CALM_LINES[0]], 10)
    clips.append(c)

    # 4. QC: black (cut in and out), freezes, silences, clipped audio, and
    # near misses below the 2 s minimum that must NOT be reported.
    c = Clip("qc", 4)
    c.add(testsrc(), 60)
    s_black1 = c.add(color("black"), 60)                       # 2.4 s black
    c.add(vtest(50), 100, freeze=(40, 59))                     # 2.4 s freeze
    c.add(mandel(*M_ELEPHANT), 80)
    c.add(color("black"), 30)                                  # 1.2 s: no QC
    c.add(life(41, "#FF8040", "#000000", "#402000"), 70)
    c.add(still("home.jpg", (1.0, 1.3)), 90, freeze=(45, 79))  # 3.2 s freeze
    c.add(mega(0, 10), 60, freeze=(20, 24))                    # 1.0 s: no QC
    s_black2 = c.add(color("black"), 80)                       # 3.2 s black
    c.add(cellauto(150, 7, "hue=h=60"), 75)
    c.add(vtest(400, "left"), 120)
    c.add(still("board.jpg", (1.0, 1.2)), 70)
    c.silence(s_black1 / FPS, 2.4)                             # with the black
    c.tone(9.0, 1.0, 660, 5)                                   # loud, not clipped
    c.silence(13.5, 1.0)                                       # 1.0 s: no QC
    c.tone(17.2, 1.5, 1000, 16)                                # clipped
    c.speech(19.9, "calm", [CALM_LINES[4]], 10)
    c.silence(26.3, 2.2)
    c.silence(s_black2 / FPS + 0.6, 2.6)                       # inside the black
    c.tone(35.0, 2.5, 440, 10)                                 # clipped
    clips.append(c)

    # 5. Crowd roars at four strengths, excited vs calm commentary.
    c = Clip("crowd", 5)
    c.add(vtest(0), 150)
    c.add(still("messi5.jpg", (1.0, 1.4), (0.5, 0.45), (0.55, 0.4)), 180)
    c.add(mandel(*M_FULL), 90)
    s2 = c.add(vtest(200, "right"), 160)
    c.flash(s2 + 40, ["white"])
    c.flash(s2 + 62, ["white", "bright"])
    c.add(pan(None, [(0, 0.0), (120, 0.6), (127, 0.05), (200, 0.2)],
              canvas=(960, 540), window=(480, 270), video="vtest.avi",
              video_start=400), 200, whips=[(120, 127)])
    c.add(still("basketball1.png", (1.0, 1.2)), 120)
    c.add(mega(3, 0), 70)
    s3 = c.add(vtest(600, "left"), 190)
    c.flash(s3 + 90, ["white"])
    c.flash(s3 + 110, ["bright", "bright"])
    c.add(mandel(*M_SEAHORSE), 110)
    c.add(still("graf1.png", (1.1, 1.3)), 160)
    c.add(vtest(100, "far"), 150)
    c.roar(6.0, 6, 0.6, 0.5, 2.0)
    c.speech(11.5, "calm", [CALM_LINES[7]], 10)
    c.roar(s2 / FPS + 1.2, 24, 0.3, 1.5, 3.5)
    c.speech(26.0, "excited", [EXCITED_LINES[0]], 12)
    c.roar(33.0, 12, 1.0, 0.0, 2.5)
    c.speech(37.0, "calm", [CALM_LINES[7]], 10, voice="en-us+f2")
    c.roar(s3 / FPS + 3.0, 18, 0.4, 1.0, 3.0)
    c.speech(s3 / FPS + 3.3, "excited", [EXCITED_LINES[1]], 18)
    c.speech(47.5, "calm", [CALM_LINES[3]], 10)
    c.speech(54.2, "excited", [EXCITED_LINES[3]], 12, voice="en-us+m1")
    c.roar(58.0, 12, 0.5, 0.3, 2.0)
    clips.append(c)

    # 6. Calm interviews (a stable face, calm speech, low motion, >= 8 s),
    # and the near misses: a face without speech, speech without a face.
    c = Clip("interviews", 6)
    c.add(vtest(0, "wide"), 160)
    c.speech(0.4, "calm", [CALM_LINES[5]], 10, voice="en-us+f2")     # no face
    s = c.add(still("Megamind.avi", (1.0, 1.08), (0.5, 0.48), (0.5, 0.5),
                    grab=("Megamind.avi", 180, (560, 315, 20, 40))), 275,
              interview=True)
    c.speech(s / FPS + 0.5, "calm", [CALM_LINES[0], CALM_LINES[10]], 10,
             voice="en-us+f2")
    c.add(still("messi5.jpg", (1.5, 1.8), (0.42, 0.42), (0.45, 0.35)), 60)
    c.roar(at(c) - 2.0, 18, 0.3, 0.8, 2.5)
    c.speech(at(c) - 1.6, "excited", [EXCITED_LINES[2]], 14)
    c.add(vtest(300, "right"), 70)
    s = c.add(still("Megamind.avi", (1.05, 1.0), (0.5, 0.5), (0.48, 0.5),
                    grab=("Megamind.avi", 240, (720, 405, 0, 0))), 250,
              interview=True)
    c.speech(s / FPS + 0.4, "calm", [CALM_LINES[4], CALM_LINES[9]], 10)
    c.add(mega(0, 20), 75)                                   # faces, no speech
    c.add(mandel(*M_SPIRAL), 60)
    c.speech(at(c) - 2.2, "calm", [CALM_LINES[6]], 10)        # speech, no face
    c.add(vtest(500), 110)
    s = c.add(still("Megamind.avi", (1.0, 1.1), (0.5, 0.5), (0.5, 0.45),
                    grab=("Megamind.avi", 180, (560, 315, 20, 40))), 275,
              interview=True, join=("dissolve", 20))
    c.speech(s / FPS + 1.2, "calm", [CALM_LINES[2], CALM_LINES[8]], 10,
             voice="en-us+f2")
    c.add(still("building.jpg", (1.0, 1.15)), 50)
    clips.append(c)

    # 7. A mixed "highlights programme": everything at once.
    c = Clip("match", 7)
    c.add(color("black"), 30)
    c.add(vtest(0), 110, join=("fade", 20))
    s = c.add(still("messi5.jpg", (1.0, 1.3), (0.45, 0.42), (0.5, 0.4)), 95)
    c.flash(s + 30, ["white"])
    c.flash(s + 55, ["white", "bright"])
    c.roar(s / FPS + 0.9, 24, 0.3, 1.2, 3.5)
    c.add(mega(3, 0), 45)
    c.add(vtest(150, "left"), 60)
    c.speech(11.3, "excited", [EXCITED_LINES[0]], 12)
    c.add(mandel(*M_SPIRAL), 40, join=("wipeleft", 12))
    c.add(life(71, "#C0FFC0", "#003000", "#306030"), 35)
    s_black = c.add(color("black"), 60)                         # 2.4 s black
    c.silence(s_black / FPS, 2.4)
    c.add(vtest(300), 140, freeze=(60, 54))                     # 2.2 s freeze
    c.tone(20.0, 1.0, 1000, 12)                                 # clipped
    s = c.add(pan("building.jpg", [(0, 0.0), (60, 0.3), (66, 1.0), (120, 0.95)]),
              120, whips=[(60, 66)])
    c.flash(s + 95, ["bright"])
    s = c.add(still("Megamind.avi", (1.0, 1.1), (0.5, 0.48), (0.5, 0.5),
                    grab=("Megamind.avi", 240, (720, 405, 0, 0))), 250,
              interview=True)
    c.speech(s / FPS + 0.4, "calm", [CALM_LINES[10], CALM_LINES[9]], 10)
    c.add(vtest(500, "right"), 90, join=("dissolve", 30))
    c.speech(at(c) - 0.2, "calm", [CALM_LINES[6]], 10, voice="en-us+f2")
    c.add(testsrc(270), 25)
    c.add(cellauto(18, 4, "hue=h=300"), 45)
    c.add(still("smarties.png", (1.0, 1.25)), 50)
    c.add(mega(2, 0), 46)
    s = c.add(vtest(650, "far"), 120)
    c.flash(s + 65, ["white", "white"])
    c.roar(49.6, 18, 0.5, 1.0, 2.3)
    c.speech(50.0, "excited", [EXCITED_LINES[3]], 12)
    c.add(mandel(*M_SEAHORSE2), 60)
    c.silence(53.6, 2.2)
    c.add(still("fruits.jpg", (1.0, 1.2)), 80, fade_out=("black", 25))
    c.add(color("black"), 20)
    c.add(vtest(700, "left"), 90, fade_in=("black", 15))
    c.roar(at(c) - 3.4, 6, 0.5, 0.5, 2.0)
    clips.append(c)
    return [x.recipe() for x in clips]


# --------------------------------------------------------------------------
# Process helpers
# --------------------------------------------------------------------------





def tool_versions():
    out = []
    for cmd in (["ffmpeg", "-hide_banner", "-version"],
                ["ffprobe", "-hide_banner", "-version"],
                ["espeak-ng", "--version"]):
        out.append(run(cmd, cmd[0]).stdout.decode("utf-8", "replace"))
    return hashlib.sha256("\n".join(out).encode()).hexdigest()




def input_hashes(recipes):
    """sha256 of every opencv-doc file the corpus reads."""
    names = sorted({f for r in recipes for it in r["items"]
                    for f in source_files(it["src"])})
    out = {}
    for n in names:
        path = os.path.join(DATA, n)
        if not os.path.isfile(path):
            raise EvalError(f"{path} is missing: install opencv-doc "
                            f"(scripts/setup)")
        out[n] = file_sha256(path)
    return out


# --------------------------------------------------------------------------
# Speech
# --------------------------------------------------------------------------

def read_wav_mono16(path):
    with wave.open(path, "rb") as w:
        if w.getnchannels() != 1 or w.getsampwidth() != 2:
            raise EvalError(f"{path}: expected 16-bit mono")
        rate = w.getframerate()
        a = array.array("h")
        a.frombytes(w.readframes(w.getnframes()))
    if sys.byteorder != "little":
        a.byteswap()
    return rate, a


def synth_speech(item, tmpdir):
    """Run espeak-ng for one line; return the WAV path and its analysis:
    voiced extent (first/last sample above -40 dBFS), RMS and peak over that
    extent, and the centre of the loudest 0.5 s window."""
    key = hashlib.sha256(json.dumps([item["voice"], item["style"], item["text"]])
                         .encode()).hexdigest()[:16]
    path = os.path.join(tmpdir, f"speech_{key}.wav")
    if not os.path.exists(path):
        run(["espeak-ng", "-v", item["voice"], *SPEECH_STYLES[item["style"]],
             "-w", path + ".part", item["text"]], "espeak-ng")
        os.replace(path + ".part", path)
    rate, a = read_wav_mono16(path)
    thr = 328                                           # -40 dBFS
    first = next((i for i, x in enumerate(a) if abs(x) > thr), None)
    if first is None:
        raise EvalError(f"espeak-ng wrote no audible speech for {item['text']!r}")
    last = len(a) - 1 - next(i for i, x in enumerate(reversed(a)) if abs(x) > thr)
    seg = a[first:last + 1]
    rms = math.sqrt(sum(x * x for x in seg) / len(seg))
    peak = max(max(seg), -min(seg))
    win, hop = rate // 2, rate // 20
    best, best_at = -1, first
    for s in range(first, max(first + 1, last + 1 - win), hop):
        e = sum(x * x for x in a[s:s + win])
        if e > best:
            best, best_at = e, s + win // 2
    return path, {"rate": rate, "samples": len(a), "first": first,
                  "last": last + 1, "rms": rms, "peak": peak, "loudest": best_at}


# --------------------------------------------------------------------------
# Filter graphs
# --------------------------------------------------------------------------

FLASH_FILTERS = {
    # Full white (limited range), and a strong brightening that keeps the
    # picture faintly visible (the tail of a real flash).
    "white": "lutyuv=y=235:u=128:v=128",
    "bright": "lutyuv=y='clip(val*1.6+70,16,235)':u='128+(val-128)*0.4':"
              "v='128+(val-128)*0.4'",
}


def video_graph(recipe):
    parts = []
    labels = []
    for i, it in enumerate(recipe["items"]):
        src, n = it["src"], it["frames"]
        fx = []
        for a, b in it["whips"]:
            # The fast frames get a horizontal motion blur, like a real
            # whip pan's.
            fx.append(f"avgblur=sizeX=6:sizeY=1:enable='between(n,{a + 1},{b - 1})'")
        if it["fade_in"]:
            c, d = it["fade_in"]
            fx.append(f"fade=t=in:s=0:n={d}:c={c}")
        if it["fade_out"]:
            c, d = it["fade_out"]
            fx.append(f"fade=t=out:s={it['len'] - 1 - d}:n={d}:c={c}")
        tail = ("," + ",".join(fx)) if fx else ""
        if it["freeze"]:
            f, k = it["freeze"]
            parts.append(f"{source_chain(src, 0, f + 1, n)},"
                         f"tpad=stop_mode=clone:stop={k}[s{i}a]")
            if f + 1 < n:
                parts.append(f"{source_chain(src, f + 1, n, n)}[s{i}b]")
                parts.append(f"[s{i}a][s{i}b]concat=n=2:v=1:a=0,"
                             f"{RETIME}{tail}[s{i}]")
            else:
                parts.append(f"[s{i}a]{RETIME}{tail}[s{i}]")
        else:
            parts.append(f"{source_chain(src, 0, n, n)}{tail}[s{i}]")
        labels.append(f"[s{i}]")

    # Groups of cut-joined shots are concatenated; groups are joined by
    # xfade at offset = (frames so far - d) / 25 s.
    groups, joins = [[0]], []
    for i, it in enumerate(recipe["items"][1:], 1):
        if it["join"] == "cut":
            groups[-1].append(i)
        else:
            joins.append(it["join"])
            groups.append([i])

    def concat(g, out):
        ins = "".join(labels[j] for j in g)
        parts.append(f"{ins}concat=n={len(g)}:v=1:a=0,{RETIME}[{out}]"
                     if len(g) > 1 else f"{ins}{RETIME}[{out}]")
        return sum(recipe["items"][j]["len"] for j in g)

    acc_len = concat(groups[0], "g0")
    acc = "g0"
    for gi, (g, (trans, d)) in enumerate(zip(groups[1:], joins), 1):
        glen = concat(g, f"g{gi}")
        off = acc_len - d
        parts.append(f"[{acc}][g{gi}]xfade=transition={trans}:"
                     f"duration={d / FPS}:offset={off / FPS},{RETIME}[x{gi}]")
        acc, acc_len = f"x{gi}", off + glen
    if acc_len != recipe["frames"]:
        raise EvalError(f"{recipe['name']}: graph makes {acc_len} frames, "
                        f"timeline says {recipe['frames']}")

    post = []
    for style, flt in FLASH_FILTERS.items():
        rng = []
        for fl in recipe["flashes"]:
            for j, st in enumerate(fl["styles"]):
                if st == style:
                    f = fl["start_frame"] + j
                    rng.append(f"between(n,{f},{f})")
        if rng:
            post.append(f"{flt}:enable='{'+'.join(rng)}'")
    post.append(f"trim=end_frame={recipe['frames']},{RETIME},format=yuv420p")
    parts.append(f"[{acc}]" + ",".join(post) + "[vout]")
    return ";\n".join(parts)


def audio_items(recipe, tmpdir):
    """Resolve every audio item to (extent, peak, filter chain, truth)."""
    bed_amp = pink_amp_for_rms_db(BED_DB)
    out = []
    inputs = []
    for it in recipe["audio"]:
        k = it["k"]
        if k == "roar":
            amp = bed_amp * db_to_amp(it["gain_db"])
            n = it["attack"] + it["sustain"] + it["decay"]
            chain = (f"anoisesrc=c=pink:r={SR}:a={amp:.6f}:seed={it['seed']},"
                     f"atrim=end_sample={n},"
                     f"afade=t=in:ss=0:ns={it['attack']}:curve=qsin,"
                     f"afade=t=out:ss={n - it['decay']}:ns={it['decay']}:curve=qsin")
            a = it["start"]
            peak = a + it["attack"] + it["sustain"] // 2
            truth = {"kind": "crowd_roar", "start_s": s_of_sample(a),
                     "end_s": s_of_sample(a + n), "peak_s": s_of_sample(peak),
                     "strength": round(it["gain_db"] / STRENGTH_FULL_DB, 4),
                     "gain_db": it["gain_db"]}
            out.append({"start": a, "end": a + n, "peak": amp, "chain": chain,
                        "event": truth})
        elif k == "speech":
            a = it["start"]
            for text in it["texts"]:
                line = dict(it, text=text)
                path, an = synth_speech(line, tmpdir)
                rms_db = 20 * math.log10(an["rms"] / 32768)
                gain = db_to_amp(BED_DB + it["gain_db"] - rms_db)
                idx = len(inputs)
                inputs.append(path)
                r = an["rate"]
                n = math.ceil(an["samples"] * SR / r)
                chain = (f"[{idx}:a]aresample={SR},aformat=sample_fmts=flt:"
                         f"channel_layouts=mono,"
                         f"volume=volume={gain:.6f}:precision=float")
                v0 = a / SR + an["first"] / r
                v1 = a / SR + an["last"] / r
                sp = {"style": it["style"], "start_s": round(v0, 6),
                      "end_s": round(v1, 6), "text": text,
                      "voice": it["voice"], "gain_db": it["gain_db"]}
                ev = None
                if it["style"] == "excited":
                    ev = {"kind": "excited_speech", "start_s": round(v0, 6),
                          "end_s": round(v1, 6),
                          "peak_s": round(a / SR + an["loudest"] / r, 6),
                          "strength": round(it["gain_db"] / STRENGTH_FULL_DB, 4),
                          "gain_db": it["gain_db"], "text": text}
                out.append({"start": a, "end": a + n,
                            "peak": gain * an["peak"] / 32768,
                            "chain": chain, "event": ev, "speech": sp})
                a += n + it["gap"]
        elif k == "tone":
            a, n = it["start"], it["len"]
            chain = (f"sine=f={it['freq']}:r={SR},atrim=end_sample={n},"
                     f"volume=volume={it['gain']}:precision=float")
            out.append({"start": a, "end": a + n, "peak": it["gain"] / 8,
                        "chain": chain, "clip": it["gain"] > 8})
        else:
            raise EvalError(f"unknown audio item {k}")
    return out, inputs, bed_amp


def audio_graph(recipe, items, bed_amp):
    total = recipe["frames"] * SPF
    parts = []
    # Bed: pink noise, with exact digital silence in the silence intervals.
    segs, pos = [], 0
    for a, b in sorted(recipe["silences"]):
        if a > pos:
            segs.append(("bed", pos, a))
        segs.append(("sil", a, b))
        pos = b
    if pos < total:
        segs.append(("bed", pos, total))
    fmt = "aformat=sample_fmts=flt:sample_rates=48000:channel_layouts=mono"
    for j, (kind, a, b) in enumerate(segs):
        if kind == "bed":
            parts.append(f"anoisesrc=c=pink:r={SR}:a={bed_amp:.6f}:"
                         f"seed={recipe['seed'] * 1000 + j},"
                         f"atrim=end_sample={b - a},{fmt}[b{j}]")
        else:
            parts.append(f"anullsrc=r={SR}:cl=mono,atrim=end_sample={b - a},"
                         f"{fmt}[b{j}]")
    parts.append("".join(f"[b{j}]" for j in range(len(segs)))
                 + f"concat=n={len(segs)}:v=0:a=1[bed]")
    mix = ["[bed]"]
    for j, it in enumerate(items):
        parts.append(f"{it['chain']},{fmt},adelay=delays={it['start']}S:all=1[e{j}]")
        mix.append(f"[e{j}]")
    # Sum (no normalisation), duplicate to stereo, and convert to s16: the
    # conversion saturates, which is what clips the loud tones.
    parts.append("".join(mix) + f"amix=inputs={len(mix)}:normalize=0:"
                 f"duration=first:dropout_transition=0,"
                 f"pan=stereo|c0=c0|c1=c0,aformat=sample_fmts=s16[aout]")
    return ";\n".join(parts)


def check_audio_plan(recipe, items, bed_amp):
    total = recipe["frames"] * SPF
    for it in items:
        if it["start"] < 0 or it["end"] > total:
            raise EvalError(f"{recipe['name']}: audio item outside the clip")
        for a, b in recipe["silences"]:
            if it["start"] < b and it["end"] > a:
                raise EvalError(f"{recipe['name']}: audio item at "
                                f"{it['start'] / SR:.2f} s overlaps a silence")
    # Nothing may clip except the clipping tones: bound the sum of peaks.
    for it in items:
        if it.get("clip"):
            continue
        peak = bed_amp + sum(o["peak"] for o in items
                             if o["start"] < it["end"] and o["end"] > it["start"]
                             and not o.get("clip"))
        if peak > 0.97:
            raise EvalError(f"{recipe['name']}: mix may clip at "
                            f"{it['start'] / SR:.2f} s (peak bound {peak:.2f})")
        for o in items:
            if o.get("clip") and o["start"] < it["end"] + SR and o["end"] + SR > it["start"]:
                raise EvalError(f"{recipe['name']}: a clipping tone touches "
                                f"another sound at {o['start'] / SR:.2f} s")


# --------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------

def check_master(recipe, path, items):
    """The s16 master before AAC: exact length, digital silence exactly in
    the silence intervals, full-scale samples inside every clipping tone and
    nowhere else."""
    name = recipe["name"]
    total = recipe["frames"] * SPF
    with wave.open(path, "rb") as w:
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (2, 2, SR):
            raise EvalError(f"{name}: master is not 48 kHz s16 stereo")
        if w.getnframes() != total:
            raise EvalError(f"{name}: master has {w.getnframes()} samples, "
                            f"want {total}")
        a = array.array("h")
        a.frombytes(w.readframes(total))
    if sys.byteorder != "little":
        a.byteswap()
    for s0, s1 in recipe["silences"]:
        seg = a[2 * s0:2 * s1]
        if seg.count(0) != len(seg):
            raise EvalError(f"{name}: silence at {s0 / SR} s is not silent")
        if s0 > 0 and not any(a[2 * max(0, s0 - 96):2 * s0]):
            raise EvalError(f"{name}: silence at {s0 / SR} s starts early")
        if s1 < total and not any(a[2 * s1:2 * min(total, s1 + 96)]):
            raise EvalError(f"{name}: silence at {s0 / SR} s ends late")
    clips = sorted((it["start"], it["end"]) for it in items if it.get("clip"))
    pos = 0
    for s0, s1 in clips + [(total, total)]:
        seg = a[2 * pos:2 * s0]
        if seg and (max(seg) >= 32767 or min(seg) <= -32767):
            raise EvalError(f"{name}: full-scale samples between "
                            f"{pos / SR:.3f} and {s0 / SR:.3f} s")
        if s1 > s0:
            seg = a[2 * s0:2 * s1]
            n = seg.count(32767) + seg.count(-32768)
            if n < 0.2 * len(seg):
                raise EvalError(f"{name}: clipping tone at {s0 / SR} s is "
                                f"clipped in only {n} of {len(seg)} samples")
        pos = s1


def analyse(path):
    """One decode of the finished clip: scdet MAFD per frame, blackdetect,
    freezedetect, silencedetect (DESIGN.md's QC rules) and ebur128."""
    graph = ("[0:v]scdet=threshold=100,blackdetect=d=2:pix_th=0.10,"
             "freezedetect=n=-60dB:d=2,"
             "metadata=mode=print:key=lavfi.scd.mafd:file=-[v];"
             "[0:a]silencedetect=n=-60dB:d=2,ebur128=peak=true[a]")
    p = run(["ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-v", "info",
             "-threads", "1", "-filter_complex_threads", "1", "-i", path,
             "-filter_complex", graph, "-map", "[v]", "-map", "[a]",
             "-f", "null", "-"], f"analyse {os.path.basename(path)}")
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    mafd, frame = {}, None
    for line in out.splitlines():
        m = re.match(r"frame:(\d+)", line)
        if m:
            frame = int(m.group(1))
        m = re.match(r"lavfi\.scd\.mafd=([\d.]+)", line)
        if m and frame is not None:
            mafd[frame] = float(m.group(1))
    num = r"(-?[\d.]+(?:e-?\d+)?)"
    black = [(float(a), float(b)) for a, b in
             re.findall(r"black_start:" + num + r" black_end:" + num, err)]
    fs = [float(x) for x in re.findall(r"freeze_start: " + num, err)]
    fe = [float(x) for x in re.findall(r"freeze_end: " + num, err)]
    ss = [float(x) for x in re.findall(r"silence_start: " + num, err)]
    se = [float(x) for x in re.findall(r"silence_end: " + num, err)]
    i_lufs = re.findall(r"I:\s+" + num + r" LUFS", err)
    lra = re.findall(r"LRA:\s+" + num + r" LU\b", err)
    tp = re.findall(r"Peak:\s+" + num + r" dBFS", err)
    if not (i_lufs and lra and tp):
        raise EvalError(f"{path}: no ebur128 summary in ffmpeg's log")
    return {"mafd": mafd, "black": black, "freeze": list(zip(fs, fe + [None] * len(fs))),
            "silence": list(zip(ss, se + [None] * len(ss))),
            "loudness": {"integrated_lufs": float(i_lufs[-1]),
                         "lra_lu": float(lra[-1]),
                         "true_peak_dbtp": float(tp[-1])}}


def verify_clip(recipe, path, truth, an):
    name = recipe["name"]
    n = recipe["frames"]
    errors = []
    probe = ffprobe_json(path, "-count_frames", "-show_streams", "-show_format")
    v = [s for s in probe["streams"] if s["codec_type"] == "video"]
    a = [s for s in probe["streams"] if s["codec_type"] == "audio"]

    def eq(what, got, want):
        if got != want:
            errors.append(f"{what}: ffprobe says {got!r}, recipe says {want!r}")

    eq("video streams", len(v), 1)
    eq("audio streams", len(a), 1)
    if v:
        v = v[0]
        eq("video codec", v.get("codec_name"), "h264")
        eq("size", (v.get("width"), v.get("height")), (W, H))
        eq("r_frame_rate", v.get("r_frame_rate"), f"{FPS}/1")
        eq("avg_frame_rate", v.get("avg_frame_rate"), f"{FPS}/1")
        eq("frames", int(v.get("nb_read_frames", -1)), n)
    if a:
        a = a[0]
        eq("audio codec", a.get("codec_name"), "aac")
        eq("sample rate", int(a.get("sample_rate", 0)), SR)
        eq("channels", a.get("channels"), 2)
    dur = float(probe["format"]["duration"])
    if abs(dur - n / FPS) > 0.025:
        errors.append(f"duration {dur} is not ~{n / FPS}")

    # Every labelled hard cut is a clear peak of the frame difference (scdet's
    # MAFD) against the two frames before it or the two after it (one side
    # may be a noisy source such as a scrolling cellauto, where every frame
    # differs a lot).  A cut labelled one frame early or late fails this.
    mafd = an["mafd"]
    eq("scdet frames", len(mafd), n)
    for c in truth["cuts"]:
        here = mafd.get(c, 0.0)
        before = max(mafd.get(c - 2, 0.0), mafd.get(c - 1, 0.0))
        after = max(mafd.get(c + 1, 0.0), mafd.get(c + 2, 0.0))
        if not (here > 1.5 * before or here > 1.5 * after):
            errors.append(f"cut at frame {c}: MAFD {here:.2f}, before "
                          f"{before:.2f}, after {after:.2f}")
    for fl in truth["flashes"]:
        f0, f1 = fl["start_frame"], fl["start_frame"] + fl["frames"]
        if not (mafd.get(f0, 0) > 2 * mafd.get(f0 - 1, 0)
                and mafd.get(f1, 0) > 2 * mafd.get(f1 + 1, 0)):
            errors.append(f"flash at frame {f0}: no jump in and out")
    # And nothing else looks like a cut: away from every labelled change, no
    # frame differs strongly from the previous one while its neighbours do
    # not (this would catch a cut hidden in a source clip, or a glitch).
    # Labelled cuts have MAFD >= 10 here; zoom/pan judder stays below 3.
    busy = set()
    spans = ([(c, c) for c in truth["cuts"]]
             + [(g["start_frame"], g["end_frame"]) for g in truth["gradual"]]
             + [(w["start_frame"], w["end_frame"]) for w in truth["whip_pans"]]
             + [(f["start_frame"], f["start_frame"] + f["frames"])
                for f in truth["flashes"]])
    for q in truth["qc"] + truth["near_misses"]:
        if "start_frame" in q:
            spans += [(q["start_frame"], q["start_frame"]),
                      (q["end_frame"], q["end_frame"])]
    for a, b in spans:
        busy.update(range(a - 3, b + 4))
    for f in range(2, n - 2):
        if f in busy:
            continue
        here = mafd.get(f, 0.0)
        nb = max(mafd.get(j, 0.0) for j in (f - 2, f - 1, f + 1, f + 2))
        if here > 6.0 and here > 3 * nb:
            errors.append(f"unlabelled jump at frame {f}: MAFD {here:.2f}, "
                          f"neighbours up to {nb:.2f}")

    # QC: the detectors find exactly the labelled intervals.
    def match(kind, want, got, tol):
        got = [(s, e if e is not None else n / FPS) for s, e in got]
        left = list(got)
        for q in want:
            hit = [g for g in left if abs(g[0] - q["start_s"]) <= tol
                   and abs(g[1] - q["end_s"]) <= tol]
            if hit:
                left.remove(hit[0])
            else:
                errors.append(f"{kind} {q['start_s']}-{q['end_s']} s not "
                              f"found; detector says {got}")
        for g in left:
            errors.append(f"unlabelled {kind} {g[0]}-{g[1]} s")

    qc = truth["qc"]
    frame_tol = 1 / FPS + 0.001
    match("black", [q for q in qc if q["kind"] == "black"], an["black"], frame_tol)
    # A black hold is a still picture too: freezedetect reports it, and the
    # truth does not list it as a freeze.
    blacks = [(q["start_s"], q["end_s"]) for q in qc + truth["near_misses"]
              if q["kind"] == "black"]
    freezes = [f for f in an["freeze"]
               if not any(abs(f[0] - b0) <= frame_tol and f[1] is not None
                          and abs(f[1] - b1) <= frame_tol for b0, b1 in blacks)]
    match("freeze", [q for q in qc if q["kind"] == "freeze"], freezes, frame_tol)

    # Keyframes only on the fixed grid (nothing to read cuts from).
    pk = ffprobe_json(path, "-select_streams", "v:0", "-show_entries",
                      "packet=pts,flags")["packets"]
    order = sorted(int(p["pts"]) for p in pk)
    rank = {pts: i for i, pts in enumerate(order)}
    keys = sorted(rank[int(p["pts"])] for p in pk if "K" in p["flags"])
    eq("keyframes", keys, list(range(0, n, GOP)))
    match("silence", [q for q in qc if q["kind"] == "silence"], an["silence"], 0.020)
    if errors:
        raise EvalError(f"{name}: truth does not match the file:\n  - "
                        + "\n  - ".join(errors))


# --------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------

def ffmpeg(args, what):
    run(["ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-y"] + args, what)


def build_clip(recipe, tmpdir):
    """Build one clip into tmpdir; return (media path, truth)."""
    name = recipe["name"]
    ctmp = os.path.join(tmpdir, name + ".d")
    os.makedirs(ctmp, exist_ok=True)

    items, inputs, bed_amp = audio_items(recipe, ctmp)
    check_audio_plan(recipe, items, bed_amp)
    agraph = os.path.join(ctmp, "audio.graph")
    with open(agraph, "w", encoding="utf-8") as f:
        f.write(audio_graph(recipe, items, bed_amp))
    master = os.path.join(ctmp, "master.wav")
    ins = []
    for p in inputs:
        ins += ["-i", p]
    ffmpeg(ins + ["-filter_complex_script", agraph, "-map", "[aout]"]
           + BITEXACT + ONE_THREAD + ["-c:a", "pcm_s16le", "-f", "wav", master],
           f"{name}: audio")
    check_master(recipe, master, items)

    vgraph = os.path.join(ctmp, "video.graph")
    with open(vgraph, "w", encoding="utf-8") as f:
        f.write(video_graph(recipe))
    out = os.path.join(ctmp, name)
    ffmpeg(["-i", master, "-filter_complex_script", vgraph,
            "-map", "[vout]", "-map", "0:a"] + BITEXACT + ONE_THREAD + X264 + AAC
           + ["-f", "mp4", out], f"{name}: encode")

    n = recipe["frames"]
    t = recipe["truth"]
    qc = []
    for q in t["qc_video"]:
        qc.append({"kind": q["kind"], "start_s": s_of_frame(q["start_frame"]),
                   "end_s": s_of_frame(q["end_frame"]),
                   "start_frame": q["start_frame"], "end_frame": q["end_frame"]})
    near = [{"kind": q["kind"], "start_s": s_of_frame(q["start_frame"]),
             "end_s": s_of_frame(q["end_frame"]),
             "start_frame": q["start_frame"], "end_frame": q["end_frame"]}
            for q in t["near_misses"]]
    for s0, s1 in recipe["silences"]:
        e = {"kind": "silence", "start_s": s_of_sample(s0), "end_s": s_of_sample(s1),
             "start_sample": s0, "end_sample": s1}
        (qc if s1 - s0 >= round(QC_MIN * SR) else near).append(e)
    for it in items:
        if it.get("clip"):
            qc.append({"kind": "clipping", "start_s": s_of_sample(it["start"]),
                       "end_s": s_of_sample(it["end"]),
                       "start_sample": it["start"], "end_sample": it["end"]})
    qc.sort(key=lambda q: (q["start_s"], q["kind"]))
    near.sort(key=lambda q: (q["start_s"], q["kind"]))
    events = sorted((it["event"] for it in items if it.get("event")),
                    key=lambda e: e["start_s"])
    speech = sorted((it["speech"] for it in items if it.get("speech")),
                    key=lambda e: e["start_s"])
    truth = {
        "file": name,
        "fps": f"{FPS}/1",
        "frames": n,
        "duration_s": s_of_frame(n),
        "width": W, "height": H,
        "cuts": t["cuts"],
        "cut_times_s": [s_of_frame(c) for c in t["cuts"]],
        "gradual": [dict(g, start_s=s_of_frame(g["start_frame"]),
                         end_s=s_of_frame(g["end_frame"])) for g in t["gradual"]],
        "flashes": [dict(f, start_s=s_of_frame(f["start_frame"]))
                    for f in recipe["flashes"]],
        "whip_pans": [dict(w, start_s=s_of_frame(w["start_frame"]),
                           end_s=s_of_frame(w["end_frame"])) for w in t["whip_pans"]],
        "qc": qc,
        "near_misses": near,
        "events": events,
        "speech": speech,
        "interviews": [{"start_s": s_of_frame(i["start_frame"]),
                        "end_s": s_of_frame(i["end_frame"]),
                        "start_frame": i["start_frame"], "end_frame": i["end_frame"]}
                       for i in t["interviews"]],
        "loudness": None,
        "sources": sorted({f for it in recipe["items"]
                           for f in source_files(it["src"])}),
    }
    an = analyse(out)
    verify_clip(recipe, out, truth, an)
    truth["loudness"] = an["loudness"]
    return out, truth


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------

def recipe_hash(recipe, tools, inputs):
    used = {f: inputs[f] for it in recipe["items"] for f in source_files(it["src"])}
    blob = json.dumps({"generator_rev": GENERATOR_REV, "tools": tools,
                       "inputs": used, "bitexact": BITEXACT, "threads": ONE_THREAD,
                       "x264": X264, "aac": AAC, "recipe": recipe},
                      sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(blob.encode()).hexdigest()






def up_to_date(outdir, name, rhash):
    media = os.path.join(outdir, name)
    stamp = os.path.join(outdir, ".stamps", name)
    try:
        with open(stamp, encoding="utf-8") as f:
            st = json.load(f)
        with open(media + ".json", encoding="utf-8") as f:
            json.load(f)
    except (OSError, ValueError):
        return False
    return (os.path.isfile(media) and st.get("recipe") == rhash
            and st.get("media_sha256") == file_sha256(media))


def build_one(recipe, outdir, tmpdir, rhash):
    name = recipe["name"]
    media = os.path.join(outdir, name)
    stamp = os.path.join(outdir, ".stamps", name)
    try:
        os.unlink(stamp)            # invalidate first: a killed run rebuilds
    except FileNotFoundError:
        pass
    out, truth = build_clip(recipe, tmpdir)
    os.replace(out, media)
    write_atomic(media + ".json", json_bytes(truth), tmpdir)
    write_atomic(stamp, json_bytes({"recipe": rhash,
                                    "media_sha256": file_sha256(media)}), tmpdir)
    shutil.rmtree(os.path.join(tmpdir, name + ".d"), ignore_errors=True)


def remove_stale(outdir, keep, log):
    for name in sorted(os.listdir(os.path.join(outdir, ".stamps"))):
        if name in keep:
            continue
        log(f"  removing stale {name}")
        for path in (os.path.join(outdir, ".stamps", name),
                     os.path.join(outdir, name), os.path.join(outdir, name + ".json")):
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass


def counts(truth):
    return {"cuts": len(truth["cuts"]), "gradual": len(truth["gradual"]),
            "flashes": len(truth["flashes"]), "whip_pans": len(truth["whip_pans"]),
            "qc": len(truth["qc"]), "near_misses": len(truth["near_misses"]),
            "events": len(truth["events"]), "interviews": len(truth["interviews"])}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir", help="where media, truth JSON and manifest go")
    ap.add_argument("--force", action="store_true",
                    help="rebuild every clip even if up to date")
    ap.add_argument("--quiet", action="store_true", help="only print errors")
    ap.add_argument("--jobs", type=int, default=1,
                    help="clips built at once (default 1: the dev machine's "
                         "2 cores are shared; the output is the same for any "
                         "value)")
    args = ap.parse_args(argv)
    log = (lambda *a: None) if args.quiet else (lambda *a: print(*a, flush=True))

    outdir = os.path.abspath(args.outdir)
    os.makedirs(os.path.join(outdir, ".stamps"), exist_ok=True)
    lock = open(os.path.join(outdir, ".lock"), "w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    tmpdir = os.path.join(outdir, ".tmp")
    shutil.rmtree(tmpdir, ignore_errors=True)
    os.makedirs(tmpdir)

    t0 = time.monotonic()
    try:
        recipes = build_clips()
        tools = tool_versions()
        inputs = input_hashes(recipes)
        todo = []
        for r in recipes:
            rhash = recipe_hash(r, tools, inputs)
            if args.force or not up_to_date(outdir, r["name"], rhash):
                todo.append((r, rhash))
        lock_log = threading.Lock()

        def one(job):
            r, rhash = job
            t = time.monotonic()
            build_one(r, outdir, tmpdir, rhash)
            with lock_log:
                log(f"  built {r['name']} ({r['frames']} frames) in "
                    f"{time.monotonic() - t:.1f} s")

        with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as ex:
            futs = [ex.submit(one, j) for j in todo]
            errs = []
            for f in futs:
                try:
                    f.result()
                except EvalError as e:
                    errs.append(str(e))
            if errs:
                raise EvalError("\n".join(errs))
        names = [r["name"] for r in recipes]
        remove_stale(outdir, set(names), log)
        summary = {}
        for nm in names:
            with open(os.path.join(outdir, nm + ".json"), encoding="utf-8") as f:
                summary[nm] = counts(json.load(f))
        total = {k: sum(c[k] for c in summary.values())
                 for k in next(iter(summary.values()))}
        manifest = {"clips": names, "counts": summary, "totals": total}
        write_atomic(os.path.join(outdir, "manifest.json"), json_bytes(manifest),
                     tmpdir)
    except EvalError as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    log(f"{PROG}: {len(recipes)} clips in {outdir} ({len(todo)} built, "
        f"{len(recipes) - len(todo)} up to date) in {time.monotonic() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
