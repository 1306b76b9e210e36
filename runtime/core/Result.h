#pragma once

#include <QString>
#include <utility>
#include <variant>

namespace hearth {

// Wraps an error value so that Result<T, E> stays unambiguous even when T and E
// are the same type (like std::unexpected, which C++20 does not have yet).
template<typename E> struct Failure
{
    E error;
};

template<typename E> Failure<std::decay_t<E>> fail(E &&error)
{
    return { std::forward<E>(error) };
}

// The explicit result of an operation that can fail; crosses module boundaries
// instead of exceptions. E defaults to a human-readable message.
template<typename T, typename E = QString> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_state(std::in_place_index<0>, std::move(value))
    {
    }
    template<typename F>
    Result(Failure<F> failure)
        : m_state(std::in_place_index<1>, E(std::move(failure.error)))
    {
    }

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_state); }
    const T &value() const & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const E &error() const { return std::get<1>(m_state); }

private:
    std::variant<T, E> m_state;
};

template<typename E> class [[nodiscard]] Result<void, E>
{
public:
    Result() = default;
    template<typename F>
    Result(Failure<F> failure)
        : m_error(E(std::move(failure.error)))
        , m_ok(false)
    {
    }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const E &error() const { return m_error; }

private:
    E m_error {};
    bool m_ok = true;
};

} // namespace hearth
