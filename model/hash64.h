#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace finops {

// A fast 64-bit non-cryptographic hash (the MurmurHash64A construction) for dedupe keys of
// usage records. Collisions among 10 million distinct keys have a probability of about
// 3e-6; a collision would make a record count as a duplicate.
std::uint64_t hash64(std::string_view data, std::uint64_t seed = 0x9e3779b97f4a7c15ULL);

// Incremental form over several fields; each field is length-prefixed so ("ab","c") and
// ("a","bc") differ.
class Hash64Builder
{
public:
    Hash64Builder& add(std::string_view field);
    Hash64Builder& add(std::int64_t value);
    std::uint64_t value() const { return hash64(m_buffer); }

private:
    std::string m_buffer;
};

} // namespace finops
