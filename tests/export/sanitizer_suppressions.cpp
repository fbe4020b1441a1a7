// SPDX-License-Identifier: GPL-3.0-or-later
// libx265 3.5 (Debian 12) leaks one small allocation per encoder it opens, even through FFmpeg's own
// `ffmpeg` tool; LeakSanitizer would fail every test that re-encodes HEVC edges for a leak that is not ours.
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libx265.so\n";
}
