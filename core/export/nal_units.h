// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The few bitstream operations a smart cut needs on H.264/HEVC: splitting packets and extradata into NAL
// units (Annex B start codes, or the length prefixes MP4 and Matroska use), reading parameter set ids, and
// building the avcC record that lists the source's and the re-encoded edges' parameter sets side by side.
#include <cstdint>
#include <span>
#include <vector>

extern "C" {
#include <libavcodec/codec_id.h>
}

namespace rushes::exporting {

using Bytes = std::vector<std::uint8_t>;

// NAL units of an Annex B buffer (00 00 01 / 00 00 00 01 start codes); trailing zero bytes are dropped.
[[nodiscard]] std::vector<Bytes> splitAnnexB(std::span<const std::uint8_t> data);
// NAL units of a length-prefixed buffer (`length_size` = 1, 2 or 4 bytes, big-endian). Throws on a length
// that runs past the end.
[[nodiscard]] std::vector<Bytes> splitLengthPrefixed(std::span<const std::uint8_t> data, int length_size);
// Either form: Annex B when the buffer starts with a start code.
[[nodiscard]] bool looksLikeAnnexB(std::span<const std::uint8_t> data);
// NAL units with 4-byte big-endian length prefixes, as MP4/Matroska packets carry them.
[[nodiscard]] Bytes joinLengthPrefixed(const std::vector<Bytes>& nal_units);

// NAL unit type (H.264: 5 bits; HEVC: 6 bits of the two-byte header).
[[nodiscard]] int nalType(AVCodecID codec, const Bytes& nal_unit);

// H.264 NAL unit types used here.
inline constexpr int kH264Sps = 7;
inline constexpr int kH264Pps = 8;
// HEVC NAL unit types used here.
inline constexpr int kHevcBlaNoLeading = 18;  // BLA_N_LP
inline constexpr int kHevcIdrFirst = 19;      // IDR_W_RADL
inline constexpr int kHevcCra = 21;
inline constexpr int kHevcVps = 32;
inline constexpr int kHevcSps = 33;
inline constexpr int kHevcPps = 34;

// The parameter sets and NAL length size a stream's extradata declares (avcC, hvcC or Annex B).
struct DecoderConfig {
    std::vector<Bytes> parameter_sets;  // in order: VPS (HEVC), SPS, PPS
    int length_size = 4;                // of the packets; 0 when the packets use Annex B start codes
};
[[nodiscard]] DecoderConfig readDecoderConfig(AVCodecID codec, std::span<const std::uint8_t> extradata);

// An HEVCDecoderConfigurationRecord (MP4/Matroska extradata) rather than Annex B or nothing.
[[nodiscard]] bool isHvcC(std::span<const std::uint8_t> extradata);

// seq_parameter_set_id of an H.264 SPS, pic_parameter_set_id of a PPS.
[[nodiscard]] unsigned h264ParameterSetId(const Bytes& nal_unit);

// An avcC record (ISO/IEC 14496-15) listing every SPS and PPS given, with 4-byte NAL lengths. Profile and
// level come from the first SPS; the chroma/bit-depth extension is written for High profiles.
[[nodiscard]] Bytes buildAvcC(const std::vector<Bytes>& sps, const std::vector<Bytes>& pps);

// Rewrites an HEVC CRA picture's NAL units to BLA_N_LP: the splice point the standard defines, so a decoder
// starts a new coded video sequence there instead of predicting from the re-encoded pictures before it.
void markBrokenLink(std::vector<Bytes>& nal_units);

}  // namespace rushes::exporting
