#pragma once

#include <QByteArrayView>

#include <array>
#include <cstdint>

namespace ik {

// HMAC-SHA1 with the key already absorbed: the inner and outer states after the padded key block
// are kept, so each signature costs only the message blocks plus two compressions. That is what
// makes hundreds of thousands of signed URLs per second possible; QMessageAuthenticationCode
// re-hashes the key and allocates on every message in Qt 6.4. Tests compare both on random input.
class HmacSha1
{
public:
    explicit HmacSha1(QByteArrayView key = {});
    void setKey(QByteArrayView key);

    // 20 raw bytes, or 40 lowercase hex characters written to `hex` (not NUL-terminated).
    std::array<uint8_t, 20> digest(QByteArrayView message) const;
    void hexDigest(QByteArrayView message, char *hex) const;

private:
    using State = std::array<uint32_t, 5>;
    static void compress(State &state, const uint8_t *block);
    // Finishes a hash whose state already covers `prefixBytes` bytes, over `data`.
    static std::array<uint8_t, 20> finish(State state, uint64_t prefixBytes, const uint8_t *data, size_t size);

    State m_inner{};
    State m_outer{};
};

} // namespace ik
