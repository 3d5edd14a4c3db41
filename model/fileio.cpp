#include "fileio.h"

#include "inputerror.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace finops {

std::string readWholeFile(const std::string& path)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw InputError(path, 0, "", "is a folder, not a file");
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        throw InputError(path, 0, "", std::string("cannot open: ") + std::strerror(errno));
    std::string data;
    char buf[1 << 16];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
        data.append(buf, n);
    const bool failed = std::ferror(f);
    std::fclose(f);
    if (failed)
        throw InputError(path, 0, "", "read error");
    return data;
}

void writeFileAtomically(const std::string& path, const std::string& contents)
{
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw InputError(path, 0, "", std::string("cannot write: ") + std::strerror(errno));
        out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
        out.flush();
        if (!out) {
            std::remove(tmp.c_str());
            throw InputError(path, 0, "", "write failed");
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::remove(tmp.c_str());
        throw InputError(path, 0, "", "cannot replace the file: " + ec.message());
    }
}

} // namespace finops
