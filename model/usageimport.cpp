#include "usageimport.h"

#include "fileio.h"
#include "inputerror.h"
#include "mappedfile.h"
#include "sha256.h"
#include "usageimporter.h"
#include "usagestore.h"

#include <algorithm>
#include <cstdio>
#include <future>
#include <optional>

namespace finops {

namespace {

struct TextCheck
{
    std::string sha256;
    std::optional<std::size_t> invalidUtf8At;
};

// SHA-256 of the file and the offset of its first byte that is not valid UTF-8. Reads
// the file with its own buffered reads rather than through the parser's memory map, so
// that running ahead of the parser does not keep the whole file resident.
TextCheck checkText(const std::string& path)
{
    TextCheck check;
    Sha256 hash;
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        throw InputError(path, 0, "", "cannot read the file");
    std::vector<unsigned char> buffer(std::size_t{1} << 20);
    std::size_t offset = 0;   // of buffer[0] in the file
    std::size_t carry = 0;    // bytes of an unfinished UTF-8 sequence kept from the last read
    std::size_t n;
    while ((n = std::fread(buffer.data() + carry, 1, buffer.size() - carry, f)) > 0) {
        hash.update(buffer.data() + carry, n);
        const std::size_t end = carry + n;
        std::size_t i = 0;
        while (!check.invalidUtf8At && i < end) {
            const unsigned char c = buffer[i];
            if (c < 0x80) {
                ++i;
                continue;
            }
            const std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
            if (len != 0 && i + len > end && !std::feof(f))
                break; // the sequence continues in the next read
            bool ok = len != 0 && c >= 0xC2 && c <= 0xF4 && i + len <= end;
            for (std::size_t k = 1; ok && k < len; ++k)
                ok = (buffer[i + k] & 0xC0) == 0x80;
            if (!ok)
                check.invalidUtf8At = offset + i;
            i += len;
        }
        carry = check.invalidUtf8At ? 0 : end - std::min(i, end);
        std::copy(buffer.begin() + static_cast<std::ptrdiff_t>(end - carry), buffer.begin() + static_cast<std::ptrdiff_t>(end),
                  buffer.begin());
        offset += end - carry;
    }
    const bool failed = std::ferror(f);
    std::fclose(f);
    if (failed)
        throw InputError(path, 0, "", "read error");
    check.sha256 = hash.hexDigest();
    return check;
}

std::int64_t lineAt(std::string_view text, std::size_t offset)
{
    return 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
}

void checkEncoding(std::string_view text, const std::string& path)
{
    if (text.empty())
        throw InputError(path, 0, "", "the file is empty");
    if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF")
        throw InputError(path, 1, "", "the file is UTF-16 text; save it as UTF-8");
    const std::string_view head = text.substr(0, 4096);
    if (const auto nul = head.find('\0'); nul != std::string_view::npos)
        throw InputError(path, lineAt(text, nul), "", "binary data (a NUL byte), not a text export");
}

class StoreSink : public UsageRecordSink
{
public:
    StoreSink(UsageStore::ImportSession& session, const UsageImportRequest& request, MappedFile& file)
        : m_session(session), m_request(request), m_file(file)
    {
    }

    void accept(const UsageRecord& record) override
    {
        m_session.add(record, m_request.tags);
        if ((++m_count & 0x3fff) == 0 && m_request.cancel && *m_request.cancel)
            throw ImportCanceled();
    }
    void reject(const InputError& error) override
    {
        if (!m_request.skipBad)
            throw error;
        rejects.push_back({error.file(), error.line(), error.field(), error.reason()});
    }
    void progress(std::size_t offset) override
    {
        if (m_request.cancel && *m_request.cancel)
            throw ImportCanceled();
        if (offset > 0) {
            m_file.release(offset);
            if (m_request.progress && !m_file.text().empty())
                m_request.progress(static_cast<double>(offset) / static_cast<double>(m_file.text().size()));
        }
    }

    std::vector<RejectedRecord> rejects;

private:
    UsageStore::ImportSession& m_session;
    const UsageImportRequest& m_request;
    MappedFile& m_file;
    std::size_t m_count = 0;
};

} // namespace

UsageImportResult importUsageFile(Store& store, const UsageImportRequest& request)
{
    MappedFile file(request.path);
    const std::string_view text = file.text();
    checkEncoding(text, request.path);
    // A mapping profile says how to read the file: it means the generic format.
    const std::string format = request.mapping && request.format == "auto" ? "generic" : request.format;
    const UsageImporter& importer = usageImporterFor(format, text, request.path);
    if (importer.format() == "generic" && !request.mapping)
        throw InputError(request.path, 0, "mapping", "the generic format needs --mapping PROFILE");

    // The hash and the UTF-8 check read the whole file: let the second core do it.
    auto textCheck = std::async(std::launch::async, [path = request.path] { return checkText(path); });

    UsageStore usage(store);
    // The session's hash is filled in at commit; the batch row is written only then.
    std::unique_ptr<UsageStore::ImportSession> session;
    UsageImportResult result;
    result.file = request.path;
    result.format = std::string(importer.format());
    std::vector<RejectedRecord> rejects;
    try {
        session = usage.beginImport(request.path, "", result.format, result.format);
        StoreSink sink(*session, request, file);
        importer.read(text, request.path, request.mapping, sink);
        if (request.cancel && *request.cancel) // a small file may end before any check
            throw ImportCanceled();
        rejects = std::move(sink.rejects);
    } catch (...) {
        textCheck.wait(); // never leave the thread reading an unmapped file
        throw;
    }
    const TextCheck check = textCheck.get();
    if (check.invalidUtf8At)
        throw InputError(request.path, lineAt(text, *check.invalidUtf8At), "",
                         "not valid UTF-8 (byte " + std::to_string(*check.invalidUtf8At) +
                             "); save the file as UTF-8");
    if (request.progress)
        request.progress(1.0);
    session->setSha256(check.sha256);
    result.imported = session->added();
    result.duplicates = session->duplicates();
    result.rejected = static_cast<std::int64_t>(rejects.size());
    result.batchId = session->commit(result.rejected);
    result.rejects = std::move(rejects);
    return result;
}

void writeRejects(const std::string& path, const std::vector<RejectedRecord>& rejects)
{
    auto quote = [](const std::string& s) {
        std::string q = "\"";
        for (char c : s)
            q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    std::string out = "file,line,field,reason\n";
    for (const RejectedRecord& r : rejects)
        out += quote(r.file) + "," + std::to_string(r.line) + "," + quote(r.field) + "," + quote(r.reason) + "\n";
    writeFileAtomically(path, out);
}

} // namespace finops
