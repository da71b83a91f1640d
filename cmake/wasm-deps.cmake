# Dependencies of the WebAssembly build (included by the top-level CMakeLists.txt
# when the Emscripten toolchain is active).
#
#   notwork_re2   RE2 compiled from Debian's source package (third_party/re2-src,
#                 prepared by scripts/fetch-re2-source.sh with regenerated Unicode tables)
#   notwork_json  nlohmann/json from a private copy of its headers: em++ must never
#                 see /usr/include (glibc's headers there break the wasm sysroot).
#
# Exceptions: the core reports bad input by throwing std::invalid_argument and the
# exports catch it, so C++ exceptions must work in every translation unit.
# NOTWORK_WASM_EXCEPTIONS selects how:
#   wasm  native WebAssembly exception handling (-fwasm-exceptions), the default: smaller
#         and faster (no JS trampolines); Chromium >= 95, Node >= 17. Its libc++/libc++abi
#         variants ("-except") are in Debian's prebuilt Emscripten cache.
#   js    Emscripten's JavaScript-based catching (-fexceptions): for older engines; every
#         call that may throw goes through a JS "invoke_*" trampoline (slower, bigger).

set(NOTWORK_WASM_EXCEPTIONS "wasm" CACHE STRING "C++ exception support in wasm: wasm|js")
set_property(CACHE NOTWORK_WASM_EXCEPTIONS PROPERTY STRINGS wasm js)
if(NOTWORK_WASM_EXCEPTIONS STREQUAL "wasm")
  add_compile_options(-fwasm-exceptions)
  add_link_options(-fwasm-exceptions)
elseif(NOTWORK_WASM_EXCEPTIONS STREQUAL "js")
  add_compile_options(-fexceptions)
  add_link_options(-fexceptions)
else()
  message(FATAL_ERROR "NOTWORK_WASM_EXCEPTIONS must be wasm or js")
endif()

# --- RE2 ------------------------------------------------------------------------
set(NOTWORK_RE2_SOURCE_DIR "${PROJECT_SOURCE_DIR}/third_party/re2-src"
    CACHE PATH "RE2 source tree (Debian's source package with Unicode tables)")
if(NOT EXISTS "${NOTWORK_RE2_SOURCE_DIR}/re2/re2.cc"
   OR NOT EXISTS "${NOTWORK_RE2_SOURCE_DIR}/re2/unicode_groups.cc")
  message(FATAL_ERROR
    "RE2 source not found in ${NOTWORK_RE2_SOURCE_DIR}. Run scripts/fetch-re2-source.sh "
    "(./dev setup does) to fetch Debian's source package and regenerate its tables.")
endif()

# The library part of RE2's own CMakeLists.txt (its tests and install rules are not
# wanted here, and its find_package(Threads) is meaningless without -pthread).
set(_re2_sources
  re2/bitstate.cc re2/compile.cc re2/dfa.cc re2/filtered_re2.cc re2/mimics_pcre.cc
  re2/nfa.cc re2/onepass.cc re2/parse.cc re2/perl_groups.cc re2/prefilter.cc
  re2/prefilter_tree.cc re2/prog.cc re2/re2.cc re2/regexp.cc re2/set.cc re2/simplify.cc
  re2/stringpiece.cc re2/tostring.cc re2/unicode_casefold.cc re2/unicode_groups.cc
  util/rune.cc util/strutil.cc)
list(TRANSFORM _re2_sources PREPEND "${NOTWORK_RE2_SOURCE_DIR}/")
add_library(re2_wasm STATIC ${_re2_sources})
target_include_directories(re2_wasm SYSTEM PUBLIC "${NOTWORK_RE2_SOURCE_DIR}")
target_compile_options(re2_wasm PRIVATE -w)
set_target_properties(re2_wasm PROPERTIES CXX_STANDARD 17)

add_library(notwork_re2 INTERFACE)
target_link_libraries(notwork_re2 INTERFACE re2_wasm)

# --- nlohmann/json --------------------------------------------------------------
set(NOTWORK_JSON_HEADERS "/usr/include/nlohmann" CACHE PATH
    "nlohmann/json headers to copy (Debian's nlohmann-json3-dev)")
if(NOT EXISTS "${NOTWORK_JSON_HEADERS}/json.hpp")
  message(FATAL_ERROR "nlohmann/json not found in ${NOTWORK_JSON_HEADERS} (apt-get install nlohmann-json3-dev)")
endif()
set(_json_include "${CMAKE_BINARY_DIR}/include")
file(REMOVE_RECURSE "${_json_include}/nlohmann")
file(COPY "${NOTWORK_JSON_HEADERS}/" DESTINATION "${_json_include}/nlohmann")
add_library(notwork_json INTERFACE)
target_include_directories(notwork_json SYSTEM INTERFACE "${_json_include}")
