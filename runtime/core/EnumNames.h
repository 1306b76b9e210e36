#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>
#include <array>
#include <cstddef>
#include <optional>

namespace hearth {

// An enum's names as one table, so that each value has exactly one spelling
// (in the API, the database and the host protocol) and nothing else spells
// them.
template<typename E> struct EnumName
{
    E value;
    const char16_t *name;
};

template<typename E, std::size_t N> QString nameOf(const std::array<EnumName<E>, N> &names, E value)
{
    for (const EnumName<E> &entry : names) {
        if (entry.value == value)
            return QString::fromUtf16(entry.name);
    }
    return {};
}

template<typename E, std::size_t N>
std::optional<E> valueOf(const std::array<EnumName<E>, N> &names, QStringView name)
{
    for (const EnumName<E> &entry : names) {
        if (name == QStringView(entry.name))
            return entry.value;
    }
    return std::nullopt;
}

// Every name, in the table's order (for "must be one of …").
template<typename E, std::size_t N> QStringList allNames(const std::array<EnumName<E>, N> &names)
{
    QStringList all;
    for (const EnumName<E> &entry : names)
        all.append(QString::fromUtf16(entry.name));
    return all;
}

} // namespace hearth
