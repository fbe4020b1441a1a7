// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One RAII type per FFmpeg handle (STYLE rule 2): the release function is a
// template parameter, so each handle costs one line and no raw owning pointer
// exists anywhere in Rushes.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavformat/avformat.h>
#include <libavutil/audio_fifo.h>
#include <libavutil/frame.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include <memory>

namespace rushes::media {

// FFmpeg frees most handles through a pointer-to-pointer so it can null it.
template <typename T, void (*Free)(T**)>
struct FreeByAddress {
    void operator()(T* p) const noexcept { Free(&p); }
};
template <typename T, void (*Free)(T*)>
struct FreeByValue {
    void operator()(T* p) const noexcept { Free(p); }
};

using FormatContextPtr = std::unique_ptr<AVFormatContext, FreeByAddress<AVFormatContext, avformat_close_input>>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, FreeByAddress<AVCodecContext, avcodec_free_context>>;
using FramePtr = std::unique_ptr<AVFrame, FreeByAddress<AVFrame, av_frame_free>>;
using PacketPtr = std::unique_ptr<AVPacket, FreeByAddress<AVPacket, av_packet_free>>;
using SwsContextPtr = std::unique_ptr<SwsContext, FreeByValue<SwsContext, sws_freeContext>>;
using SwrContextPtr = std::unique_ptr<SwrContext, FreeByAddress<SwrContext, swr_free>>;
using FilterGraphPtr = std::unique_ptr<AVFilterGraph, FreeByAddress<AVFilterGraph, avfilter_graph_free>>;
using AudioFifoPtr = std::unique_ptr<AVAudioFifo, FreeByValue<AVAudioFifo, av_audio_fifo_free>>;

// An output container owns its AVIOContext (opened with avio_open), which must be closed before the
// context is freed; avformat_close_input is for inputs only.
struct OutputFormatRelease {
    void operator()(AVFormatContext* context) const noexcept {
        if (context->oformat && !(context->oformat->flags & AVFMT_NOFILE)) avio_closep(&context->pb);
        avformat_free_context(context);
    }
};
using OutputFormatContextPtr = std::unique_ptr<AVFormatContext, OutputFormatRelease>;

// Allocators that never return null: allocation failure is an exception.
FramePtr makeFrame();
PacketPtr makePacket();

}  // namespace rushes::media
