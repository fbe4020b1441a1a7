// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/nal_units.h"

#include <optional>
#include <stdexcept>

#include "base/error.h"

namespace rushes::exporting {
namespace {

// Reads Exp-Golomb and fixed-width fields from a NAL unit's payload, skipping emulation prevention bytes
// (00 00 03) as the standard requires.
class BitReader {
public:
    BitReader(const Bytes& nal_unit, std::size_t header_bytes) {
        int zeros = 0;
        for (std::size_t i = header_bytes; i < nal_unit.size(); ++i) {
            const std::uint8_t byte = nal_unit[i];
            if (zeros >= 2 && byte == 3) {
                zeros = 0;
                continue;
            }
            zeros = byte == 0 ? zeros + 1 : 0;
            rbsp_.push_back(byte);
        }
    }
    unsigned bits(int count) {
        unsigned value = 0;
        for (int i = 0; i < count; ++i) {
            if (position_ >= rbsp_.size() * 8) throw std::out_of_range("NAL unit ends early");
            value = (value << 1) | ((rbsp_[position_ / 8] >> (7 - position_ % 8)) & 1u);
            ++position_;
        }
        return value;
    }
    unsigned ue() {
        int leading = 0;
        while (bits(1) == 0) {
            if (++leading > 31) throw std::out_of_range("bad Exp-Golomb code");
        }
        return ((1u << leading) - 1u) + bits(leading);
    }

private:
    std::vector<std::uint8_t> rbsp_;
    std::size_t position_ = 0;
};

struct SpsSummary {
    unsigned profile_idc = 0;
    unsigned chroma_format_idc = 1;
    unsigned bit_depth_luma_minus8 = 0;
    unsigned bit_depth_chroma_minus8 = 0;
};

bool isHighProfile(unsigned profile_idc) {
    switch (profile_idc) {
        case 100:
        case 110:
        case 122:
        case 244:
        case 44:
        case 83:
        case 86:
        case 118:
        case 128:
        case 138:
        case 139:
        case 134:
        case 135: return true;
        default: return false;
    }
}

SpsSummary readSps(const Bytes& sps) {
    BitReader reader(sps, 1);
    SpsSummary summary;
    summary.profile_idc = reader.bits(8);
    reader.bits(16);  // constraint flags, level_idc
    reader.ue();      // seq_parameter_set_id
    if (isHighProfile(summary.profile_idc)) {
        summary.chroma_format_idc = reader.ue();
        if (summary.chroma_format_idc == 3) reader.bits(1);  // separate_colour_plane_flag
        summary.bit_depth_luma_minus8 = reader.ue();
        summary.bit_depth_chroma_minus8 = reader.ue();
    }
    return summary;
}

std::uint32_t readBigEndian(std::span<const std::uint8_t> data, std::size_t at, int size) {
    std::uint32_t value = 0;
    for (int i = 0; i < size; ++i) value = (value << 8) | data[at + static_cast<std::size_t>(i)];
    return value;
}

void appendBigEndian(Bytes& out, std::uint32_t value, int size) {
    for (int i = size - 1; i >= 0; --i) out.push_back(static_cast<std::uint8_t>((value >> (8 * i)) & 0xff));
}

Error badConfig(const char* what) {
    return Error(ErrorKind::Corrupt, "decoder configuration", what);
}

DecoderConfig readAvcC(std::span<const std::uint8_t> data) {
    if (data.size() < 7) throw badConfig("avcC record too short");
    DecoderConfig config;
    config.length_size = (data[4] & 3) + 1;
    std::size_t at = 6;  // past version, profile, compatibility, level, length size and the SPS count
    const auto readList = [&](unsigned count) {
        for (unsigned i = 0; i < count; ++i) {
            if (at + 2 > data.size()) throw badConfig("avcC record ends early");
            const std::size_t size = readBigEndian(data, at, 2);
            at += 2;
            if (at + size > data.size()) throw badConfig("avcC parameter set runs past the end");
            config.parameter_sets.emplace_back(data.begin() + static_cast<std::ptrdiff_t>(at),
                                               data.begin() + static_cast<std::ptrdiff_t>(at + size));
            at += size;
        }
    };
    readList(data[5] & 0x1f);
    if (at >= data.size()) throw badConfig("avcC record ends early");
    const unsigned pps_count = data[at++];
    readList(pps_count);
    return config;
}

DecoderConfig readHvcC(std::span<const std::uint8_t> data) {
    if (data.size() < 23) throw badConfig("hvcC record too short");
    DecoderConfig config;
    config.length_size = (data[21] & 3) + 1;
    const unsigned arrays = data[22];
    std::size_t at = 23;
    for (unsigned a = 0; a < arrays; ++a) {
        if (at + 3 > data.size()) throw badConfig("hvcC record ends early");
        const unsigned count = readBigEndian(data, at + 1, 2);
        at += 3;
        for (unsigned i = 0; i < count; ++i) {
            if (at + 2 > data.size()) throw badConfig("hvcC record ends early");
            const std::size_t size = readBigEndian(data, at, 2);
            at += 2;
            if (at + size > data.size()) throw badConfig("hvcC NAL unit runs past the end");
            config.parameter_sets.emplace_back(data.begin() + static_cast<std::ptrdiff_t>(at),
                                               data.begin() + static_cast<std::ptrdiff_t>(at + size));
            at += size;
        }
    }
    return config;
}

}  // namespace

bool looksLikeAnnexB(std::span<const std::uint8_t> data) {
    return (data.size() >= 3 && data[0] == 0 && data[1] == 0 && data[2] == 1) ||
           (data.size() >= 4 && data[0] == 0 && data[1] == 0 && data[2] == 0 && data[3] == 1);
}

std::vector<Bytes> splitAnnexB(std::span<const std::uint8_t> data) {
    std::vector<Bytes> units;
    std::size_t i = 0;
    std::optional<std::size_t> start;
    const auto close = [&](std::size_t end) {
        if (!start) return;
        while (end > *start && data[end - 1] == 0) --end;  // trailing_zero_8bits and the next start code's zero
        if (end > *start)
            units.emplace_back(data.begin() + static_cast<std::ptrdiff_t>(*start),
                               data.begin() + static_cast<std::ptrdiff_t>(end));
    };
    while (i + 2 < data.size()) {
        if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
            close(i);
            i += 3;
            start = i;
        } else {
            ++i;
        }
    }
    close(data.size());
    return units;
}

