// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/h264_syntax.h"

#include <stdexcept>

namespace rushes::exporting::h264 {

Bytes unescape(std::span<const std::uint8_t> payload) {
    Bytes rbsp;
    rbsp.reserve(payload.size());
    int zeros = 0;
    for (std::uint8_t byte : payload) {
        if (zeros >= 2 && byte == 3) {
            zeros = 0;
            continue;
        }
        zeros = byte == 0 ? zeros + 1 : 0;
        rbsp.push_back(byte);
    }
    return rbsp;
}

Bytes escape(std::span<const std::uint8_t> rbsp) {
    Bytes payload;
    payload.reserve(rbsp.size() + rbsp.size() / 64 + 2);
    int zeros = 0;
    for (std::uint8_t byte : rbsp) {
        if (zeros >= 2 && byte <= 3) {
            payload.push_back(3);
            zeros = 0;
        }
        payload.push_back(byte);
        zeros = byte == 0 ? zeros + 1 : 0;
    }
    if (zeros >= 2) payload.push_back(3);  // a NAL unit must not end in 00 00 (cabac_zero_words)
    return payload;
}

std::uint32_t BitReader::bits(int count) {
    std::uint32_t value = 0;
    for (int i = 0; i < count; ++i) {
        if (position_ >= data_.size() * 8) throw std::out_of_range("H.264 syntax: the NAL unit ends early");
        value = (value << 1) | ((data_[position_ / 8] >> (7 - position_ % 8)) & 1u);
        ++position_;
    }
    return value;
}

std::uint32_t BitReader::ue() {
    int leading = 0;
    while (bits(1) == 0) {
        if (++leading > 31) throw std::out_of_range("H.264 syntax: bad Exp-Golomb code");
    }
    return static_cast<std::uint32_t>((1ull << leading) - 1 + bits(leading));
}

std::int32_t BitReader::se() {
    const std::uint32_t code = ue();
    return (code & 1) ? static_cast<std::int32_t>((code + 1) / 2) : -static_cast<std::int32_t>(code / 2);
}

void BitWriter::bits(std::uint32_t value, int count) {
    for (int i = count - 1; i >= 0; --i) {
        if (used_ == 0) data_.push_back(0);
        if ((value >> i) & 1u) data_.back() = static_cast<std::uint8_t>(data_.back() | (0x80u >> used_));
        used_ = (used_ + 1) % 8;
    }
}

void BitWriter::ue(std::uint32_t value) {
    const std::uint64_t code = static_cast<std::uint64_t>(value) + 1;
    int length = 0;
    while ((code >> (length + 1)) != 0) ++length;
    bits(0, length);
    bits(static_cast<std::uint32_t>(code), length + 1);
}

void BitWriter::se(std::int32_t value) {
    ue(value > 0 ? static_cast<std::uint32_t>(2 * value - 1)
                 : static_cast<std::uint32_t>(-2 * static_cast<std::int64_t>(value)));
}

void BitWriter::copy(const Bytes& source, std::size_t from, std::size_t to) {
    // Whole bytes at once when both sides are byte-aligned (CABAC slice data after alignment).
    while (from < to && (from % 8 != 0 || used_ != 0)) {
        bits((source[from / 8] >> (7 - from % 8)) & 1u, 1);
        ++from;
    }
    while (from + 8 <= to) {
        data_.push_back(source[from / 8]);
        from += 8;
    }
    while (from < to) {
        bits((source[from / 8] >> (7 - from % 8)) & 1u, 1);
        ++from;
    }
}

void BitWriter::alignWith(bool bit) {
    while (used_ != 0) bits(bit ? 1 : 0, 1);
}

Bytes BitWriter::take() {
    used_ = 0;
    return std::move(data_);
}

namespace {

bool hasChromaInfo(unsigned profile_idc) {
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

void skipScalingList(BitReader& reader, int size) {
    int last = 8;
    int next = 8;
    for (int j = 0; j < size; ++j) {
        if (next != 0) next = (last + reader.se() + 256) % 256;
        last = next == 0 ? last : next;
    }
}

}  // namespace

Sps parseSps(const Bytes& nal_unit) {
    const Bytes rbsp = unescape(std::span(nal_unit).subspan(1));
    BitReader reader(rbsp);
    Sps sps;
    const unsigned profile_idc = reader.bits(8);
    reader.bits(16);  // constraint flags, level_idc
    sps.id = reader.ue();
    if (hasChromaInfo(profile_idc)) {
        const unsigned chroma_format_idc = reader.ue();
        if (chroma_format_idc == 3) sps.separate_colour_plane = reader.bits(1) != 0;
        reader.ue();           // bit_depth_luma_minus8
        reader.ue();           // bit_depth_chroma_minus8
        reader.bits(1);        // qpprime_y_zero_transform_bypass_flag
        if (reader.bits(1)) {  // seq_scaling_matrix_present_flag
            for (int i = 0; i < (chroma_format_idc != 3 ? 8 : 12); ++i) {
                if (reader.bits(1)) skipScalingList(reader, i < 6 ? 16 : 64);
            }
        }
    }
    sps.log2_max_frame_num = static_cast<int>(reader.ue()) + 4;
    sps.poc_type = reader.ue();
    if (sps.poc_type == 0) {
        sps.log2_max_poc_lsb = static_cast<int>(reader.ue()) + 4;
    } else if (sps.poc_type == 1) {
        sps.delta_pic_order_always_zero = reader.bits(1) != 0;
        reader.se();  // offset_for_non_ref_pic
        reader.se();  // offset_for_top_to_bottom_field
        const std::uint32_t cycle = reader.ue();
        for (std::uint32_t i = 0; i < cycle; ++i) reader.se();
    }
    reader.ue();     // max_num_ref_frames
    reader.bits(1);  // gaps_in_frame_num_value_allowed_flag
    reader.ue();     // pic_width_in_mbs_minus1
    reader.ue();     // pic_height_in_map_units_minus1
    sps.frame_mbs_only = reader.bits(1) != 0;
    return sps;
}

Pps parsePps(const Bytes& nal_unit) {
    const Bytes rbsp = unescape(std::span(nal_unit).subspan(1));
    BitReader reader(rbsp);
    Pps pps;
    pps.id = reader.ue();
    pps.sps_id = reader.ue();
    pps.cabac = reader.bits(1) != 0;
    pps.bottom_field_pic_order_present = reader.bits(1) != 0;
    pps.slice_groups = reader.ue() + 1;
    if (pps.slice_groups > 1) return pps;  // FMO (Baseline only): slices of such streams are not rewritten
    reader.ue();                           // num_ref_idx_l0_default_active_minus1
    reader.ue();                           // num_ref_idx_l1_default_active_minus1
    pps.weighted_pred = reader.bits(1) != 0;
    pps.weighted_bipred_idc = reader.bits(2);
    reader.se();  // pic_init_qp_minus26
    reader.se();  // pic_init_qs_minus26
    reader.se();  // chroma_qp_index_offset
    pps.deblocking_filter_control_present = reader.bits(1) != 0;
    reader.bits(1);  // constrained_intra_pred_flag
    pps.redundant_pic_cnt_present = reader.bits(1) != 0;
    return pps;
}

void ParameterSets::add(const Bytes& nal_unit) {
    const int type = nalType(AV_CODEC_ID_H264, nal_unit);
    if (type == kH264Sps) {
        const Sps sps = parseSps(nal_unit);
        sps_[sps.id] = sps;
    } else if (type == kH264Pps) {
        const Pps pps = parsePps(nal_unit);
        pps_[pps.id] = pps;
    }
}

const Pps* ParameterSets::pps(unsigned id) const {
    const auto it = pps_.find(id);
    return it == pps_.end() ? nullptr : &it->second;
}

const Sps* ParameterSets::spsFor(const Pps& pps) const {
    const auto it = sps_.find(pps.sps_id);
    return it == sps_.end() ? nullptr : &it->second;
}

SliceNumbering readSliceNumbering(const Bytes& rbsp, int nal_type, const ParameterSets& sets) {
    BitReader reader(rbsp, 8);  // past the NAL header byte
    SliceNumbering slice;
    reader.ue();  // first_mb_in_slice
    slice.slice_type = reader.ue();
    slice.pps = sets.pps(reader.ue());
    if (!slice.pps) throw std::out_of_range("H.264 syntax: a slice refers to an unknown PPS");
    slice.sps = sets.spsFor(*slice.pps);
    if (!slice.sps) throw std::out_of_range("H.264 syntax: a PPS refers to an unknown SPS");
    if (slice.sps->separate_colour_plane) reader.bits(2);
    slice.frame_num_at = reader.position();
    slice.frame_num = reader.bits(slice.sps->log2_max_frame_num);
    if (!slice.sps->frame_mbs_only) {
        slice.field_pic = reader.bits(1) != 0;
        if (slice.field_pic) reader.bits(1);
    }
    if (nal_type == 5) {
        slice.idr_pic_id_at = reader.position();
        reader.ue();
    }
    if (slice.sps->poc_type == 0) {
        slice.poc_lsb_at = reader.position();
        slice.poc_lsb = reader.bits(slice.sps->log2_max_poc_lsb);
        if (slice.pps->bottom_field_pic_order_present && !slice.field_pic) reader.se();
    } else if (slice.sps->poc_type == 1 && !slice.sps->delta_pic_order_always_zero) {
        reader.se();
        if (slice.pps->bottom_field_pic_order_present && !slice.field_pic) reader.se();
    }
    slice.after_poc = reader.position();
    return slice;
}

void overwriteBits(Bytes& rbsp, std::size_t at, int count, std::uint32_t value) {
    for (int i = 0; i < count; ++i) {
        const std::size_t bit = at + static_cast<std::size_t>(i);
        const auto mask = static_cast<std::uint8_t>(0x80u >> (bit % 8));
        if ((value >> (count - 1 - i)) & 1u) {
            rbsp[bit / 8] = static_cast<std::uint8_t>(rbsp[bit / 8] | mask);
        } else {
            rbsp[bit / 8] = static_cast<std::uint8_t>(rbsp[bit / 8] & ~mask);
        }
    }
}

}  // namespace rushes::exporting::h264
