#pragma once

#include <QString>
#include <functional>
#include <type_traits>
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

    // std::expected's monadic operations (C++23): a chain of steps that can
    // fail reads as one expression instead of a `return fail(x.error())`
    // after each step.
    // f(value) -> Result<U, E>: run only on success.
    template<typename F> auto and_then(F &&f) const &
    {
        using Next = std::invoke_result_t<F, const T &>;
        if (ok())
            return std::invoke(std::forward<F>(f), value());
        return Next(Failure<E> { error() });
    }
    // f(value) -> U: the value mapped, the error kept.
    template<typename F>
    auto transform(F &&f) const & -> Result<std::invoke_result_t<F, const T &>, E>
    {
        if (ok())
            return std::invoke(std::forward<F>(f), value());
        return Failure<E> { error() };
    }
    // f(error) -> G: the error mapped (a layer's error into the next one's).
    template<typename F>
    auto transform_error(F &&f) const & -> Result<T, std::invoke_result_t<F, const E &>>
    {
        using G = std::invoke_result_t<F, const E &>;
        if (ok())
            return value();
        return Failure<G> { std::invoke(std::forward<F>(f), error()) };
    }

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

    template<typename F>
    auto transform_error(F &&f) const & -> Result<void, std::invoke_result_t<F, const E &>>
    {
        using G = std::invoke_result_t<F, const E &>;
        if (ok())
            return {};
        return Failure<G> { std::invoke(std::forward<F>(f), error()) };
    }

private:
    E m_error {};
    bool m_ok = true;
};

} // namespace hearth
