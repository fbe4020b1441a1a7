# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads the five lists `rushes export list` wrote for one reel with Python's own parsers (csv, json,
xml.etree) and checks that they describe the same edit: per clip its name, the source timecode of its first
frame and the record timecode where it starts, all as absolute frame counts, and its length in frames.
Prints that edit once; exits non-zero naming the format that disagrees."""
import csv
import json
import sys
import xml.etree.ElementTree as ET
from fractions import Fraction


def label_frames(label, nominal):
    """SMPTE label -> frame count; ';' before the frames means drop frame (2 labels/min at 30, 4 at 60)."""
    drop = ";" in label
    h, m, s, f = (int(x) for x in label.replace(";", ":").split(":"))
    minutes = h * 60 + m
    count = (minutes * 60 + s) * nominal + f
    return count - (nominal // 15) * (minutes - minutes // 10) if drop else count


def from_edl(path):
    clips, lines = [], open(path, encoding="utf-8").read().splitlines()
    assert lines[0].startswith("TITLE: ") and lines[1].startswith("FCM: ")
    for i, line in enumerate(lines):
        if line[:3].isdigit():
            fields = line.split()
            assert len(fields) == 8 and fields[3] == "C", line
            name = lines[i + 1].split("FROM CLIP NAME:", 1)[1].strip()
            src_in, src_out = label_frames(fields[4], 30), label_frames(fields[5], 30)
            rec_in, rec_out = label_frames(fields[6], 30), label_frames(fields[7], 30)
            assert src_out - src_in == rec_out - rec_in, line
            clips.append((name, src_in, rec_in, rec_out - rec_in))
    return clips


def from_xmeml(path):
    seq = ET.parse(path).getroot().find("sequence")
    start = int(seq.find("timecode/frame").text)
    files = {f.get("id"): int(f.find("timecode/frame").text) for f in seq.iter("file") if f.find("timecode") is not None}
    track = seq.find("media/video/track")
    return [(c.find("name").text, files[c.find("file").get("id")] + int(c.find("in").text),
             start + int(c.find("start").text), int(c.find("end").text) - int(c.find("start").text))
            for c in track.findall("clipitem")]


def fcp_time(text):
    num, _, den = text[:-1].partition("/")
    return Fraction(int(num), int(den or 1))


def from_fcpxml(path):
    root = ET.parse(path).getroot()
    formats = {f.get("id"): fcp_time(f.get("frameDuration")) for f in root.iter("format")}
    assets = {a.get("id"): formats[a.get("format")] for a in root.iter("asset")}
    seq = root.find("library/event/project/sequence")
    frame = formats[seq.get("format")]
    clips = []
    for c in seq.find("spine"):
        values = (fcp_time(c.get("start")) / assets[c.get("ref")], fcp_time(c.get("offset")) / frame,
                  fcp_time(c.get("duration")) / frame)
        assert all(v.denominator == 1 for v in values), "off the frame grid: %s" % c.attrib
        clips.append((c.get("name"),) + tuple(int(v) for v in values))
    return clips


def from_otio(path):
    doc = json.load(open(path, encoding="utf-8"))
    allowed = {"Timeline.1", "Stack.1", "Track.1", "Clip.2", "Gap.1", "ExternalReference.1", "RationalTime.1",
               "TimeRange.1"}

    def walk(node):
        if isinstance(node, dict):
            assert node.get("OTIO_SCHEMA", "Timeline.1") in allowed, node.get("OTIO_SCHEMA")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(doc)
    record = int(doc["global_start_time"]["value"])
    clips = []
    for item in doc["tracks"]["children"][0]["children"]:
        r = item["source_range"]
        length = int(r["duration"]["value"])
        clips.append((item["name"], int(r["start_time"]["value"]), record, length))
        record += length
    return clips


def from_csv(path):
    raw = open(path, "rb").read()
    assert raw.endswith(b"\r\n"), "CSV records end with CRLF"
    rows = list(csv.DictReader(open(path, newline="", encoding="utf-8")))
    return [(r["clip_name"], label_frames(r["source_in"], 30), label_frames(r["record_in"], 30),
             int(r["duration_frames"])) for r in rows]


readers = {"edl": from_edl, "xmeml": from_xmeml, "fcpxml": from_fcpxml, "otio": from_otio, "csv": from_csv}
results = {}
for argument in sys.argv[1:]:
    kind, path = argument.split("=", 1)
    results[kind] = readers[kind](path)
reference = results["edl"]
for kind, clips in results.items():
    if clips != reference:
        sys.exit("%s disagrees with the EDL:\n%s\n%s" % (kind, clips, reference))
for clip in reference:
    print("%s %d %d %d" % clip)
