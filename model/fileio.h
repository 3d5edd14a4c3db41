#pragma once

#include <string>

namespace finops {

// The whole file as bytes; a missing or unreadable file throws InputError naming it.
std::string readWholeFile(const std::string& path);

// Writes `contents` to a temporary file beside `path` and renames it over `path`, so a
// reader never sees half a file. Throws InputError when the folder is not writable.
void writeFileAtomically(const std::string& path, const std::string& contents);

} // namespace finops
