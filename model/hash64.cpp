#include "hash64.h"

#include <cstring>

namespace finops {

std::uint64_t hash64(std::string_view data, std::uint64_t seed)
{
    constexpr std::uint64_t m = 0xc6a4a7935bd1e995ULL;
    constexpr int r = 47;
    const std::size_t len = data.size();
    std::uint64_t h = seed ^ (len * m);
    const char* p = data.data();
    const char* end = p + (len / 8) * 8;
    for (; p != end; p += 8) {
        std::uint64_t k;
        std::memcpy(&k, p, 8);
        k *= m;
        k ^= k >> r;
        k *= m;
        h ^= k;
        h *= m;
    }
    const auto* tail = reinterpret_cast<const unsigned char*>(p);
    switch (len & 7) {
    case 7:
        h ^= std::uint64_t(tail[6]) << 48;
        [[fallthrough]];
    case 6:
        h ^= std::uint64_t(tail[5]) << 40;
        [[fallthrough]];
    case 5:
        h ^= std::uint64_t(tail[4]) << 32;
        [[fallthrough]];
    case 4:
        h ^= std::uint64_t(tail[3]) << 24;
        [[fallthrough]];
    case 3:
        h ^= std::uint64_t(tail[2]) << 16;
        [[fallthrough]];
    case 2:
        h ^= std::uint64_t(tail[1]) << 8;
        [[fallthrough]];
    case 1:
        h ^= std::uint64_t(tail[0]);
        h *= m;
    }
    h ^= h >> r;
    h *= m;
    h ^= h >> r;
    return h;
}

Hash64Builder& Hash64Builder::add(std::string_view field)
{
    const auto n = static_cast<std::uint32_t>(field.size());
    m_buffer.append(reinterpret_cast<const char*>(&n), sizeof n);
    m_buffer.append(field);
    return *this;
}

Hash64Builder& Hash64Builder::add(std::int64_t value)
{
    m_buffer.append(reinterpret_cast<const char*>(&value), sizeof value);
    return *this;
}

} // namespace finops
