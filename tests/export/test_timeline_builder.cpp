// SPDX-License-Identifier: GPL-3.0-or-later
#include <stop_token>

#include "catalog/catalog_test_support.h"
#include "catalog/reel_store.h"
#include "catalog/segment_store.h"
#include "catalog/tag_store.h"
#include "export/timeline_builder.h"

using namespace rushes;
using namespace rushes::catalog;
using namespace rushes::exporting;

namespace {
constexpr const char* kCameraDf =
    R"({"video_stream":0,"audio_stream":1,"timecode":{"value":"00:59:59;28","source":"tmcd"},
  "streams":[{"index":0,"video":{"frame_rate":"30000/1001","width":1920,"height":1080},"tags":{"reel_name":"A007"}},
             {"index":1,"audio":{"channels":2,"sample_rate":48000}}]})";
constexpr const char* kCameraNoTimecode = R"({"video_stream":0,"audio_stream":1,"timecode":null,
  "streams":[{"index":0,"video":{"frame_rate":"30000/1001","width":1280,"height":720}},
             {"index":1,"audio":{"channels":1,"sample_rate":48000}}]})";
constexpr const char* kRecorder = R"({"video_stream":-1,"audio_stream":0,
  "streams":[{"index":0,"audio":{"channels":2,"sample_rate":48000}}]})";
constexpr const char* kCamera25 = R"({"video_stream":0,"audio_stream":-1,"timecode":{"value":"10:00:00:00"},
  "streams":[{"index":0,"video":{"frame_rate":"25/1","width":3840,"height":2160}}]})";

struct ExportCatalog : test::SeededCatalog {
    SegmentStore segments{db};
    ReelStore reels{db};
    Asset addAsset(const std::string& path, const char* probe, int64_t duration_us) {
        Asset row = test::sampleAsset(project.id, volume.id, path);
        row.probe_json = probe;
        row.duration = TickDuration{duration_us, Rational{1, 1000000}};
        return AssetStore(db).insert(row);
    }
    std::string addSegment(const Asset& asset, int64_t in, int64_t out, Rational base) {
        Segment s;
        s.asset_id = asset.id;
        s.in_ticks = in;
        s.out_ticks = out;
        s.time_base = base;
        return segments.add(s).id;
    }
};

ErrorKind kindOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const Error& error) {
        return error.kind();
    }
    FAIL("expected an error");
    return ErrorKind::Internal;
}
}  // namespace

TEST_CASE("a reel becomes a timeline in reel order with its trims, tags, note and source timecode", "[export]") {
    ExportCatalog catalog;
    const Asset camera = catalog.addAsset("DCIM/A007C001.MOV", kCameraDf, 60'000'000);
    const Asset phone = catalog.addAsset("DCIM/IMG_0001.MOV", kCameraNoTimecode, 10'000'000);
    const Asset recorder = catalog.addAsset("AUDIO/ZOOM0001.WAV", kRecorder, 30'000'000);
    const std::string save = catalog.addSegment(camera, 10, 40, Rational{1001, 30000});
    // Milliseconds, as containers round frame starts: 33 ms is frame 1, 1001 ms frame 30.
    const std::string crowd = catalog.addSegment(phone, 33, 1001, Rational{1, 1000});
    const std::string chant = catalog.addSegment(recorder, 0, 2000, Rational{1, 1000});
    TagStore(catalog.db).tagSegment(save, "Save");
    TagStore(catalog.db).tagSegment(save, "Penalty");
    catalog.segments.setNote(save, "keeper dives left");
    catalog.segments.setRating(save, 4);

    const Reel reel = catalog.reels.create(catalog.project.id, "Selects");
    const auto items = catalog.reels.addSegments(reel.id, {save, crowd, chant, save});
    catalog.reels.trim(items[3].id, 5, std::nullopt);
    REQUIRE_CONSISTENT(catalog.db);

    const Timeline timeline = timelineFromReel(catalog.db, reel.id, {});
    CHECK(timeline.name == "Selects");
    CHECK(timeline.rate == TimecodeRate::Fps29_97DF);  // from the first camera's DF timecode
    CHECK(timeline.record_start.frames() == 107892);   // 01:00:00;00
    REQUIRE(timeline.clips.size() == 4);
    REQUIRE(timeline.sources.size() == 3);

    const TimelineClip& first = timeline.clips[0];
    const SourceMedia& a007 = timeline.sourceOf(first);
    CHECK(a007.path == "/media/editor/CARD_A/DCIM/A007C001.MOV");
    CHECK(a007.reel == "A007");
    CHECK(a007.start.toString() == "00:59:59;28");
    CHECK(a007.duration_frames == 1798);  // 60 s at 29.97
    CHECK(first.name == "A007C001.MOV");
    CHECK(first.source_in == 10);
    CHECK(first.source_out == 40);
    CHECK(timeline.sourceTimecode(first, first.source_in).toString() == "01:00:00;08");
    CHECK(first.tags == std::vector<std::string>{"Penalty", "Save"});
    CHECK(first.note == "keeper dives left");
    CHECK(first.rating == 4);
    CHECK(first.kind == "manual");

    const TimelineClip& second = timeline.clips[1];
    CHECK(second.source_in == 1);
    CHECK(second.source_out == 30);
    // No timecode of its own at the timeline's rate: it counts like the timeline, from zero.
    CHECK(timeline.sourceOf(second).start.rate() == TimecodeRate::Fps29_97DF);
    CHECK(timeline.sourceOf(second).reel == "IMG_0001");

    const TimelineClip& third = timeline.clips[2];
    CHECK_FALSE(timeline.sourceOf(third).has_video);
    CHECK(timeline.sourceOf(third).frame_rate == Rational{30000, 1001});
    CHECK(third.source_out == 60);  // 2 s at 29.97 is 59.94 frames: the nearest frame boundary

    CHECK(timeline.clips[3].source_in == 5);  // the reel's own trim, not the segment's 10
    CHECK(timeline.clips[3].source == first.source);
    int64_t expected_in = 0;
    for (const auto& clip : timeline.clips) {
        CHECK(clip.record_in == expected_in);
        CHECK(clip.recordFrames() == clip.sourceFrames());
        expected_in = clip.record_out;
    }
    CHECK(timeline.durationFrames() == 30 + 29 + 60 + 35);
}

