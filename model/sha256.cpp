#include "sha256.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdexcept>

namespace finops {

struct Sha256::Context
{
    EVP_MD_CTX* ctx = nullptr;
};

Sha256::Sha256() : m_context(new Context)
{
    m_context->ctx = EVP_MD_CTX_new();
    if (!m_context->ctx || EVP_DigestInit_ex(m_context->ctx, EVP_sha256(), nullptr) != 1) {
        EVP_MD_CTX_free(m_context->ctx);
        delete m_context;
        throw std::runtime_error("SHA-256 is not available from OpenSSL");
    }
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(m_context->ctx);
    delete m_context;
    // OpenSSL keeps per-thread state (its error queue) that it frees only when the thread
    // ends. Hashing runs on pool threads, which Qt joins at exit just before their TLS
    // destructors run, so a leak checker sometimes saw that state as leaked. Free it here;
    // OpenSSL builds it again on the next use in this thread.
    OPENSSL_thread_stop();
}

void Sha256::update(const void* data, std::size_t size)
{
    if (size > 0 && EVP_DigestUpdate(m_context->ctx, data, size) != 1)
        throw std::runtime_error("SHA-256 update failed");
}

std::array<std::uint8_t, 32> Sha256::digest()
{
    std::array<std::uint8_t, 32> out{};
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(m_context->ctx, out.data(), &length) != 1 || length != out.size())
        throw std::runtime_error("SHA-256 final failed");
    return out;
}

std::string Sha256::hexDigest()
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (std::uint8_t b : digest()) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

std::string Sha256::hex(std::string_view data)
{
    Sha256 h;
    h.update(data);
    return h.hexDigest();
}

} // namespace finops
