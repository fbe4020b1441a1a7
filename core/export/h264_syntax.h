// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Just enough H.264 syntax (ITU-T H.264 7.3) to rewrite slice headers of stream-copied pictures: RBSP
// escaping, Exp-Golomb bit reading and writing, the SPS/PPS fields slice headers depend on, and the slice
// header fields up to the picture order count.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "export/nal_units.h"

namespace rushes::exporting::h264 {

// NAL payload without emulation prevention bytes (00 00 03 -> 00 00), and back.
[[nodiscard]] Bytes unescape(std::span<const std::uint8_t> payload);
[[nodiscard]] Bytes escape(std::span<const std::uint8_t> rbsp);

class BitReader {
public:
    explicit BitReader(const Bytes& rbsp, std::size_t bit_position = 0) : data_(rbsp), position_(bit_position) {}
    std::uint32_t bits(int count);
    std::uint32_t ue();
    std::int32_t se();
    [[nodiscard]] std::size_t position() const noexcept { return position_; }
    [[nodiscard]] std::size_t size() const noexcept { return data_.size() * 8; }

private:
    const Bytes& data_;
    std::size_t position_;
};

class BitWriter {
public:
    void bits(std::uint32_t value, int count);
    void ue(std::uint32_t value);
    void se(std::int32_t value);
    // Copies bits [from, to) of `source`.
    void copy(const Bytes& source, std::size_t from, std::size_t to);
    void alignWith(bool bit);
    [[nodiscard]] bool aligned() const noexcept { return used_ == 0; }
    [[nodiscard]] Bytes take();

private:
    Bytes data_;
    int used_ = 0;  // bits used in the last byte
};

struct Sps {
    unsigned id = 0;
    bool separate_colour_plane = false;
    int log2_max_frame_num = 4;
    unsigned poc_type = 0;
    int log2_max_poc_lsb = 4;
    bool delta_pic_order_always_zero = false;
    bool frame_mbs_only = true;
};

struct Pps {
    unsigned id = 0;
    unsigned sps_id = 0;
    bool cabac = false;
    bool bottom_field_pic_order_present = false;
    unsigned slice_groups = 1;
    bool weighted_pred = false;
    unsigned weighted_bipred_idc = 0;
    bool deblocking_filter_control_present = false;
    bool redundant_pic_cnt_present = false;
};

// Parses NAL units (with their one-byte header). Throw std::out_of_range on truncated data.
[[nodiscard]] Sps parseSps(const Bytes& nal_unit);
[[nodiscard]] Pps parsePps(const Bytes& nal_unit);

// The parameter sets seen so far, by id (later ones replace earlier ones, as in a decoder).
class ParameterSets {
public:
    void add(const Bytes& nal_unit);
    [[nodiscard]] const Pps* pps(unsigned id) const;
    [[nodiscard]] const Sps* spsFor(const Pps& pps) const;

private:
    std::map<unsigned, Sps> sps_;
    std::map<unsigned, Pps> pps_;
};

// Where a slice header's numbering fields sit in the RBSP (bit positions) and what they hold.
struct SliceNumbering {
    unsigned slice_type = 0;  // 0..9; % 5: 0 P, 1 B, 2 I, 3 SP, 4 SI
    const Pps* pps = nullptr;
    const Sps* sps = nullptr;
    std::size_t frame_num_at = 0;
    std::uint32_t frame_num = 0;
    bool field_pic = false;
    std::size_t idr_pic_id_at = 0;          // IDR only
    std::optional<std::size_t> poc_lsb_at;  // poc type 0
    std::uint32_t poc_lsb = 0;
    std::size_t after_poc = 0;  // first bit after the picture order count fields
};
[[nodiscard]] SliceNumbering readSliceNumbering(const Bytes& rbsp, int nal_type, const ParameterSets& sets);

// Overwrites a fixed-width field inside an RBSP.
void overwriteBits(Bytes& rbsp, std::size_t at, int count, std::uint32_t value);

}  // namespace rushes::exporting::h264