std::vector<Bytes> splitLengthPrefixed(std::span<const std::uint8_t> data, int length_size) {
    std::vector<Bytes> units;
    std::size_t at = 0;
    const auto size_bytes = static_cast<std::size_t>(length_size);
    while (at + size_bytes <= data.size()) {
        const std::size_t size = readBigEndian(data, at, length_size);
        at += size_bytes;
        if (at + size > data.size())
            throw Error(ErrorKind::Corrupt, "packet", "a NAL unit length runs past the packet");
        units.emplace_back(data.begin() + static_cast<std::ptrdiff_t>(at),
                           data.begin() + static_cast<std::ptrdiff_t>(at + size));
        at += size;
    }
    return units;
}

Bytes joinLengthPrefixed(const std::vector<Bytes>& nal_units) {
    Bytes out;
    for (const Bytes& unit : nal_units) {
        appendBigEndian(out, static_cast<std::uint32_t>(unit.size()), 4);
        out.insert(out.end(), unit.begin(), unit.end());
    }
    return out;
}

int nalType(AVCodecID codec, const Bytes& nal_unit) {
    if (nal_unit.empty()) return -1;
    return codec == AV_CODEC_ID_HEVC ? (nal_unit[0] >> 1) & 0x3f : nal_unit[0] & 0x1f;
}

DecoderConfig readDecoderConfig(AVCodecID codec, std::span<const std::uint8_t> extradata) {
    if (looksLikeAnnexB(extradata)) {
        DecoderConfig config;
        config.length_size = 0;
        config.parameter_sets = splitAnnexB(extradata);
        return config;
    }
    if (extradata.empty()) {
        DecoderConfig config;
        config.length_size = 0;  // no record: the stream carries its parameter sets in-band (MPEG-TS)
        return config;
    }
    return codec == AV_CODEC_ID_HEVC ? readHvcC(extradata) : readAvcC(extradata);
}

bool isHvcC(std::span<const std::uint8_t> extradata) {
    return extradata.size() >= 23 && extradata[0] == 1 && !looksLikeAnnexB(extradata);
}

unsigned h264ParameterSetId(const Bytes& nal_unit) {
    BitReader reader(nal_unit, 1);
    if (nalType(AV_CODEC_ID_H264, nal_unit) == kH264Sps) reader.bits(24);  // profile, constraints, level
    return reader.ue();
}

Bytes buildAvcC(const std::vector<Bytes>& sps, const std::vector<Bytes>& pps) {
    if (sps.empty() || pps.empty() || sps.front().size() < 4) throw badConfig("avcC needs an SPS and a PPS");
    if (sps.size() > 31 || pps.size() > 255) throw badConfig("too many parameter sets for an avcC record");
    Bytes out{1, sps.front()[1], sps.front()[2], sps.front()[3], 0xff, static_cast<std::uint8_t>(0xe0 | sps.size())};
    for (const Bytes& unit : sps) {
        appendBigEndian(out, static_cast<std::uint32_t>(unit.size()), 2);
        out.insert(out.end(), unit.begin(), unit.end());
    }
    out.push_back(static_cast<std::uint8_t>(pps.size()));
    for (const Bytes& unit : pps) {
        appendBigEndian(out, static_cast<std::uint32_t>(unit.size()), 2);
        out.insert(out.end(), unit.begin(), unit.end());
    }
    const SpsSummary summary = readSps(sps.front());
    if (isHighProfile(summary.profile_idc)) {
        out.push_back(static_cast<std::uint8_t>(0xfc | (summary.chroma_format_idc & 3)));
        out.push_back(static_cast<std::uint8_t>(0xf8 | (summary.bit_depth_luma_minus8 & 7)));
        out.push_back(static_cast<std::uint8_t>(0xf8 | (summary.bit_depth_chroma_minus8 & 7)));
        out.push_back(0);  // no SPS extensions
    }
    return out;
}

void markBrokenLink(std::vector<Bytes>& nal_units) {
    for (Bytes& unit : nal_units) {
        if (nalType(AV_CODEC_ID_HEVC, unit) == kHevcCra) {
            unit[0] = static_cast<std::uint8_t>((unit[0] & 0x81) | (kHevcBlaNoLeading << 1));
        }
    }
}

}  // namespace rushes::exporting
