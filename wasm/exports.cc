// The WebAssembly boundary: C functions over the JSON facade (core/include/notwork/api.h).
//
// Conventions (wasm/notwork.js is the only caller):
//  - Strings go in as (pointer, byte length) of UTF-8 in wasm memory owned by the caller.
//  - Every call that answers returns a malloc'd, NUL-terminated UTF-8 string; its byte
//    length is notwork_result_length() and the caller frees it with notwork_free().
//  - Nothing throws across the boundary. On bad input (the core throws
//    std::invalid_argument) the answer is {"error":"<message>"} and notwork_result_failed()
//    is 1 until the next call, so the caller never has to guess from the JSON's shape.
//  - One call per batch: score_batch takes a whole JSON array of posts.
#include <emscripten/emscripten.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "notwork/api.h"
#include "exports.h"

namespace notwork::wasm {
namespace {
std::size_t g_result_length = 0;
int g_result_failed = 0;
}  // namespace

char* to_heap(const std::string& text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out == nullptr) return nullptr;
  std::memcpy(out, text.data(), text.size());
  out[text.size()] = '\0';
  g_result_length = text.size();
  return out;
}

char* failure(const char* message) {
  g_result_failed = 1;
  nlohmann::json error = {{"error", message}};
  return to_heap(error.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void begin_call() {
  g_result_failed = 0;
  g_result_length = 0;
}

}  // namespace notwork::wasm

using notwork::wasm::guarded;
using notwork::wasm::view;

extern "C" {

// --- memory ---------------------------------------------------------------------
EMSCRIPTEN_KEEPALIVE void* notwork_alloc(std::size_t size) { return std::malloc(size); }
EMSCRIPTEN_KEEPALIVE void notwork_free(void* pointer) { std::free(pointer); }

// --- start-up --------------------------------------------------------------------
// The next step of the one-time start-up (notwork::prepare_step): returns how many remain
// (0: ready; creating a session is then quick), or -1 when it failed (out of memory: the
// session's creation then reports it).
EMSCRIPTEN_KEEPALIVE int notwork_prepare_step() {
  try {
    return notwork::prepare_step();
  } catch (...) {
    return -1;
  }
}
EMSCRIPTEN_KEEPALIVE std::size_t notwork_result_length() { return notwork::wasm::g_result_length; }
EMSCRIPTEN_KEEPALIVE int notwork_result_failed() { return notwork::wasm::g_result_failed; }

// --- sessions -------------------------------------------------------------------
EMSCRIPTEN_KEEPALIVE notwork::Session* notwork_session_create() {
  try {
    return new notwork::Session();
  } catch (...) {
    return nullptr;
  }
}

EMSCRIPTEN_KEEPALIVE void notwork_session_destroy(notwork::Session* session) { delete session; }

EMSCRIPTEN_KEEPALIVE char* notwork_session_configure(notwork::Session* session, const char* json,
                                                     std::size_t length) {
  return guarded([&] { return session->configure(view(json, length)); });
}

EMSCRIPTEN_KEEPALIVE char* notwork_session_score_batch(notwork::Session* session, const char* json,
                                                       std::size_t length) {
  return guarded([&] { return session->score_batch(view(json, length)); });
}

EMSCRIPTEN_KEEPALIVE char* notwork_session_audit(notwork::Session* session, const char* json,
                                                 std::size_t length) {
  return guarded([&] { return session->audit(view(json, length)); });
}

EMSCRIPTEN_KEEPALIVE void notwork_session_reset_context(notwork::Session* session) {
  session->reset_context();
}

// Author memory (Session::export_state / import_state), one call for the whole state.
// export: the options JSON in; the state document out.
EMSCRIPTEN_KEEPALIVE char* notwork_session_export_state(notwork::Session* session, const char* options,
                                                        std::size_t length) {
  return guarded([&] { return session->export_state(view(options, length)); });
}

// import: "<options JSON>\n<state document>" in (the options are one line: JSON.stringify
// never writes a raw line break); {"ok","error","authors","posts","comments","expired"} out.
EMSCRIPTEN_KEEPALIVE char* notwork_session_import_state(notwork::Session* session, const char* text,
                                                        std::size_t length) {
  return guarded([&] {
    const std::string_view all = view(text, length);
    const std::size_t nl = all.find('\n');
    if (nl == std::string_view::npos) return session->import_state(all);
    return session->import_state(all.substr(nl + 1), all.substr(0, nl));
  });
}

// --- session-free queries -------------------------------------------------------
EMSCRIPTEN_KEEPALIVE char* notwork_validate_config(const char* json, std::size_t length) {
  return guarded([&] { return notwork::validate_config(view(json, length)); });
}

EMSCRIPTEN_KEEPALIVE char* notwork_validate_pattern(const char* pattern, std::size_t length) {
  return guarded([&] { return notwork::validate_pattern(view(pattern, length)); });
}

EMSCRIPTEN_KEEPALIVE char* notwork_catalogue() {
  return guarded([] { return notwork::catalogue(); });
}

EMSCRIPTEN_KEEPALIVE char* notwork_default_config() {
  return guarded([] { return notwork::default_config(); });
}

}  // extern "C"
