// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "export/decode_span.h"
#include "export/h264_syntax.h"
#include "export/nal_units.h"
#include "media/frame_index.h"
#include "media/input_file.h"
#include "support/fixtures.h"

using namespace rushes;
using namespace rushes::exporting;

namespace {

// Packets of a B-pyramid mini-GOP in decode order, by frame number: I0 P4 B2 B1 B3 P8 B6 B5 B7 ...
std::vector<PacketStamp> stamps(const media::FrameIndex& index, std::initializer_list<std::int64_t> frames) {
    std::vector<PacketStamp> out;
    for (std::int64_t frame : frames) out.push_back({index.ptsOf(frame), 0, out.empty()});
    return out;
}

}  // namespace

TEST_CASE("a copied span ends where the frames shown so far are contiguous", "[export]") {
    const media::FrameIndex index = media::FrameIndex::build(test::fixturePath("h264_longgop.mp4"), -1);
    const auto packets = stamps(index, {0, 4, 2, 1, 3, 8, 6, 5, 7, 12, 10, 9, 11});

    // Reaching out = 6 needs frames 0..5; after B5 the prefix shows 0-6 and 8 but not 7: go on to B7.
    const DecodeSpan reach = shortestSpanReaching(packets, index, 6);
    CHECK(reach.packets == 9);
    CHECK(reach.first_frame == 0);
    CHECK(reach.end_frame == 9);
    // Already contiguous at B3 for out = 5.
    CHECK(shortestSpanReaching(packets, index, 5).packets == 5);

    // Before limit 7: P8 would show frame 8, so the longest usable prefix is I0 P4 B2 B1 B3 (frames 0-4).
    const DecodeSpan before = longestSpanBefore(packets, index, 7);
    CHECK(before.packets == 5);
    CHECK(before.end_frame == 5);
    CHECK(longestSpanBefore(packets, index, 9).end_frame == 9);
    CHECK(longestSpanBefore(packets, index, 1).end_frame == 1);  // the keyframe alone
}

TEST_CASE("leading pictures of the first keyframe are not part of a copied span", "[export]") {
    const media::FrameIndex index = media::FrameIndex::build(test::fixturePath("h264_longgop.mp4"), -1);
    // Open GOP at frame 4: I4 then its leading B1 B2 B3 (shown before it), then P8 B6 B5 B7.
    const auto packets = stamps(index, {4, 2, 1, 3, 8, 6, 5, 7});
    const DecodeSpan span = longestSpanBefore(packets, index, 20);
    CHECK(span.first_frame == 4);
    CHECK(span.end_frame == 9);
    CHECK(span.packets == 8);
}

TEST_CASE("decode times are gapless, increasing and never after presentation", "[export]") {
    const std::vector<std::int64_t> pts = {0, 4, 2, 1, 3, 8, 6, 5, 7};
    const std::vector<std::int64_t> dts = decodeTimesFor(pts);
    REQUIRE(dts.size() == pts.size());
    for (std::size_t i = 0; i < dts.size(); ++i) {
        CHECK(dts[i] <= pts[i]);
        if (i > 0) CHECK(dts[i] - dts[i - 1] == 1);
    }
    CHECK(dts.front() == -2);  // B1 is decoded fourth but shown second: two frames of reorder
}

TEST_CASE("Exp-Golomb codes and emulation prevention round-trip", "[export]") {
    h264::BitWriter writer;
    const std::vector<std::uint32_t> unsigned_values = {0, 1, 2, 7, 255, 65535};
    const std::vector<std::int32_t> signed_values = {0, 1, -1, 17, -300};
    for (auto v : unsigned_values) writer.ue(v);
    for (auto v : signed_values) writer.se(v);
    writer.bits(5, 3);
    writer.alignWith(false);
    const Bytes rbsp = writer.take();
    h264::BitReader reader(rbsp);
    for (auto v : unsigned_values) CHECK(reader.ue() == v);
    for (auto v : signed_values) CHECK(reader.se() == v);
    CHECK(reader.bits(3) == 5);

    const Bytes raw = {0x65, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00};
    const Bytes escaped = h264::escape(raw);
    CHECK(escaped ==
          Bytes{0x65, 0x00, 0x00, 0x03, 0x01, 0x00, 0x00, 0x03, 0x00, 0x00, 0x03, 0x00, 0x03, 0x00, 0x00, 0x03});
    CHECK(h264::unescape(escaped) == raw);
}

TEST_CASE("NAL units split from Annex B and length prefixes, and an avcC lists every parameter set", "[export]") {
    const Bytes annex_b = {0, 0,    0,    1,    0x67, 0x64, 0x00, 0x1e, 0xac, 0,   0,
                           1, 0x68, 0xee, 0x3c, 0x80, 0,    0,    1,    0x65, 0x88};
    const std::vector<Bytes> units = splitAnnexB(annex_b);
    REQUIRE(units.size() == 3);
    CHECK(nalType(AV_CODEC_ID_H264, units[0]) == kH264Sps);
    CHECK(nalType(AV_CODEC_ID_H264, units[1]) == kH264Pps);
    CHECK(units[2] == Bytes{0x65, 0x88});
    const Bytes prefixed = joinLengthPrefixed(units);
    CHECK(splitLengthPrefixed(prefixed, 4) == units);

    // The long-GOP fixture's own avcC: one SPS and one PPS, both id 0, High profile 8-bit 4:2:0.
    media::InputFile input(test::fixturePath("h264_longgop.mp4"));
    const AVCodecParameters& par = *input.context()->streams[0]->codecpar;
    const DecoderConfig config =
        readDecoderConfig(AV_CODEC_ID_H264, {par.extradata, static_cast<std::size_t>(par.extradata_size)});
    CHECK(config.length_size == 4);
    REQUIRE(config.parameter_sets.size() == 2);
    CHECK(h264ParameterSetId(config.parameter_sets[0]) == 0);
    CHECK(h264ParameterSetId(config.parameter_sets[1]) == 0);
    const h264::Sps sps = h264::parseSps(config.parameter_sets[0]);
    CHECK(sps.frame_mbs_only);
    CHECK(sps.poc_type == 0);

    const Bytes rebuilt = buildAvcC({config.parameter_sets[0]}, {config.parameter_sets[1]});
    CHECK(rebuilt == Bytes(par.extradata, par.extradata + par.extradata_size));
    const Bytes doubled = buildAvcC({config.parameter_sets[0], config.parameter_sets[0]},
                                    {config.parameter_sets[1], config.parameter_sets[1]});
    CHECK(readDecoderConfig(AV_CODEC_ID_H264, doubled).parameter_sets.size() == 4);
}
