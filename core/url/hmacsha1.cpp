#include "url/hmacsha1.h"

#include <QCryptographicHash>

#include <bit>
#include <cstring>

namespace ik {

namespace {

constexpr size_t kBlock = 64;
constexpr std::array<uint32_t, 5> kInitialState = {0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u};

inline uint32_t loadBigEndian(const uint8_t *p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

inline void storeBigEndian(uint8_t *p, uint32_t value)
{
    p[0] = uint8_t(value >> 24);
    p[1] = uint8_t(value >> 16);
    p[2] = uint8_t(value >> 8);
    p[3] = uint8_t(value);
}

} // namespace

HmacSha1::HmacSha1(QByteArrayView key)
{
    setKey(key);
}

void HmacSha1::setKey(QByteArrayView key)
{
    // RFC 2104: keys longer than a block are hashed first, shorter ones zero-padded.
    uint8_t block[kBlock] = {};
    if (size_t(key.size()) > kBlock) {
        const QByteArray hashed = QCryptographicHash::hash(key, QCryptographicHash::Sha1);
        std::memcpy(block, hashed.constData(), size_t(hashed.size()));
    } else if (!key.isEmpty()) {
        std::memcpy(block, key.data(), size_t(key.size()));
    }
    uint8_t pad[kBlock];
    for (size_t i = 0; i < kBlock; ++i)
        pad[i] = block[i] ^ 0x36;
    m_inner = kInitialState;
    compress(m_inner, pad);
    for (size_t i = 0; i < kBlock; ++i)
        pad[i] = block[i] ^ 0x5c;
    m_outer = kInitialState;
    compress(m_outer, pad);
}

void HmacSha1::compress(State &state, const uint8_t *block)
{
    // The message schedule lives in a 16-word ring computed inside the rounds: a separate 80-word
    // expansion loop gets vectorised by GCC into store-forwarding stalls (4x slower).
    uint32_t w[16];
    for (int i = 0; i < 16; ++i)
        w[i] = loadBigEndian(block + 4 * i);
    auto word = [&w](int i) {
        if (i < 16)
            return w[i];
        w[i & 15] = std::rotl(w[(i + 13) & 15] ^ w[(i + 8) & 15] ^ w[(i + 2) & 15] ^ w[i & 15], 1);
        return w[i & 15];
    };
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
    // Four loops of 20 rounds, each round written out: no branch and no call inside.
#define IK_SHA1_ROUND(f, k)                                       \
    {                                                             \
        const uint32_t temp = std::rotl(a, 5) + (f) + e + (k) + word(i); \
        e = d;                                                    \
        d = c;                                                    \
        c = std::rotl(b, 30);                                     \
        b = a;                                                    \
        a = temp;                                                 \
    }
#pragma GCC unroll 20
    for (int i = 0; i < 20; ++i)
        IK_SHA1_ROUND((b & c) | (~b & d), 0x5A827999u)
#pragma GCC unroll 20
    for (int i = 20; i < 40; ++i)
        IK_SHA1_ROUND(b ^ c ^ d, 0x6ED9EBA1u)
#pragma GCC unroll 20
    for (int i = 40; i < 60; ++i)
        IK_SHA1_ROUND((b & c) | (b & d) | (c & d), 0x8F1BBCDCu)
#pragma GCC unroll 20
    for (int i = 60; i < 80; ++i)
        IK_SHA1_ROUND(b ^ c ^ d, 0xCA62C1D6u)
#undef IK_SHA1_ROUND
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
}

std::array<uint8_t, 20> HmacSha1::finish(State state, uint64_t prefixBytes, const uint8_t *data, size_t size)
{
    const uint64_t totalBits = (prefixBytes + size) * 8;
    while (size >= kBlock) {
        compress(state, data);
        data += kBlock;
        size -= kBlock;
    }
    // Padding: 0x80, zeros, then the message length in bits (big-endian) in the last 8 bytes.
    uint8_t tail[2 * kBlock] = {};
    std::memcpy(tail, data, size);
    tail[size] = 0x80;
    const size_t tailSize = size + 1 + 8 <= kBlock ? kBlock : 2 * kBlock;
    for (int i = 0; i < 8; ++i)
        tail[tailSize - 1 - size_t(i)] = uint8_t(totalBits >> (8 * i));
    compress(state, tail);
    if (tailSize == 2 * kBlock)
        compress(state, tail + kBlock);
    std::array<uint8_t, 20> out;
    for (int i = 0; i < 5; ++i)
        storeBigEndian(out.data() + 4 * i, state[size_t(i)]);
    return out;
}

std::array<uint8_t, 20> HmacSha1::digest(QByteArrayView message) const
{
    const auto inner = finish(m_inner, kBlock, reinterpret_cast<const uint8_t *>(message.data()), size_t(message.size()));
    return finish(m_outer, kBlock, inner.data(), inner.size());
}

void HmacSha1::hexDigest(QByteArrayView message, char *hex) const
{
    static constexpr char kHex[] = "0123456789abcdef";
    const auto bytes = digest(message);
    for (size_t i = 0; i < bytes.size(); ++i) {
        hex[2 * i] = kHex[bytes[i] >> 4];
        hex[2 * i + 1] = kHex[bytes[i] & 0xf];
    }
}

} // namespace ik
