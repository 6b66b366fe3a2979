# One static library per folder ("area"), linking only what it declares:
#
#   mediadesk_area_library(ikui_models FOLDER ui/models
#       DEPENDS ikui_thumbnails iksession     # our libraries, declared before this one
#       QT Qt6::Widgets)                      # anything else it links
#
# Every source of the area is read at configure time: an `#include "area/file.h"` that names a
# file of another area must be covered by DEPENDS (directly), else configuring fails and says
# which line. DEPENDS may only name areas declared earlier, so the dependency graph cannot have a
# cycle: models -> thumbnails and thumbnails -> models cannot both be declared. Include paths are
# written from the area's root (ui/, engine/), e.g. "models/filelistmodel.h".
#
# The areas are the architecture: README "Architecture" lists them in this order.

set_property(GLOBAL PROPERTY MEDIADESK_AREAS "")

# A folder's area key, e.g. "ui/models" -> "models" with root "ui".
function(_mediadesk_area_key folder out_root out_name)
    get_filename_component(_name "${folder}" NAME)
    get_filename_component(_root "${folder}" DIRECTORY)
    set(${out_root} "${_root}" PARENT_SCOPE)
    set(${out_name} "${_name}" PARENT_SCOPE)
endfunction()

function(mediadesk_area_library target)
    cmake_parse_arguments(ARG "" "FOLDER" "DEPENDS;QT;SOURCES" ${ARGN})
    set(folder "${PROJECT_SOURCE_DIR}/${ARG_FOLDER}")
    _mediadesk_area_key("${ARG_FOLDER}" root name)
    file(GLOB_RECURSE sources CONFIGURE_DEPENDS "${folder}/*.cpp" "${folder}/*.h")
    list(APPEND sources ${ARG_SOURCES})

    foreach(dep IN LISTS ARG_DEPENDS)
        get_property(known GLOBAL PROPERTY MEDIADESK_AREAS)
        if(NOT dep IN_LIST known AND NOT dep STREQUAL "ikcore" AND NOT dep STREQUAL "ikemulator")
            message(FATAL_ERROR "${target} depends on ${dep}, which is not declared before it: "
                                "areas depend one way only (see cmake/MediadeskLibraries.cmake)")
        endif()
    endforeach()

    add_library(${target} STATIC ${sources})
    target_include_directories(${target} PUBLIC "${PROJECT_SOURCE_DIR}/${root}")
    target_link_libraries(${target} PUBLIC ${ARG_DEPENDS} ${ARG_QT} PRIVATE mediadesk_settings)
    set_property(GLOBAL APPEND PROPERTY MEDIADESK_AREAS ${target})
    set_property(GLOBAL PROPERTY MEDIADESK_AREA_FOLDER_${target} "${ARG_FOLDER}")
    set_property(GLOBAL PROPERTY MEDIADESK_AREA_SOURCES_${target} "${sources}")
    set_property(GLOBAL PROPERTY MEDIADESK_AREA_DEPENDS_${target} "${ARG_DEPENDS}")
endfunction()

# Once every area is declared (top-level CMakeLists.txt): which other areas does each area's code
# include? Each must be among its DEPENDS.
function(mediadesk_check_area_includes)
    get_property(areas GLOBAL PROPERTY MEDIADESK_AREAS)
    foreach(target IN LISTS areas)
        get_property(sources GLOBAL PROPERTY MEDIADESK_AREA_SOURCES_${target})
        get_property(depends GLOBAL PROPERTY MEDIADESK_AREA_DEPENDS_${target})
        _mediadesk_check_sources(${target} "${sources}" "${depends}")
    endforeach()
endfunction()

function(_mediadesk_check_sources target sources ARG_DEPENDS)
    get_property(areas GLOBAL PROPERTY MEDIADESK_AREAS)
    foreach(source IN LISTS sources)
        if(NOT source MATCHES "\\.(cpp|h)$")
            continue()
        endif()
        file(STRINGS "${source}" lines REGEX "^[ \t]*#[ \t]*include[ \t]+\"[a-z]+/[^\"]+\"")
        foreach(line IN LISTS lines)
            string(REGEX REPLACE "^[^\"]*\"([a-z]+)/([^\"]+)\".*$" "\\1;\\2" parts "${line}")
            list(GET parts 0 included_area)
            list(GET parts 1 included_file)
            foreach(other IN LISTS areas)
                get_property(other_folder GLOBAL PROPERTY MEDIADESK_AREA_FOLDER_${other})
                _mediadesk_area_key("${other_folder}" other_root other_name)
                if(other STREQUAL target OR NOT other_name STREQUAL included_area)
                    continue()
                endif()
                if(EXISTS "${PROJECT_SOURCE_DIR}/${other_folder}/${included_file}"
                   AND NOT other IN_LIST ARG_DEPENDS)
                    file(RELATIVE_PATH shown "${PROJECT_SOURCE_DIR}" "${source}")
                    message(SEND_ERROR "${shown} includes \"${included_area}/${included_file}\" "
                                        "but ${target} does not depend on ${other}. Declare it in "
                                        "DEPENDS if that is the direction data flows, or move the code.")
                endif()
            endforeach()
        endforeach()
    endforeach()

endfunction()

