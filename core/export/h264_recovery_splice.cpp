// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/h264_recovery_splice.h"

#include <stdexcept>

namespace rushes::exporting {
namespace {

constexpr int kSlice = 1;
constexpr int kIdrSlice = 5;
constexpr std::uint32_t kIdrPicId = 1;  // differs from the re-encoded head's IDR (0)

// The fields of a non-IDR I slice header after the picture order count, as read from the source.
struct IntraSliceTail {
    std::optional<std::uint32_t> redundant_pic_cnt;
    std::int32_t slice_qp_delta = 0;
    std::optional<std::uint32_t> disable_deblocking_filter_idc;
    std::int32_t alpha_offset = 0;
    std::int32_t beta_offset = 0;
    std::size_t end = 0;  // first bit after the header
};

IntraSliceTail readIntraTail(const Bytes& rbsp, const h264::SliceNumbering& slice) {
    h264::BitReader reader(rbsp, slice.after_poc);
    IntraSliceTail tail;
    if (slice.pps->redundant_pic_cnt_present) tail.redundant_pic_cnt = reader.ue();
    // dec_ref_pic_marking() of a reference picture: only "unmark short-term" operations are accepted; they
    // release pictures of the previous GOP, which an IDR releases anyway.
    if (reader.bits(1)) {
        for (;;) {
            const std::uint32_t operation = reader.ue();
            if (operation == 0) break;
            if (operation != 1) throw std::out_of_range("H.264 splice: long-term marking at the keyframe");
            reader.ue();
        }
    }
    tail.slice_qp_delta = reader.se();
    if (slice.pps->deblocking_filter_control_present) {
        tail.disable_deblocking_filter_idc = reader.ue();
        if (*tail.disable_deblocking_filter_idc != 1) {
            tail.alpha_offset = reader.se();
            tail.beta_offset = reader.se();
        }
    }
    tail.end = reader.position();
    return tail;
}

}  // namespace

H264RecoverySplice::H264RecoverySplice(const std::vector<Bytes>& parameter_sets) {
    for (const Bytes& unit : parameter_sets) sets_.add(unit);
}

void H264RecoverySplice::learn(const std::vector<Bytes>& units) {
    for (const Bytes& unit : units) {
        const int type = nalType(AV_CODEC_ID_H264, unit);
        if (type == kH264Sps || type == kH264Pps) sets_.add(unit);
    }
}

bool H264RecoverySplice::convertible(const Bytes& slice) {
    try {
        const Bytes rbsp = h264::unescape(slice);
        const h264::SliceNumbering numbering = h264::readSliceNumbering(rbsp, kSlice, sets_);
        if (numbering.slice_type % 5 != 2 || numbering.field_pic) return false;
        if (numbering.sps->poc_type == 1 || numbering.pps->slice_groups > 1) return false;
        if ((slice[0] & 0x60) == 0) return false;  // a keyframe nothing refers to: not a real recovery point
        (void)readIntraTail(rbsp, numbering);
        return true;
    } catch (const std::out_of_range&) {
        return false;
    }
}

bool H264RecoverySplice::canStartAt(const std::vector<Bytes>& units) {
    learn(units);
    bool any_slice = false;
    for (const Bytes& unit : units) {
        const int type = nalType(AV_CODEC_ID_H264, unit);
        if (type == kIdrSlice) return true;
        if (type == kSlice) {
            any_slice = true;
            if (!convertible(unit)) return false;
        }
    }
    return any_slice;
}

Bytes H264RecoverySplice::toIdr(const Bytes& slice) const {
    const Bytes rbsp = h264::unescape(slice);
    const h264::SliceNumbering numbering = h264::readSliceNumbering(rbsp, kSlice, sets_);
    const IntraSliceTail tail = readIntraTail(rbsp, numbering);
    h264::BitReader reader(rbsp, 8);
    const std::uint32_t first_mb = reader.ue();

    h264::BitWriter out;
    out.bits((slice[0] & 0xe0u) | kIdrSlice, 8);  // same nal_ref_idc, IDR type
    out.ue(first_mb);
    out.ue(numbering.slice_type);
    out.ue(numbering.pps->id);
    if (numbering.sps->separate_colour_plane) out.copy(rbsp, numbering.frame_num_at - 2, numbering.frame_num_at);
    out.bits(0, numbering.sps->log2_max_frame_num);      // an IDR picture has frame_num 0
    if (!numbering.sps->frame_mbs_only) out.bits(0, 1);  // field_pic_flag: frame pictures only
    out.ue(kIdrPicId);
    if (numbering.poc_lsb_at) {
        out.bits(0, numbering.sps->log2_max_poc_lsb);  // renumbered: this picture is the new origin
        // delta_pic_order_cnt_bottom, as the source had it
        out.copy(rbsp, *numbering.poc_lsb_at + static_cast<std::size_t>(numbering.sps->log2_max_poc_lsb),
                 numbering.after_poc);
    }
    if (tail.redundant_pic_cnt) out.ue(*tail.redundant_pic_cnt);
    out.bits(0, 1);  // no_output_of_prior_pics_flag: show the re-encoded pictures before this one
    out.bits(0, 1);  // long_term_reference_flag
    out.se(tail.slice_qp_delta);
    if (tail.disable_deblocking_filter_idc) {
        out.ue(*tail.disable_deblocking_filter_idc);
        if (*tail.disable_deblocking_filter_idc != 1) {
            out.se(tail.alpha_offset);
            out.se(tail.beta_offset);
        }
    }
    if (numbering.pps->cabac) {
        // CABAC slice data starts byte-aligned after cabac_alignment_one_bit padding.
        out.alignWith(true);
        const std::size_t data = (tail.end + 7) / 8 * 8;
        out.copy(rbsp, data, rbsp.size() * 8);
    } else {
        // CAVLC slice data follows the header bit by bit, up to the RBSP stop bit.
        std::size_t stop = rbsp.size() * 8;
        while (stop > tail.end && !((rbsp[(stop - 1) / 8] >> (7 - (stop - 1) % 8)) & 1u)) --stop;
        if (stop <= tail.end) throw std::out_of_range("H.264 splice: slice without a stop bit");
        out.copy(rbsp, tail.end, stop - 1);
        out.bits(1, 1);
        out.alignWith(false);
    }
    return h264::escape(out.take());
}

void H264RecoverySplice::renumber(Bytes& slice) const {
    Bytes rbsp = h264::unescape(slice);
    const h264::SliceNumbering numbering = h264::readSliceNumbering(rbsp, kSlice, sets_);
    const int frame_bits = numbering.sps->log2_max_frame_num;
    const std::uint32_t frame_mask = (1u << frame_bits) - 1;
    h264::overwriteBits(rbsp, numbering.frame_num_at, frame_bits,
                        (numbering.frame_num - frame_num_offset_) & frame_mask);
    if (numbering.poc_lsb_at) {
        const int poc_bits = numbering.sps->log2_max_poc_lsb;
        const std::uint32_t poc_mask = (1u << poc_bits) - 1;
        h264::overwriteBits(rbsp, *numbering.poc_lsb_at, poc_bits, (numbering.poc_lsb - poc_lsb_offset_) & poc_mask);
    }
    slice = h264::escape(rbsp);
}

void H264RecoverySplice::adapt(std::vector<Bytes>& units) {
    learn(units);
    if (first_) {
        first_ = false;
        bool idr = false;
        for (const Bytes& unit : units) idr = idr || nalType(AV_CODEC_ID_H264, unit) == kIdrSlice;
        if (idr) return;  // already a clean start: nothing to rewrite anywhere
        for (Bytes& unit : units) {
            if (nalType(AV_CODEC_ID_H264, unit) != kSlice) continue;
            if (!renumbering_) {
                const h264::SliceNumbering numbering = h264::readSliceNumbering(h264::unescape(unit), kSlice, sets_);
                frame_num_offset_ = numbering.frame_num;
                poc_lsb_offset_ = numbering.poc_lsb;
                renumbering_ = true;
            }
            unit = toIdr(unit);
        }
        return;
    }
    if (!renumbering_) return;
    for (const Bytes& unit : units) {
        if (nalType(AV_CODEC_ID_H264, unit) == kIdrSlice) {
            renumbering_ = false;  // a real IDR: numbering restarts here in the source too
            return;
        }
    }
    for (Bytes& unit : units) {
        if (nalType(AV_CODEC_ID_H264, unit) == kSlice) renumber(unit);
    }
}

}  // namespace rushes::exporting
