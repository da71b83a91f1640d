// Shared by the export files: how an answer crosses the boundary (see exports.cc).
#pragma once

#include <cstddef>
#include <exception>
#include <new>
#include <string>
#include <string_view>

namespace notwork::wasm {

// Copies `text` to a malloc'd NUL-terminated buffer and records its byte length.
char* to_heap(const std::string& text);
// Records that the current answer is an error ({"error": message}) and returns it.
char* failure(const char* message);
// Clears the previous call's length and error flag.
void begin_call();

inline std::string_view view(const char* data, std::size_t length) {
  return data == nullptr ? std::string_view() : std::string_view(data, length);
}

// Runs `answer` and returns its text on the heap, or an {"error"} answer when it
// throws: nothing ever throws across the boundary.
template <class Answer>
char* guarded(Answer&& answer) {
  begin_call();
  try {
    return to_heap(answer());
  } catch (const std::bad_alloc&) {
    return failure("out of memory");
  } catch (const std::exception& e) {
    return failure(e.what());
  } catch (...) {
    return failure("unexpected error in the scoring core");
  }
}

}  // namespace notwork::wasm
