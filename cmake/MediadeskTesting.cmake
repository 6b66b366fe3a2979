# mediadesk_add_qtest(<name> SOURCES <files...> LIBS <targets...> [LABELS <labels...>] [ENVIRONMENT <K=V...>])
# Builds a Qt Test executable and registers it with CTest. The test data folder is passed as
# MEDIADESK_TEST_DATA so tests never depend on the working directory.
function(mediadesk_add_qtest name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS;ENVIRONMENT" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE mediadesk_settings Qt6::Test ${ARG_LIBS})
    target_compile_definitions(${name} PRIVATE
        MEDIADESK_TEST_DATA="${PROJECT_SOURCE_DIR}/tests/data")
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;${ARG_ENVIRONMENT}")
endfunction()

# mediadesk_add_benchmark(<name> SOURCES <files...> LIBS <targets...>)
# Benchmarks are built with the project but are never registered with CTest: run them with
# `cmake --build build --target benchmarks` or directly from build/tests/bench/.
function(mediadesk_add_benchmark name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE mediadesk_settings ${ARG_LIBS})
    add_dependencies(benchmarks ${name})
endfunction()
