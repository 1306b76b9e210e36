# Layers the build enforces. Every folder under runtime/ (and ui/, app/)
# belongs to one library; a library's sources may include headers of its own
# folders and of the folders it names in MAY_INCLUDE, nothing else. The check
# runs before the library compiles, again whenever one of its sources
# changes, and fails the build naming the file and the include, so an arrow
# against the direction (store → scheduler, model → secrets, …) cannot land.
#
#   hearth_layer(<target> MAY_INCLUDE <folder>...)

set(HEARTH_LAYER_CHECK ${CMAKE_CURRENT_LIST_DIR}/CheckLayerIncludes.cmake)

function(hearth_layer target)
    cmake_parse_arguments(LAYER "" "" "MAY_INCLUDE" ${ARGN})
    get_target_property(_sources ${target} SOURCES)
    get_target_property(_dir ${target} SOURCE_DIR)
    set(_files "")
    set(_own "")
    foreach(_source IN LISTS _sources)
        if(NOT _source MATCHES "\\.(h|cpp)$")
            continue()
        endif()
        cmake_path(ABSOLUTE_PATH _source BASE_DIRECTORY ${_dir} OUTPUT_VARIABLE _path)
        list(APPEND _files ${_path})
        # The folder a source lives in (its first component below the
        # target's directory) is the target's own.
        cmake_path(RELATIVE_PATH _path BASE_DIRECTORY ${_dir} OUTPUT_VARIABLE _relative)
        string(REGEX REPLACE "/.*$" "" _folder "${_relative}")
        if(NOT _folder STREQUAL _relative)
            list(APPEND _own ${_folder})
        endif()
    endforeach()
    list(REMOVE_DUPLICATES _own)
    set(_allowed ${_own} ${LAYER_MAY_INCLUDE})
    string(REPLACE ";" "," _allowedArg "${_allowed}")
    set(_list ${CMAKE_CURRENT_BINARY_DIR}/${target}.layer-files)
    string(REPLACE ";" "\n" _fileLines "${_files}")
    file(WRITE ${_list} "${_fileLines}\n")
    set(_stamp ${CMAKE_CURRENT_BINARY_DIR}/${target}.layer-checked)
    add_custom_command(OUTPUT ${_stamp}
        COMMAND ${CMAKE_COMMAND} -DLAYER_TARGET=${target} -DLAYER_ALLOWED=${_allowedArg}
                -DLAYER_FILES=${_list} -DLAYER_STAMP=${_stamp} -P ${HEARTH_LAYER_CHECK}
        DEPENDS ${_files} ${_list} ${HEARTH_LAYER_CHECK}
        COMMENT "Checking that ${target} includes only its own layer and those below"
        VERBATIM)
    add_custom_target(${target}_layer DEPENDS ${_stamp})
    add_dependencies(${target} ${target}_layer)
endfunction()
