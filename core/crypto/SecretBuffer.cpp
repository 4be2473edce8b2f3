#include "crypto/SecretBuffer.h"

#include "crypto/Crypto.h"

#include <sodium.h>

#include <new>
#include <utility>

namespace rb::crypto {

SecretBuffer::SecretBuffer(std::size_t size)
{
    ensureInitialized();
    if (size == 0) {
        return;
    }
    m_data = static_cast<std::uint8_t*>(sodium_malloc(size));
    if (m_data == nullptr) {
        throw std::bad_alloc();
    }
    sodium_memzero(m_data, size);
    m_size = size;
}

SecretBuffer SecretBuffer::fromBytes(QByteArrayView bytes)
{
    SecretBuffer buf(static_cast<std::size_t>(bytes.size()));
    if (!bytes.isEmpty()) {
        std::memcpy(buf.m_data, bytes.data(), static_cast<std::size_t>(bytes.size()));
    }
    return buf;
}

SecretBuffer::~SecretBuffer() { clear(); }

SecretBuffer::SecretBuffer(SecretBuffer&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0))
{
}

SecretBuffer& SecretBuffer::operator=(SecretBuffer&& other) noexcept
{
    if (this != &other) {
        clear();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

SecretBuffer SecretBuffer::clone() const { return fromBytes(view()); }

bool SecretBuffer::equals(const SecretBuffer& other) const
{
    if (m_size != other.m_size) {
        return false;
    }
    if (m_size == 0) {
        return true;
    }
    return sodium_memcmp(m_data, other.m_data, m_size) == 0;
}

void SecretBuffer::clear()
{
    if (m_data != nullptr) {
        sodium_free(m_data);  // zeroes before releasing
        m_data = nullptr;
        m_size = 0;
    }
}

}  // namespace rb::crypto
