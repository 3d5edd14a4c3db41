#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace finops {

// A read-only memory map of a whole file, read front to back. release(offset) hands the
// pages before `offset` back to the kernel, so a 1 GB file streams through a bounded
// resident set. Opening a missing or unreadable file throws InputError.
class MappedFile
{
public:
    explicit MappedFile(const std::string& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::string_view text() const { return {m_data, m_size}; }
    void release(std::size_t upToOffset);

private:
    const char* m_data = nullptr;
    std::size_t m_size = 0;
    std::size_t m_released = 0;
};

} // namespace finops
