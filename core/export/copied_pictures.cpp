// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/copied_pictures.h"

#include <algorithm>

namespace rushes::exporting {

CopiedPictures::CopiedPictures(AVCodecID codec, const DecoderConfig& config, bool after_reencoded_head)
    : codec_(codec), config_(config), after_head_(after_reencoded_head) {
    if (codec_ == AV_CODEC_ID_H264) h264_.emplace(config.parameter_sets);
}

std::vector<Bytes> CopiedPictures::units(const AVPacket& packet) const {
    const std::span<const std::uint8_t> data{packet.data, static_cast<std::size_t>(packet.size)};
    return config_.length_size == 0 ? splitAnnexB(data) : splitLengthPrefixed(data, config_.length_size);
}

bool CopiedPictures::canStartWith(const AVPacket& keyframe) {
    if (codec_ == AV_CODEC_ID_H264) return H264RecoverySplice(config_.parameter_sets).canStartAt(units(keyframe));
    if (codec_ == AV_CODEC_ID_HEVC) {
        for (const Bytes& unit : units(keyframe)) {
            const int type = nalType(AV_CODEC_ID_HEVC, unit);
            if (type < kHevcVps) return type >= 16 && type <= kHevcCra;  // the first picture NAL: IRAP?
        }
        return false;
    }
    return true;
}

void CopiedPictures::adapt(AVPacket& packet) {
    if (codec_ != AV_CODEC_ID_H264 && codec_ != AV_CODEC_ID_HEVC) return;
    std::vector<Bytes> nal_units = units(packet);
    if (h264_) h264_->adapt(nal_units);
    if (codec_ == AV_CODEC_ID_HEVC && first_ && after_head_) {
        // The re-encoded head carried its own VPS/SPS/PPS with the same ids: restate the source's, and make a
        // CRA a broken-link picture so the decoder starts a new coded video sequence here (HEVC's splice).
        markBrokenLink(nal_units);
        nal_units.insert(nal_units.begin(), config_.parameter_sets.begin(), config_.parameter_sets.end());
    }
    first_ = false;
    const Bytes payload = joinLengthPrefixed(nal_units);
    AVPacket replacement{};
    if (av_new_packet(&replacement, static_cast<int>(payload.size())) < 0) throw std::bad_alloc();
    std::copy(payload.begin(), payload.end(), replacement.data);
    // Keep timestamps, flags and side data; swap only the payload.
    av_buffer_unref(&packet.buf);
    packet.buf = replacement.buf;
    packet.data = replacement.data;
    packet.size = replacement.size;
}

}  // namespace rushes::exporting
