// Small deterministic text helpers shared by the core (no locale, no std::hash).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace notwork {

// Copies at most max_bytes of valid UTF-8, replacing invalid sequences with U+FFFD and
// dropping NUL bytes; never splits a character.
std::string sanitize_utf8(std::string_view in, size_t max_bytes);
// The same into *out (replacing its content; its buffer is reused).
void sanitize_utf8(std::string_view in, size_t max_bytes, std::string* out);

// Resets `obj` to a default-constructed T, except that the listed string and list members
// keep their buffers (emptied): an object reused from item to item allocates only when an
// item outgrows them. Members left out are reset too, just without keeping their buffers.
template <class T, class... Members>
void reset_keeping_buffers(T& obj, Members... members) {
  T fresh;
  ((fresh.*members).swap(obj.*members), ...);
  ((fresh.*members).clear(), ...);
  obj = std::move(fresh);
}

// Keeps a function out of its callers. The stages of the per-post hot path are kept apart on
// purpose: in WebAssembly, V8's optimising compiler takes time that grows faster than a
// function's size, and the Node CLI pays it on every run (docs/performance.md, "Core").
#define NOTWORK_NOINLINE __attribute__((noinline))

// ASCII-only lowercase (deterministic everywhere).
std::string ascii_lower(std::string_view in);
inline bool is_ascii_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline bool is_ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_alnum(unsigned char c) { return is_ascii_alpha(c) || is_ascii_digit(c); }

// Letters and digits only, lowercased ("Ana Ruiz" -> "anaruiz"): compares names and domains.
inline std::string squeeze(std::string_view s) {
  std::string out;
  for (unsigned char c : s)
    if (is_ascii_alnum(c)) out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

// FNV-1a, 64 bit.
uint64_t fnv1a(std::string_view s, uint64_t seed = 1469598103934665603ULL);
inline uint64_t mix64(uint64_t x) {  // splitmix64 finaliser
  x ^= x >> 30; x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27; x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// At most max_chars code points, with "…" when cut; whitespace runs collapsed.
std::string clip(std::string_view s, size_t max_chars = 40);
// “clip(s)”
std::string quoted(std::string_view s, size_t max_chars = 40);

// A JSON Pointer reference token for `key` ("~" -> "~0", "/" -> "~1"), for error paths.
inline std::string escape_pointer(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

}  // namespace notwork
