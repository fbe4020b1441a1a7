// SPDX-License-Identifier: GPL-3.0-or-later
#include <fmt/core.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "base/error.h"
#include "cli/commands.h"
#include "media/thumbnails.h"

namespace rushes::cli {
namespace {

void writeJpeg(const media::Image& image, const std::filesystem::path& path) {
    const cv::Mat rgb(image.height, image.width, CV_8UC3, const_cast<std::uint8_t*>(image.pixels.data()));
    const std::filesystem::path partial = path.string() + ".partial.jpg";
    if (!cv::imwrite(partial.string(), rgb, {cv::IMWRITE_JPEG_QUALITY, 88})) {
        throw Error(ErrorKind::Io, path.string(), "cannot write the thumbnail");
    }
    std::filesystem::rename(partial, path);  // a cancelled run leaves no half-written picture
}

}  // namespace

CommandRunner addThumbnailsCommand(CLI::App& app) {
    struct Options {
        std::vector<std::filesystem::path> files;
        std::filesystem::path out_dir = ".";
        int count = 8;
        int width = 320;
        bool exact = false;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("thumbnails", "Write a poster and evenly spaced thumbnails (JPEG) per file");
    cmd->add_option("FILE", options->files, "Video files")->required();
    cmd->add_option("-o,--out", options->out_dir, "Output folder (created if missing)");
    cmd->add_option("-n,--count", options->count, "Evenly spaced thumbnails per file")->check(CLI::Range(1, 1000));
    cmd->add_option("-w,--width", options->width, "Width in pixels")->check(CLI::Range(16, 7680));
    cmd->add_flag("--exact", options->exact, "Exact evenly spaced frames instead of the nearest keyframes (slower)");
    cmd->add_flag("--json", options->json, "Print what was written as JSON");

    return [options](const CommandContext& context) {
        const std::stop_token& stop = context.stop;
        std::filesystem::create_directories(options->out_dir);
        int failures = 0;
        nlohmann::json written = nlohmann::json::array();
        for (const auto& file : options->files) {
            try {
                // BGR for OpenCV's encoder.
                const media::ThumbnailRequest request{options->count, options->width, AV_PIX_FMT_BGR24,
                                                      options->exact ? media::ThumbnailPath::Exact
                                                                     : media::ThumbnailPath::Keyframes};
                const media::ThumbnailSet set = media::makeThumbnails(file, request, stop);
                const std::string stem = file.stem().string();
                const auto poster = options->out_dir / (stem + "_poster.jpg");
                writeJpeg(set.poster.image, poster);
                nlohmann::json entry = {{"file", file.string()}, {"poster", poster.string()}, {"thumbnails", nlohmann::json::array()}};
                for (std::size_t i = 0; i < set.evenly_spaced.size(); ++i) {
                    const auto& thumb = set.evenly_spaced[i];
                    const auto out = options->out_dir / fmt::format("{}_{:03}.jpg", stem, i);
                    writeJpeg(thumb.image, out);
                    entry["thumbnails"].push_back({{"path", out.string()},
                                                   {"pts", thumb.pts},
                                                   {"time_base", thumb.time_base.toString()},
                                                   {"frame", thumb.frame_index}});
                }
                written.push_back(entry);
                if (!options->json) {
                    fmt::print("{}: poster + {} thumbnails -> {}\n", file.string(), set.evenly_spaced.size(),
                               options->out_dir.string());
                }
            } catch (const Error& error) {
                if (error.kind() == ErrorKind::Cancelled) return 130;
                ++failures;
                fmt::print(stderr, "rushes thumbnails: {} [{}]\n", error.what(), toString(error.kind()));
                written.push_back({{"file", file.string()},
                                   {"error", {{"kind", toString(error.kind())}, {"reason", error.reason()}}}});
            }
        }
        if (options->json) std::cout << written.dump(2) << "\n";
        return failures == 0 ? 0 : 1;
    };
}

}  // namespace rushes::cli
