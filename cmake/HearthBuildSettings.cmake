# One interface target carries the strict settings; every Hearth target links it.
add_library(hearth_build_settings INTERFACE)

target_compile_options(hearth_build_settings INTERFACE -Wall -Wextra -Wpedantic)
if(HEARTH_WERROR)
    target_compile_options(hearth_build_settings INTERFACE -Werror)
    # Extra runtime checks CI wants on top of warnings-as-errors.
    target_compile_definitions(hearth_build_settings INTERFACE
        _GLIBCXX_ASSERTIONS QT_FORCE_ASSERTS)
endif()

# Test builds compile hearth_test into the sandbox host's SDK (crashes,
# system call probes, raw protocol frames); a release build never does.
if(HEARTH_BUILD_TESTS AND NOT CMAKE_BUILD_TYPE STREQUAL "Release")
    target_compile_definitions(hearth_build_settings INTERFACE HEARTH_SANDBOX_TEST_FUNCTIONS)
endif()

target_compile_definitions(hearth_build_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER)

# The version is in one generated header (core/Version.h includes it), not on
# every compile line: building another version (CI's lower package, to
# upgrade from) recompiles only what shows the version.
configure_file(${CMAKE_CURRENT_LIST_DIR}/HearthVersion.h.in
    ${CMAKE_BINARY_DIR}/generated/HearthVersion.h @ONLY)
target_include_directories(hearth_build_settings INTERFACE ${CMAKE_BINARY_DIR}/generated)

if(HEARTH_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "HEARTH_FUZZ needs clang (CXX=clang++)")
    endif()
    # Coverage for all of our code; the fuzz targets add the libFuzzer main.
    target_compile_options(hearth_build_settings INTERFACE -fsanitize=fuzzer-no-link)
    set(HEARTH_SANITIZE ON)
endif()

if(HEARTH_SANITIZE)
    # GCC leaves float-cast-overflow out of "undefined" (clang has it in):
    # named so both builds catch a double converted beyond an integer's range.
    set(_hearth_sanitizers -fsanitize=address,undefined,float-cast-overflow
        -fno-omit-frame-pointer -fno-sanitize-recover=undefined,float-cast-overflow)
    target_compile_options(hearth_build_settings INTERFACE ${_hearth_sanitizers})
    target_link_options(hearth_build_settings INTERFACE ${_hearth_sanitizers})
endif()

# Fails the configure step if `target` links anything whose name matches
# `pattern`, directly or through one of its dependencies.
function(hearth_assert_no_link target pattern why)
    set(_queue ${target})
    set(_seen "")
    while(_queue)
        list(POP_FRONT _queue _current)
        if(_current IN_LIST _seen)
            continue()
        endif()
        list(APPEND _seen ${_current})
        if(_current MATCHES "${pattern}")
            message(FATAL_ERROR "${target} ${why} but links ${_current}")
        endif()
        if(TARGET ${_current})
            get_target_property(_aliased ${_current} ALIASED_TARGET)
            if(_aliased)
                list(APPEND _queue ${_aliased})
            endif()
            get_target_property(_type ${_current} TYPE)
            set(_props INTERFACE_LINK_LIBRARIES)
            if(NOT _type STREQUAL "INTERFACE_LIBRARY")
                list(APPEND _props LINK_LIBRARIES)
            endif()
            foreach(_prop ${_props})
                get_target_property(_deps ${_current} ${_prop})
                if(_deps)
                    foreach(_dep ${_deps})
                        string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" _dep "${_dep}")
                        list(APPEND _queue ${_dep})
                    endforeach()
                endif()
            endforeach()
        endif()
    endwhile()
endfunction()

function(hearth_assert_gui_free target)
    hearth_assert_no_link(${target} "^Qt6?::(Gui|Widgets|OpenGL|Quick)" "must stay GUI-free")
endfunction()

# Scripts never run inside hearthd: what it is made of must not link Lua.
function(hearth_assert_lua_free target)
    hearth_assert_no_link(${target} "(^PkgConfig::LUA|^hearth_lua$|lua5)"
        "runs no Lua (scripts run in sandbox hosts)")
endfunction()
