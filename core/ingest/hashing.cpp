// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/hashing.h"

#include <openssl/evp.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <variant>

#include "base/error.h"

namespace rushes::ingest {
namespace {

template <typename T, void (*Release)(T*)>
struct Releaser {
    void operator()(T* p) const noexcept { Release(p); }
};
void freeXxh64State(XXH64_state_t* state) { XXH64_freeState(state); }
void freeXxh3State(XXH3_state_t* state) { XXH3_freeState(state); }
using EvpContextPtr = std::unique_ptr<EVP_MD_CTX, Releaser<EVP_MD_CTX, EVP_MD_CTX_free>>;
using Xxh64StatePtr = std::unique_ptr<XXH64_state_t, Releaser<XXH64_state_t, freeXxh64State>>;
using Xxh3StatePtr = std::unique_ptr<XXH3_state_t, Releaser<XXH3_state_t, freeXxh3State>>;

std::string toHex(const unsigned char* bytes, std::size_t count) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex(count * 2, '0');
    for (std::size_t i = 0; i < count; ++i) {
        hex[2 * i] = digits[bytes[i] >> 4];
        hex[2 * i + 1] = digits[bytes[i] & 0x0f];
    }
    return hex;
}

EvpContextPtr newEvpContext(const EVP_MD* md) {
    EvpContextPtr context(EVP_MD_CTX_new());
    if (!context || EVP_DigestInit_ex(context.get(), md, nullptr) != 1) {
        throw Error(ErrorKind::Internal, "libcrypto", "cannot start a digest");
    }
    return context;
}

}  // namespace

struct StreamHasher::State {
    std::variant<Xxh64StatePtr, Xxh3StatePtr, EvpContextPtr> impl;
};

std::string_view toString(HashAlgorithm algorithm) noexcept {
    switch (algorithm) {
        case HashAlgorithm::Xxh64: return "xxh64";
        case HashAlgorithm::Xxh3_128: return "xxh128";
        case HashAlgorithm::Md5: return "md5";
        case HashAlgorithm::Sha1: return "sha1";
    }
    return "xxh64";
}

std::optional<HashAlgorithm> parseHashAlgorithm(std::string_view name) noexcept {
    if (name == "xxh64") return HashAlgorithm::Xxh64;
    if (name == "xxh128" || name == "xxh3-128" || name == "xxh3_128") return HashAlgorithm::Xxh3_128;
    if (name == "md5") return HashAlgorithm::Md5;
    if (name == "sha1") return HashAlgorithm::Sha1;
    return std::nullopt;
}

StreamHasher::StreamHasher(HashAlgorithm algorithm) : algorithm_(algorithm), state_(std::make_unique<State>()) {
    switch (algorithm) {
        case HashAlgorithm::Xxh64: {
            Xxh64StatePtr s(XXH64_createState());
            if (!s || XXH64_reset(s.get(), 0) != XXH_OK) throw Error(ErrorKind::Internal, "xxhash", "cannot start");
            state_->impl = std::move(s);
            break;
        }
        case HashAlgorithm::Xxh3_128: {
            Xxh3StatePtr s(XXH3_createState());
            if (!s || XXH3_128bits_reset(s.get()) != XXH_OK) throw Error(ErrorKind::Internal, "xxhash", "cannot start");
            state_->impl = std::move(s);
            break;
        }
        case HashAlgorithm::Md5: state_->impl = newEvpContext(EVP_md5()); break;
        case HashAlgorithm::Sha1: state_->impl = newEvpContext(EVP_sha1()); break;
    }
}

StreamHasher::StreamHasher(StreamHasher&&) noexcept = default;
StreamHasher& StreamHasher::operator=(StreamHasher&&) noexcept = default;
StreamHasher::~StreamHasher() = default;

void StreamHasher::update(std::span<const std::byte> data) {
    if (data.empty()) return;
    if (auto* s = std::get_if<Xxh64StatePtr>(&state_->impl)) {
        XXH64_update(s->get(), data.data(), data.size());
    } else if (auto* s3 = std::get_if<Xxh3StatePtr>(&state_->impl)) {
        XXH3_128bits_update(s3->get(), data.data(), data.size());
    } else if (EVP_DigestUpdate(std::get<EvpContextPtr>(state_->impl).get(), data.data(), data.size()) != 1) {
        throw Error(ErrorKind::Internal, "libcrypto", "digest update failed");
    }
}

std::string StreamHasher::finishHex() {
    if (auto* s = std::get_if<Xxh64StatePtr>(&state_->impl)) {
        XXH64_canonical_t canonical;
        XXH64_canonicalFromHash(&canonical, XXH64_digest(s->get()));
        return toHex(canonical.digest, sizeof canonical.digest);
    }
    if (auto* s3 = std::get_if<Xxh3StatePtr>(&state_->impl)) {
        XXH128_canonical_t canonical;
        XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(s3->get()));
        return toHex(canonical.digest, sizeof canonical.digest);
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(std::get<EvpContextPtr>(state_->impl).get(), digest.data(), &length) != 1) {
        throw Error(ErrorKind::Internal, "libcrypto", "digest final failed");
    }
    return toHex(digest.data(), length);
}

std::string hashBytesHex(HashAlgorithm algorithm, std::span<const std::byte> data) {
    StreamHasher hasher(algorithm);
    hasher.update(data);
    return hasher.finishHex();
}

std::string hashTextHex(HashAlgorithm algorithm, std::string_view text) {
    return hashBytesHex(algorithm, std::as_bytes(std::span(text.data(), text.size())));
}

std::string c4Id(std::span<const std::byte> data) {
    EvpContextPtr context = newEvpContext(EVP_sha512());
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_DigestUpdate(context.get(), data.data(), data.size()) != 1 ||
        EVP_DigestFinal_ex(context.get(), digest.data(), &length) != 1 || length != 64) {
        throw Error(ErrorKind::Internal, "libcrypto", "sha512 failed");
    }
    // Base58 of the 512-bit big-endian number by repeated long division, most significant digit first.
    static constexpr char alphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    std::array<unsigned char, 64> number{};
    std::copy_n(digest.begin(), 64, number.begin());
    std::string reversed;
    bool zero = false;
    while (!zero) {
        unsigned remainder = 0;
        zero = true;
        for (unsigned char& byte : number) {
            const unsigned value = (remainder << 8) | byte;
            byte = static_cast<unsigned char>(value / 58);
            remainder = value % 58;
            if (byte != 0) zero = false;
        }
        reversed.push_back(alphabet[remainder]);
    }
    std::string id(reversed.rbegin(), reversed.rend());
    if (id.size() < 88) id.insert(0, 88 - id.size(), '1');  // '1' is C4's zero digit
    return "c4" + id;
}

}  // namespace rushes::ingest
