# Shared helpers for PulseLab targets: warning flags and Qt Test registration.

function(pulselab_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Woverloaded-virtual)
  if(PULSELAB_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# One Qt Test executable per tst_*.cpp file, registered with CTest under "<prefix>.<unit>".
# Extra arguments after LIBS are linked; LABELS tags the tests (core, widgets, e2e).
function(pulselab_add_test_dir prefix)
  cmake_parse_arguments(ARG "" "TIMEOUT" "LIBS;LABELS;ENVIRONMENT" ${ARGN})
  file(GLOB test_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tst_*.cpp)
  foreach(src IN LISTS test_sources)
    get_filename_component(unit ${src} NAME_WE)
    set(target ${prefix}_${unit})
    add_executable(${target} ${src})
    target_link_libraries(${target} PRIVATE ${ARG_LIBS} Qt6::Test)
    target_compile_definitions(${target} PRIVATE
      PULSELAB_SOURCE_DIR="${PROJECT_SOURCE_DIR}" PULSELAB_BINARY_DIR="${PROJECT_BINARY_DIR}")
    set_target_properties(${target} PROPERTIES AUTOMOC ON)
    pulselab_warnings(${target})
    string(REPLACE "tst_" "" short ${unit})
    add_test(NAME ${prefix}.${short} COMMAND ${target})
    if(NOT ARG_TIMEOUT)
      set(ARG_TIMEOUT 300)
      if(PULSELAB_SANITIZE OR PULSELAB_TSAN)
        set(ARG_TIMEOUT 900) # instrumented code runs several times slower
      endif()
    endif()
    set(environment ${ARG_ENVIRONMENT})
    # Readers of untrusted HDF5 files read them first in this child process (core/io/hdf5_isolation.h).
    add_dependencies(${target} pulselab-hdf5-probe)
    list(APPEND environment "PULSELAB_HDF5_PROBE=$<TARGET_FILE:pulselab-hdf5-probe>")
    if(PULSELAB_SANITIZE)
      # Leak checking stays on for the core; GUI tests load Mesa, D-Bus and font plugins that leak small
      # allocations at exit (unloaded modules LSan cannot name), so there only ASan/UBSan errors count.
      if("${ARG_LABELS}" STREQUAL "core")
        list(APPEND environment "ASAN_OPTIONS=detect_leaks=1")
      else()
        list(APPEND environment "ASAN_OPTIONS=detect_leaks=0")
      endif()
      list(APPEND environment "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
    endif()
    if(PULSELAB_TSAN)
      list(APPEND environment
           "TSAN_OPTIONS=halt_on_error=1 suppressions=${PROJECT_SOURCE_DIR}/tests/sanitizers/tsan.supp")
    endif()
    set_tests_properties(${prefix}.${short} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT}
                         ENVIRONMENT "${environment}")
  endforeach()
endfunction()