TEST_CASE("segments become a timeline at a chosen rate; other rates convert to whole record frames", "[export]") {
    ExportCatalog catalog;
    const Asset camera = catalog.addAsset("DCIM/A007C001.MOV", kCameraDf, 60'000'000);
    const Asset uhd = catalog.addAsset("DCIM/C0001.MP4", kCamera25, 20'000'000);
    const std::string save = catalog.addSegment(camera, 0, 30, Rational{1001, 30000});
    const std::string wide = catalog.addSegment(uhd, 0, 50, Rational{1, 25});
    TimelineOptions options;
    options.name = "Two rates";
    options.frame_rate = Rational{25, 1};
    options.drop_frame = false;
    options.record_start = "00:00:00:00";
    const Timeline timeline = timelineFromSegments(catalog.db, {wide, save}, options);
    CHECK(timeline.name == "Two rates");
    CHECK(timeline.rate == TimecodeRate::Fps25);
    CHECK(timeline.record_start.frames() == 0);
    CHECK(timeline.sourceOf(timeline.clips[0]).start.toString() == "10:00:00:00");
    CHECK(timeline.clips[0].recordFrames() == 50);
    CHECK(timeline.clips[1].sourceFrames() == 30);
    CHECK(timeline.clips[1].recordFrames() == 25);  // 30 frames of 1001/30000 s = 1.001 s = 25.025 frames at 25
}

TEST_CASE("a timeline refuses options that do not fit and items whose range is gone", "[export]") {
    ExportCatalog catalog;
    const Asset uhd = catalog.addAsset("DCIM/C0001.MP4", kCamera25, 20'000'000);
    const std::string wide = catalog.addSegment(uhd, 0, 50, Rational{1, 25});
    TimelineOptions drop_at_25;
    drop_at_25.drop_frame = true;
    CHECK(kindOf([&] { (void)timelineFromSegments(catalog.db, {wide}, drop_at_25); }) == ErrorKind::InvalidArgument);
    TimelineOptions df_label;  // a drop-frame label on a 29.97 NDF timeline would name another frame
    df_label.frame_rate = Rational{30000, 1001};
    df_label.drop_frame = false;
    df_label.record_start = "01:00:00;00";
    CHECK(kindOf([&] { (void)timelineFromSegments(catalog.db, {wide}, df_label); }) == ErrorKind::InvalidArgument);
    CHECK(kindOf([&] { (void)timelineFromSegments(catalog.db, {"01900000-0000-7000-8000-0000000000ff"}, {}); }) ==
          ErrorKind::NotFound);

    const Reel reel = catalog.reels.create(catalog.project.id, "Selects");
    const auto item = catalog.reels.addSegments(reel.id, {wide}).front();
    catalog.reels.trim(item.id, 40, std::nullopt);
    catalog.segments.setRange(wide, 0, 30);  // now ends before the reel's own in point
    try {
        (void)timelineFromReel(catalog.db, reel.id, {});
        FAIL("an empty item must be refused");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::InvalidArgument);
        CHECK_THAT(error.what(), Catch::Matchers::Contains(item.id));
    }
    std::stop_source stop;
    stop.request_stop();
    catalog.reels.trim(item.id, std::nullopt, std::nullopt);
    CHECK(kindOf([&] { (void)timelineFromReel(catalog.db, reel.id, {}, stop.get_token()); }) == ErrorKind::Cancelled);
    catalog.reels.remove(reel.id);
    CHECK(kindOf([&] { (void)timelineFromReel(catalog.db, reel.id, {}); }) == ErrorKind::NotFound);
}
