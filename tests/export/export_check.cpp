// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/export_check.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

extern "C" {
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
}

#include "media/audio_decoder.h"
#include "media/input_file.h"
#include "media/video_decoder.h"
#include "support/frame_hash.h"

namespace rushes::test {

namespace {

// Luma only, each sample scaled to 16 bits: compares pictures whose pixel formats differ (a ProRes 4:2:2
// 10-bit export against its 4:2:0 8-bit source) without judging the chroma resampling.
double lumaPsnr(const AVFrame& a, const AVFrame& b) {
    const auto sample = [](const AVFrame& f, int x, int y) {
        const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(f.format));
        const int depth = desc->comp[0].depth;
        const std::uint8_t* row = f.data[0] + static_cast<std::ptrdiff_t>(y) * f.linesize[0];
        const int value = depth > 8 ? reinterpret_cast<const std::uint16_t*>(row)[x] : row[x];
        return static_cast<double>(value) / static_cast<double>((1 << depth) - 1);
    };
    double squared = 0;
    for (int y = 0; y < a.height; ++y) {
        for (int x = 0; x < a.width; ++x) {
            const double d = sample(a, x, y) - sample(b, x, y);
            squared += d * d;
        }
    }
    if (squared == 0) return std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(1.0 / (squared / (static_cast<double>(a.width) * a.height)));
}

}  // namespace

double psnr(const AVFrame& a, const AVFrame& b) {
    if (a.width != b.width || a.height != b.height) return 0.0;
    if (a.format != b.format) return lumaPsnr(a, b);
    const auto format = static_cast<AVPixelFormat>(a.format);
    const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(format);
    const int depth = desc->comp[0].depth;
    const bool wide = depth > 8;
    const double peak = static_cast<double>((1 << depth) - 1);
    double squared = 0;
    std::int64_t samples = 0;
    for (int plane = 0; plane < av_pix_fmt_count_planes(format); ++plane) {
        const bool chroma = plane == 1 || plane == 2;
        const int width = chroma ? AV_CEIL_RSHIFT(a.width, desc->log2_chroma_w) : a.width;
        const int height = chroma ? AV_CEIL_RSHIFT(a.height, desc->log2_chroma_h) : a.height;
        for (int y = 0; y < height; ++y) {
            const std::uint8_t* ra = a.data[plane] + static_cast<std::ptrdiff_t>(y) * a.linesize[plane];
            const std::uint8_t* rb = b.data[plane] + static_cast<std::ptrdiff_t>(y) * b.linesize[plane];
            for (int x = 0; x < width; ++x) {
                const int va = wide ? reinterpret_cast<const std::uint16_t*>(ra)[x] : ra[x];
                const int vb = wide ? reinterpret_cast<const std::uint16_t*>(rb)[x] : rb[x];
                squared += static_cast<double>((va - vb) * (va - vb));
            }
            samples += width;
        }
    }
    if (squared == 0) return std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(peak * peak / (squared / static_cast<double>(samples)));
}

ClipComparison compareWithSource(const std::filesystem::path& output, const std::filesystem::path& source,
                                 std::int64_t in_frame, std::int64_t out_frame) {
    media::VideoDecoder source_decoder(source);
    media::VideoDecoder output_decoder(output);
    ClipComparison result;
    std::optional<media::VideoFrame> expected = source_decoder.seek(in_frame);
    for (std::int64_t frame = in_frame;; ++frame) {
        std::optional<media::VideoFrame> got = output_decoder.next();
        if (!got) break;
        ++result.output_frames;
        if (frame >= out_frame || !expected) continue;  // extra frames: counted, not compared
        FrameComparison comparison;
        comparison.pts = got->pts;
        comparison.identical = hashPicture(*got->frame) == hashPicture(*expected->frame);
        comparison.psnr_db =
            comparison.identical ? std::numeric_limits<double>::infinity() : psnr(*got->frame, *expected->frame);
        result.frames.push_back(comparison);
        if (frame + 1 < out_frame) expected = source_decoder.next();
    }
    return result;
}

std::vector<StreamPackets> readPackets(const std::filesystem::path& file) {
    media::InputFile input(file);
    std::vector<StreamPackets> streams(input.context()->nb_streams);
    for (unsigned i = 0; i < input.context()->nb_streams; ++i) {
        const AVStream* stream = input.context()->streams[i];
        streams[i].index = static_cast<int>(i);
        streams[i].type = stream->codecpar->codec_type;
        streams[i].time_base = Rational::make(stream->time_base.num, stream->time_base.den);
    }
    media::PacketPtr packet = media::makePacket();
    while (input.readPacket(packet.get())) {
        auto& stream = streams[static_cast<std::size_t>(packet->stream_index)];
        stream.pts.push_back(packet->pts);
        stream.dts.push_back(packet->dts);
        stream.duration.push_back(packet->duration);
        av_packet_unref(packet.get());
    }
    return streams;
}

std::int64_t decodedAudioSamples(const std::filesystem::path& file) {
    media::AudioDecoder decoder(file, media::AudioSpec{0, 0, AV_SAMPLE_FMT_FLT});
    std::int64_t samples = 0;
    while (auto chunk = decoder.next()) samples += chunk->samples;
    return samples;
}

namespace {

bool writeFile(const char* path, const std::string& text) {
    const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    return ok;
}

}  // namespace

std::optional<std::string> inPrivateTmpfs(const std::filesystem::path& folder, int size_kib, bool read_only,
                                          const std::function<std::string()>& body) {
    int channel[2];
    if (::pipe(channel) != 0) return std::nullopt;
    const uid_t uid = ::geteuid();
    const gid_t gid = ::getegid();
    const pid_t child = ::fork();
    if (child < 0) return std::nullopt;
    if (child == 0) {
        ::close(channel[0]);
        // Status byte: 'n' = no namespaces here, 'r' = body ran and its text follows.
        const auto finish = [&](char status, const std::string& text) {
            (void)!::write(channel[1], &status, 1);
            (void)!::write(channel[1], text.data(), text.size());
            ::_exit(0);  // no atexit handlers, no leak report from a forked copy of the test
        };
        if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) finish('n', "unshare");
        writeFile("/proc/self/setgroups", "deny");
        if (!writeFile("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") ||
            !writeFile("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1")) {
            finish('n', "id maps");
        }
        const std::string options = "size=" + std::to_string(size_kib) + "k";
        if (::mount("none", folder.c_str(), "tmpfs", read_only ? MS_RDONLY : 0, options.c_str()) != 0)
            finish('n', "mount");
        std::string result;
        try {
            result = body();
        } catch (const std::exception& error) {
            result = std::string("unexpected exception: ") + error.what();
        }
        finish('r', result);
    }
    ::close(channel[1]);
    std::string received;
    char buffer[4096];
    ssize_t got = 0;
    while ((got = ::read(channel[0], buffer, sizeof buffer)) > 0)
        received.append(buffer, static_cast<std::size_t>(got));
    ::close(channel[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    if (received.empty() || received[0] != 'r') return std::nullopt;
    return received.substr(1);
}

ScratchDir::ScratchDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("rushes-export-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
}

ScratchDir::~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

}  // namespace rushes::test
