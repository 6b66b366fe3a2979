# cmake -DPROBE=<tests/build/areas> -DWORK=<scratch dir> -DCMAKE_DIR=<cmake/> -DCYCLE=ON|OFF -P probe.cmake
# Copies the probe project to WORK, adds one/cycle.cpp (including "two/two.h") when CYCLE, and
# configures it; prints CMake's output and fails when configuring failed.
file(REMOVE_RECURSE "${WORK}")
file(COPY "${PROBE}/" DESTINATION "${WORK}/src" PATTERN "probe.cmake" EXCLUDE)
if(CYCLE)
    file(WRITE "${WORK}/src/one/cycle.cpp" "#include \"two/two.h\"\nint cycle() { return two(); }\n")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${WORK}/src" -B "${WORK}/build" "-DMEDIADESK_CMAKE_DIR=${CMAKE_DIR}"
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT result EQUAL 0)
    message(FATAL_ERROR "configuring the probe failed")
endif()
