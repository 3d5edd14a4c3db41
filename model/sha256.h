#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace finops {

// SHA-256 (FIPS 180-4), incremental, computed by OpenSSL's libcrypto (which uses the
// CPU's SHA extensions where it has them: a 1 GB export hashes in well under a second).
// Used to recognise a file imported before.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(const void* data, std::size_t size);
    void update(std::string_view s) { update(s.data(), s.size()); }
    std::array<std::uint8_t, 32> digest(); // finishes; the object is then spent
    std::string hexDigest();

    static std::string hex(std::string_view data);

private:
    struct Context;
    Context* m_context;
};

} // namespace finops
