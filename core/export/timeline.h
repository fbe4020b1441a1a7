// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The in-memory edit every interchange list is written from: one track of clips laid end to end, each a
// range of one source file. Times are whole frames only — source frames at the source's own exact rate,
// record frames at the timeline's — so each writer turns the same integers into its own notation (SMPTE
// labels, FCP7 frame counts, FCPXML rational seconds, OTIO RationalTime) without rounding anything again.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "time/rational.h"
#include "time/timecode.h"

namespace rushes::exporting {

// One source file a timeline uses.
struct SourceMedia {
    std::string asset_id;        // empty for sources not from the catalog
    std::filesystem::path path;  // absolute where the volume's mount point is known, else volume-relative
    Rational frame_rate{25, 1};  // exact video rate; an audio-only source takes the timeline's
    // Source timecode of frame 0: the file's own (tmcd / start TC tag, counting DF or NDF as the file says) or
    // 00:00:00:00 counted NDF when it has none.
    Timecode start = Timecode::fromFrames(0, TimecodeRate::Fps25);
    bool has_embedded_timecode = false;
    std::optional<int64_t> duration_frames;  // the whole file, at frame_rate, when known
    std::string reel;                        // tape/reel name: the file's own, else its name without extension
    bool has_video = true;
    int width = 0;
    int height = 0;
    int audio_channels = 0;  // of the main audio stream; 0 = no audio
    int audio_sample_rate = 0;

    [[nodiscard]] std::string fileName() const { return path.filename().string(); }
};

// One event: a range of one source placed on the record side.
struct TimelineClip {
    size_t source = 0;  // index into Timeline::sources
    std::string name;   // clip name as NLEs show and relink it: the source file's name
    std::string segment_id;
    std::string kind;  // segment kind (shot, highlight, …); empty when not from the catalog
    std::optional<int> rating;
    std::vector<std::string> tags;
    std::optional<std::string> note;
    int64_t source_in = 0;   // frames from the source's first frame, at its rate
    int64_t source_out = 0;  // exclusive
    int64_t record_in = 0;   // frames from the timeline's first frame, at the timeline rate
    int64_t record_out = 0;  // exclusive

    [[nodiscard]] int64_t sourceFrames() const { return source_out - source_in; }
    [[nodiscard]] int64_t recordFrames() const { return record_out - record_in; }
};

struct Timeline {
    std::string name;
    TimecodeRate rate = TimecodeRate::Fps25;  // the record side's exact rate and DF/NDF counting
    Timecode record_start = Timecode::fromFrames(90000, TimecodeRate::Fps25);  // label of record frame 0
    std::vector<SourceMedia> sources;
    std::vector<TimelineClip> clips;  // in order, each starting where the previous one ends

    [[nodiscard]] int64_t durationFrames() const { return clips.empty() ? 0 : clips.back().record_out; }
    [[nodiscard]] const SourceMedia& sourceOf(const TimelineClip& clip) const { return sources.at(clip.source); }

    // The source label of a frame of the clip's source, counted from the source's start timecode.
    [[nodiscard]] Timecode sourceTimecode(const TimelineClip& clip, int64_t source_frame) const;
    [[nodiscard]] Timecode recordTimecode(int64_t record_frame) const;

    // Adds a source (by asset id, once) and returns its index.
    size_t addSource(SourceMedia source);
    // Appends `clip` after the last one: record frames are its source frames at the timeline rate
    // (equal when the rates are; rounded to the nearest frame, at least one, when they differ).
    TimelineClip& append(TimelineClip clip);

    // Throws Error(InvalidArgument) naming the clip unless every clip has a valid source, 0 <= in < out on
    // both sides, clips tile the record side from frame 0, and rates and start labels agree.
    void validate() const;
};

// The timecode counting a source's frames: its start label's when it has one, else NDF at its nominal rate.
[[nodiscard]] TimecodeRate sourceTimecodeRate(const SourceMedia& source);

}  // namespace rushes::exporting
