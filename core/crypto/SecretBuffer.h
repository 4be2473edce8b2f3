#pragma once
// Move-only buffer for secrets (seeds, expanded keys, passwords, cookies).
// Memory comes from sodium_malloc: guard pages, mlock()ed, canary-checked and
// zeroed on free. Never copy its contents into QString/QByteArray except where
// a consuming API demands it, and wipe that copy at once.

#include <QByteArrayView>

#include <cstddef>
#include <cstdint>

namespace rb::crypto {

class SecretBuffer {
public:
    SecretBuffer() = default;
    explicit SecretBuffer(std::size_t size);  // zero-filled
    static SecretBuffer fromBytes(QByteArrayView bytes);
    ~SecretBuffer();

    SecretBuffer(SecretBuffer&& other) noexcept;
    SecretBuffer& operator=(SecretBuffer&& other) noexcept;
    SecretBuffer(const SecretBuffer&) = delete;
    SecretBuffer& operator=(const SecretBuffer&) = delete;

    // Explicit deep copy; use sparingly.
    [[nodiscard]] SecretBuffer clone() const;

    [[nodiscard]] std::uint8_t* data() { return m_data; }
    [[nodiscard]] const std::uint8_t* data() const { return m_data; }
    [[nodiscard]] std::size_t size() const { return m_size; }
    [[nodiscard]] bool isEmpty() const { return m_size == 0; }
    [[nodiscard]] QByteArrayView view() const
    {
        return {reinterpret_cast<const char*>(m_data), static_cast<qsizetype>(m_size)};
    }
    // Constant-time comparison.
    [[nodiscard]] bool equals(const SecretBuffer& other) const;

    void clear();

private:
    std::uint8_t* m_data = nullptr;
    std::size_t m_size = 0;
};

}  // namespace rb::crypto
