// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Content hashes as DITs exchange them: xxh64 is the fast default of ASC MHL tools; md5 and sha1
// are what facilities and archives still ask for; xxh3-128 is the fastest with a wide margin.
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace rushes::ingest {

enum class HashAlgorithm { Xxh64, Xxh3_128, Md5, Sha1 };

// The ASC MHL element name: "xxh64", "xxh128", "md5", "sha1".
[[nodiscard]] std::string_view toString(HashAlgorithm algorithm) noexcept;
// Accepts the element names plus "xxh3-128"/"xxh3_128"; nullopt for anything else.
[[nodiscard]] std::optional<HashAlgorithm> parseHashAlgorithm(std::string_view name) noexcept;

// One running hash. Digests are lowercase hex; xxh64/xxh128 in xxHash's canonical (big-endian)
// byte order, so they read the same as `xxhsum` and every MHL tool prints them.
class StreamHasher {
public:
    explicit StreamHasher(HashAlgorithm algorithm);
    StreamHasher(StreamHasher&&) noexcept;
    StreamHasher& operator=(StreamHasher&&) noexcept;
    ~StreamHasher();

    void update(std::span<const std::byte> data);
    // Finishes the hash; the hasher may not be updated afterwards.
    [[nodiscard]] std::string finishHex();

    [[nodiscard]] HashAlgorithm algorithm() const noexcept { return algorithm_; }

private:
    struct State;
    HashAlgorithm algorithm_;
    std::unique_ptr<State> state_;
};

[[nodiscard]] std::string hashBytesHex(HashAlgorithm algorithm, std::span<const std::byte> data);
[[nodiscard]] std::string hashTextHex(HashAlgorithm algorithm, std::string_view text);

// ASC MHL names each manifest in its chain file by C4 ID: SHA-512, in base58, "c4" + 88 characters.
[[nodiscard]] std::string c4Id(std::span<const std::byte> data);

}  // namespace rushes::ingest
