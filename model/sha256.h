#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace finops {

// SHA-256 (FIPS 180-4), incremental. Used to recognise a file imported before and to
// derive dedupe keys for records that carry no id of their own.
class Sha256
{
public:
    Sha256();
    void update(const void* data, std::size_t size);
    void update(std::string_view s) { update(s.data(), s.size()); }
    std::array<std::uint8_t, 32> digest(); // finishes; the object is then spent
    std::string hexDigest();

    static std::string hex(std::string_view data);

private:
    void block(const std::uint8_t* p);

    std::array<std::uint32_t, 8> m_state;
    std::array<std::uint8_t, 64> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_totalBytes = 0;
};

} // namespace finops
